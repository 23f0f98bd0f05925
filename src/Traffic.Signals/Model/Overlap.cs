namespace Traffic.Signals.Model;

/// <summary>
/// Interval lengths of an overlap in seconds, multiples of 0.1 s: its own minimum green, yellow and
/// red clearance (timed when the signal moves on to a phase that is not a parent).
/// </summary>
public sealed record OverlapTimings(double MinGreen, double Yellow, double RedClearance);

/// <summary>
/// A NEMA-style overlap: a vehicle signal group that serves <paramref name="Movements"/> (no phase
/// serves them) whenever one of its <paramref name="Parents"/> is green. It stays green, without
/// yellow, across a change from one parent to another parent that follows it directly; when the
/// next phase is not a parent it times its own yellow and red clearance, and no phase that
/// conflicts with it starts before those have ended.
/// </summary>
public sealed record Overlap(
    string Id,
    string Name,
    IReadOnlyList<PhaseMovement> Movements,
    IReadOnlyList<int> Parents,
    OverlapTimings Timings)
{
    /// <summary>Signal-group name of an overlap: "O" + its id ("OA" for overlap A).</summary>
    public string GroupName => "O" + Id;
}
