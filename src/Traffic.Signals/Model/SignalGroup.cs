namespace Traffic.Signals.Model;

/// <summary>
/// A set of signal heads that always show the same indication: the vehicle heads of one phase, or
/// its pedestrian heads, or the heads of an overlap. <paramref name="Index"/> is the position in
/// <see cref="Intersection.SignalGroups"/> and in <see cref="ConflictMatrix"/>. <paramref name="Name"/> is the
/// phase id ("2") or "P" + phase id ("P2"). An overlap's group is a vehicle group with
/// <paramref name="PhaseId"/> 0, <see cref="OverlapId"/> set and the name "O" + overlap id; overlap groups
/// come after every phase group.
/// </summary>
public sealed record SignalGroup(int Index, string Name, int PhaseId, SignalGroupKind Kind)
{
    /// <summary>The overlap this group shows, or null for a phase's group.</summary>
    public string? OverlapId { get; init; }

    public bool IsOverlap => OverlapId is not null;
}
