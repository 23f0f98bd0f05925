using Traffic.Control;
using Traffic.Signals.Model;

namespace Traffic.Actors;

/// <summary>Webster plans from default flows (every movement at the same flow per lane).</summary>
public static class NominalPlan
{
    public static IReadOnlyDictionary<string, double> DefaultFlows(Intersection intersection, TrafficActorSettings settings) =>
        intersection.Movements.ToDictionary(m => m.Id, m => settings.DefaultFlowPerLaneVph * Math.Max(1, m.Lanes), StringComparer.Ordinal);

    /// <summary>The free-running reference plan and the safe fixed-time plan.</summary>
    public static TimingPlan For(Intersection intersection, TrafficActorSettings settings) =>
        Webster.Plan(intersection, DefaultFlows(intersection, settings)).Plan;

    /// <summary>Splits at a given cycle and offset (seconds); the cycle may come out longer when the minimums do not fit.</summary>
    public static TimingPlan AtCycle(Intersection intersection, TrafficActorSettings settings, double cycle, double offset) =>
        Webster.Plan(intersection, DefaultFlows(intersection, settings), new WebsterSettings(MinCycle: cycle, MaxCycle: cycle, Offset: offset)).Plan;
}
