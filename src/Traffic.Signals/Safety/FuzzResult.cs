namespace Traffic.Signals.Safety;

/// <summary>
/// Outcome of a fuzz run: ticks stepped, commands given, greens started, the violations found
/// (a fault is latched, so at most one per fault-and-reset), and the longest a call waited.
/// </summary>
public sealed record FuzzResult(
    string IntersectionId,
    long Steps,
    long Commands,
    long GreensStarted,
    long Preemptions,
    IReadOnlyList<SafetyViolation> Violations,
    double LongestCallWaitSeconds);
