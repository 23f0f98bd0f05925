namespace Traffic.Signals.Model;

/// <summary>
/// A set of signal heads that always show the same indication: the vehicle heads of one phase, or
/// its pedestrian heads. <paramref name="Index"/> is the position in <see cref="Intersection.SignalGroups"/>
/// and in <see cref="ConflictMatrix"/>. <paramref name="Name"/> is the phase id ("2") or "P" + phase id ("P2").
/// </summary>
public sealed record SignalGroup(int Index, string Name, int PhaseId, SignalGroupKind Kind);
