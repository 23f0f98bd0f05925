namespace Traffic.Actors;

/// <summary>
/// Settings of the actors. <paramref name="DefaultFlowPerLaneVph"/>: flow per approach lane of every
/// movement for the nominal Webster plan (free operation reference, safe fixed-time, corridor splits).
/// A child that crashes more than <paramref name="MaxRestarts"/> times within
/// <paramref name="RestartWindowSeconds"/> goes to safe fixed-time; more than twice that and it is
/// stopped. <paramref name="MaxAdvanceTicks"/>: an input further ahead of the intersection's clock is
/// rejected (the clock never jumps hours on one bad timestamp). <paramref name="CoordinationRenewCycles"/>:
/// a corridor planned from <see cref="CorridorFlows"/> is planned again from newer flows after this many cycles.
/// <see cref="Linking"/>: when neighbours are linked into coordinated groups (<see cref="Traffic.Control.CorridorLinking"/>).
/// <see cref="Rebalance"/>: how coordinated members with design flows re-balance their side phases' splits
/// (<see cref="Traffic.Control.CoordinatedPolicy"/>; default every 2 cycles).
/// <see cref="FieldFollowsFreePolicy"/>: in free operation the field controller follows the actor's own decisions (the plan
/// is sent with follow, and every call, hold, force-off and omit of the free policy goes to the field as a command)
/// instead of running its local actuated plan.
/// </summary>
public sealed record TrafficActorSettings(
    double DefaultFlowPerLaneVph = 200,
    int MaxRestarts = 3,
    double RestartWindowSeconds = 60,
    long MaxAdvanceTicks = 36_000,
    int CoordinationRenewCycles = 5)
{
    public static TrafficActorSettings Default { get; } = new();

    public Traffic.Control.LinkingSettings Linking { get; init; } = Traffic.Control.LinkingSettings.Default;

    public Traffic.Control.RebalanceSettings Rebalance { get; init; } = new();

    public bool FieldFollowsFreePolicy { get; init; }
}
