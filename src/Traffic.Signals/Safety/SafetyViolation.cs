namespace Traffic.Signals.Safety;

/// <summary>
/// A rule the safety monitor found broken. <paramref name="Rule"/> is a stable code
/// (conflicting-indications, min-green, yellow-skipped, yellow-short, red-clearance-skipped,
/// walk-short, ped-clearance-skipped, ped-clearance-cut, illegal-transition);
/// <paramref name="Message"/> names the intersection, the groups and the times.
/// </summary>
public sealed record SafetyViolation(string IntersectionId, long Time, string Rule, string Message)
{
    public override string ToString() => $"{IntersectionId} at {Time / 10.0:F1} s: {Rule}: {Message}";
}
