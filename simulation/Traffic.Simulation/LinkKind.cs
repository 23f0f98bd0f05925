namespace Traffic.Simulation;

public enum LinkKind : byte
{
    /// <summary>Approach fed from outside the network; vehicles appear at its upstream end.</summary>
    Entry,

    /// <summary>Between two intersections: an exit of one and an approach of the next.</summary>
    Internal,

    /// <summary>Leaves the network; vehicles disappear at its end.</summary>
    Exit,
}

/// <summary>
/// A directed road link of the simulated network. <paramref name="From"/>/<paramref name="FromLeg"/> are
/// empty for an entry link, <paramref name="To"/>/<paramref name="ToLeg"/> for an exit link. Its lanes are
/// <paramref name="FirstLane"/> .. FirstLane + LaneCount - 1, left to right; for an approach they are the
/// model's lanes 1..n of the leg.
/// </summary>
public sealed record LinkInfo(
    int Index,
    LinkKind Kind,
    string From,
    string FromLeg,
    string To,
    string ToLeg,
    double LengthM,
    double SpeedMs,
    int FirstLane,
    int LaneCount);

/// <summary>
/// A movement as the simulation sees it: <paramref name="Index"/> is the global movement index,
/// <paramref name="Intersection"/>/<paramref name="Movement"/> the model indices, <paramref name="PathLengthM"/>
/// the path through the intersection, <paramref name="Lanes"/> the global approach lanes that carry it.
/// </summary>
public sealed record MovementInfo(
    int Index,
    int Intersection,
    int Movement,
    string Id,
    int ApproachLink,
    int ExitLink,
    double PathLengthM,
    IReadOnlyList<int> Lanes,
    IReadOnlyList<int> OpposingLanes);
