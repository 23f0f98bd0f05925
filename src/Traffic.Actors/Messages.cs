using Traffic.Control;
using Traffic.Signals.Model;
using Traffic.Signals.Safety;
using Traffic.Signals.Sequencing;

namespace Traffic.Actors;

// Every time below is event time in ticks of 0.1 s since the Unix epoch (see EventTime): the time at
// the source, converted at the edge. Nothing in the actors reads the wall clock.

/// <summary>A message addressed to one intersection; <see cref="IntersectionMessageExtractor"/> routes on it.</summary>
public interface IHasIntersectionId
{
    string IntersectionId { get; }
}

/// <summary>An input to an intersection carrying its source event time.</summary>
public interface IIntersectionInput : IHasIntersectionId
{
    long Time { get; }
}

/// <summary>A message addressed to a corridor supervisor.</summary>
public interface IHasCorridorId
{
    string CorridorId { get; }
}

/// <summary>What the actors publish through <see cref="IOutbound"/>.</summary>
public interface IOutboundMessage
{
}

/// <summary>How an intersection is controlled.</summary>
public enum ControlMode
{
    /// <summary>Free (uncoordinated) operation under the intersection's own policy: actuated unless the host gives another.</summary>
    Free,

    /// <summary>Fixed time on a plan from its corridor (common cycle, offset).</summary>
    Coordinated,

    /// <summary>Fixed time that ignores detection, after repeated crashes; only an operator takes it out.</summary>
    SafeFixedTime,
}

public enum AlarmSeverity
{
    Info,
    Warning,
    Critical,
}

// ---- time

/// <summary>Event time now (from the live driver's clock or a replay): every intersection advances to it.</summary>
public sealed record Tick(long Time);

// ---- field and CCTV inputs

/// <summary>Detector readings; <see cref="DetectorReading.Detector"/> indexes <see cref="Intersection.Detectors"/>.</summary>
public sealed record DetectorBatch(string IntersectionId, long Time, IReadOnlyList<DetectorReading> Readings) : IIntersectionInput;

/// <summary>CCTV counts per approach leg.</summary>
public sealed record CctvCounts(string IntersectionId, long Time, IReadOnlyList<ApproachObservation> Observations) : IIntersectionInput;

/// <summary>
/// What the tracking cameras see per stop-bar detector: the vehicles approaching its lanes and the room behind the
/// junction (<see cref="int.MaxValue"/> when not seen). Policies that schedule arrivals (<see cref="IArrivalObserver"/>)
/// take them; others ignore them.
/// </summary>
public sealed record TrackedArrivals(string IntersectionId, long Time, IReadOnlyList<LaneArrivals> Lanes) : IIntersectionInput;

/// <summary>One stop-bar detector (<paramref name="Detector"/> indexes <see cref="Intersection.Detectors"/>): its approaching vehicles and exit room.</summary>
public sealed record LaneArrivals(int Detector, IReadOnlyList<ApproachingVehicle> Vehicles, int ExitRoom);

/// <summary>Status from the field controller: phases it is timing, pedestrian calls, faults it reports, its heartbeat counter.</summary>
public sealed record ControllerStatus(
    string IntersectionId,
    long Time,
    IReadOnlyList<int> CurrentPhases,
    IReadOnlyList<int> PedCalls,
    IReadOnlyList<string> Faults,
    long Heartbeat) : IIntersectionInput;

/// <summary>The field controller acknowledges timing plan <paramref name="Seq"/>.</summary>
public sealed record PlanAck(string IntersectionId, long Time, long Seq) : IIntersectionInput;

// ---- commands (operator, emergency vehicle priority)

public sealed record Preempt(string IntersectionId, long Time, string PreemptId, IReadOnlyList<int> DwellPhases) : IIntersectionInput;

public sealed record ReleasePreempt(string IntersectionId, long Time, string PreemptId) : IIntersectionInput;

public sealed record Hold(string IntersectionId, long Time, int Phase, bool On) : IIntersectionInput;

public sealed record ForceOff(string IntersectionId, long Time, int Phase) : IIntersectionInput;

/// <summary>A vehicle call, or with <paramref name="Pedestrian"/> a pedestrian call.</summary>
public sealed record Call(string IntersectionId, long Time, int Phase, bool Pedestrian = false) : IIntersectionInput;

/// <summary>Operator manual control: exactly these indications (per signal group), checked by the safety monitor.</summary>
public sealed record ManualControl(string IntersectionId, long Time, IReadOnlyList<Indication> Indications) : IIntersectionInput;

/// <summary>Ends manual control; the manual state must be all red.</summary>
public sealed record EndManualControl(string IntersectionId, long Time) : IIntersectionInput;

/// <summary>Operator reset after a safety fault.</summary>
public sealed record ResetFault(string IntersectionId, long Time) : IIntersectionInput;

/// <summary>
/// Puts one intersection in free operation (<paramref name="Plan"/> ignored) or on a coordinated plan. With
/// <paramref name="Coordinated"/> (coordinated mode only) the member runs <see cref="CoordinatedPolicy"/> on the
/// plan (coordinated phases held to their force-off, side phases actuated); without, it runs the plan fixed-time.
/// </summary>
public sealed record SetIntersectionPlan(string IntersectionId, long Time, ControlMode Mode, TimingPlan? Plan, MemberCoordination? Coordinated = null) : IIntersectionInput;

/// <summary>
/// What a coordinated member needs besides its plan: its coordinated <paramref name="Phases"/> (the corridor
/// through phases, the peak direction's first; at least one) and the <paramref name="DesignFlowsVph"/> the plan
/// was made for (veh/h per movement): with them the side phases' splits are re-balanced inside the cycle
/// (<see cref="TrafficActorSettings.Rebalance"/>); null keeps the plan's splits.
/// </summary>
public sealed record MemberCoordination(IReadOnlyList<int> Phases, IReadOnlyDictionary<string, double>? DesignFlowsVph = null);

/// <summary>Operator: take an intersection out of safe fixed-time (after the cause is fixed), back to its corridor's operation.</summary>
public sealed record ResumeNormalControl(string IntersectionId, long Time) : IIntersectionInput;

// ---- corridor

/// <summary>
/// Coordinates a corridor: a common cycle (s) and an offset (s) per intersection. <paramref name="Plans"/>
/// may give an intersection's splits; the others get Webster splits from default flows at the common cycle.
/// </summary>
public sealed record SetCorridorPlan(
    string CorridorId,
    long Time,
    double Cycle,
    IReadOnlyDictionary<string, double> Offsets,
    IReadOnlyDictionary<string, TimingPlan>? Plans = null) : IHasCorridorId;

/// <summary>Ends coordination: every intersection of the corridor returns to free operation.</summary>
public sealed record ReleaseCorridorPlan(string CorridorId, long Time) : IHasCorridorId;

public sealed record GetCorridorState(string CorridorId) : IHasCorridorId;

/// <summary>
/// Measured (or expected) flows of the corridor's members, veh/h per movement id per intersection id. The
/// supervisor plans the corridor from them (<see cref="CorridorPlanner"/>: common Webster cycle, splits,
/// green-wave offsets in the peak direction) at the first flows and then whenever
/// <see cref="TrafficActorSettings.CoordinationRenewCycles"/> cycles have passed since its last plan.
/// </summary>
public sealed record CorridorFlows(string CorridorId, long Time, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> FlowsVph) : IHasCorridorId;

/// <summary>
/// A corridor as the operations view shows it. <paramref name="OutboundBandwidth"/>, <paramref name="InboundBandwidth"/>
/// (seconds) and <paramref name="InboundPeak"/> are known when the supervisor computed the plan from flows
/// (null for an operator's <see cref="SetCorridorPlan"/> or when free); <paramref name="PlannedAt"/> is when.
/// </summary>
public sealed record CorridorState(
    string CorridorId,
    IReadOnlyList<string> IntersectionIds,
    double? Cycle,
    IReadOnlyDictionary<string, double> Offsets,
    IReadOnlyList<string> SafeFixedTime,
    IReadOnlyList<string> Stopped,
    IReadOnlyDictionary<string, int> Restarts,
    long Time,
    double? OutboundBandwidth = null,
    double? InboundBandwidth = null,
    bool? InboundPeak = null,
    long? PlannedAt = null)
{
    /// <summary>Neighbour pairs linked or not by the flows (SCATS-like), with the reason; empty until flows came.</summary>
    public IReadOnlyList<PairLink> Links { get; init; } = [];

    /// <summary>The coordinated groups (runs of linked members), each on its own cycle and offsets; members in none run free.</summary>
    public IReadOnlyList<CorridorGroupState> Groups { get; init; } = [];
}

/// <summary>One coordinated group of a corridor: its members in order, common cycle, offsets, band in its peak direction.</summary>
public sealed record CorridorGroupState(IReadOnlyList<string> IntersectionIds, double Cycle, IReadOnlyDictionary<string, double> Offsets, bool InboundPeak, double Bandwidth);

// ---- queries and replies

public sealed record GetState(string IntersectionId) : IHasIntersectionId;

/// <summary>Everything an operator display needs about one intersection.</summary>
public sealed record IntersectionState(
    string IntersectionId,
    string? CorridorId,
    bool Started,
    long Time,
    ControlMode Mode,
    string Policy,
    TimingPlan Plan,
    long PlanSeq,
    long AckedSeq,
    IReadOnlyList<SignalGroupSpat> Groups,
    IReadOnlyList<RingStatus> Rings,
    bool Preempted,
    bool Manual,
    SafetyViolation? Fault,
    ControllerStatus? FieldStatus,
    int Restarts,
    int RejectedInputs,
    int LateInputs)
{
    /// <summary>Controller status messages compared with this actor's own controller, and how many showed the same green phases.</summary>
    public (int Checked, int Agreeing) FieldAgreement { get; init; }
}

/// <summary>Reply to an input or command that was applied.</summary>
public sealed record Accepted
{
    public static readonly Accepted Instance = new();

    private Accepted()
    {
    }
}

/// <summary>Reply to an input or command that was not applied: <paramref name="Target"/> is the intersection or corridor id.</summary>
public sealed record Rejected(string Target, string Reason);

/// <summary>Wraps any message for an intersection (what cluster sharding calls an envelope).</summary>
public sealed record IntersectionEnvelope(string IntersectionId, object Message) : IHasIntersectionId;

/// <summary>Asks the region which corridor supervisor owns which intersections.</summary>
public sealed record GetAssignments
{
    public static readonly GetAssignments Instance = new();

    private GetAssignments()
    {
    }
}

// ---- outputs

/// <summary>A timing plan for the field controller; QoS 1, retained; a resend keeps its <paramref name="Seq"/>.</summary>
public sealed record TimingPlanIssued(string IntersectionId, ControlMode Mode, TimingPlan Plan, long Seq, long ValidFrom) : IOutboundMessage
{
    /// <summary>Free operation in which the field follows the actor's commands (<see cref="FieldCommandIssued"/>).</summary>
    public bool Follow { get; init; }
}

/// <summary>What kind of phase command goes to a following field controller.</summary>
public enum FieldCommandKind
{
    Call,
    PedestrianCall,
    Hold,
    Release,
    ForceOff,
    Omit,
    Unomit,
}

/// <summary>
/// A phase command for the field controller, from the free policy's own decisions while the field follows
/// (<see cref="TrafficActorSettings.FieldFollowsFreePolicy"/>): the same calls, holds, force-offs and omits the policy
/// gave the actor's controller, so the street shows what the actor's controller shows.
/// </summary>
public sealed record FieldCommandIssued(string IntersectionId, long Time, FieldCommandKind Kind, IReadOnlyList<int> Phases) : IOutboundMessage;

/// <summary>One signal group in a SPaT message: what it shows and when that can end (see <see cref="IndicationTiming"/>).</summary>
public sealed record SignalGroupSpat(string Name, SignalGroupKind Kind, Indication Indication, long MinEnd, long? MaxEnd);

/// <summary>Signal phase and timing of an intersection at <paramref name="Time"/>, once per second of event time.</summary>
public sealed record SpatSnapshot(string IntersectionId, long Time, IReadOnlyList<SignalGroupSpat> Groups) : IOutboundMessage;

/// <summary>An alarm for the operations centre; <paramref name="Code"/> is stable (see docs/actors.md).</summary>
public sealed record Alarm(string? CorridorId, string? IntersectionId, AlarmSeverity Severity, string Code, string Text, long Time) : IOutboundMessage;

/// <summary>The safety monitor latched a fault: the intersection is in all-red flash.</summary>
public sealed record SafetyFault(string IntersectionId, SafetyViolation Violation) : IOutboundMessage;
