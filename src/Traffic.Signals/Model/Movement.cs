namespace Traffic.Signals.Model;

/// <summary>
/// A vehicle stream from an entry leg to an exit leg. <paramref name="Id"/> is "FROM.T" where T is
/// L, T, R or U (for example "N.L"), or "FROM.T:TO" where the exit had to be given explicitly.
/// <paramref name="Lanes"/> counts the approach lanes that carry it.
/// </summary>
public sealed record Movement(string Id, string FromLeg, string ToLeg, Turn Turn, int Lanes);

/// <summary>An approach lane; <paramref name="Index"/> counts from 1 at the left (median side) as the driver sees it.</summary>
public sealed record Lane(string LegId, int Index, IReadOnlyList<string> MovementIds);

/// <summary>
/// A pedestrian crossing. A leg crosswalk crosses every lane of <paramref name="LegId"/>; a diagonal
/// crosswalk (scramble) crosses the middle of the intersection and so every vehicle path.
/// </summary>
public sealed record Crosswalk(string Id, string? LegId, double LengthM, bool Diagonal);

public sealed record Detector(
    string Id,
    DetectorKind Kind,
    string LegId,
    IReadOnlyList<int> Lanes,
    double DistanceM,
    IReadOnlyList<string> MovementIds,
    IReadOnlyList<int> Phases);
