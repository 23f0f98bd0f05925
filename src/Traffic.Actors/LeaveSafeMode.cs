using Traffic.Control;

namespace Traffic.Actors;

/// <summary>From a supervisor to its child on an operator's <see cref="ResumeNormalControl"/>: back to the corridor's operation.</summary>
internal sealed record LeaveSafeMode(string IntersectionId, long Time, ControlMode Mode, TimingPlan Plan, MemberCoordination? Coordinated) : IIntersectionInput;
