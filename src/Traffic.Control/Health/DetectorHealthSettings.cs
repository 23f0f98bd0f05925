namespace Traffic.Control;

/// <summary>
/// Thresholds of <see cref="DetectorHealthMonitor"/>, seconds unless said. Stuck-on after
/// <paramref name="MaxPresenceSeconds"/> of continuous presence. No activity when nothing was seen for
/// the time <paramref name="NoActivityExpectedVehicles"/> vehicles take at the expected flow (never less
/// than <paramref name="NoActivityMinSeconds"/>), or for <paramref name="NoActivityUnknownFlowSeconds"/>
/// when no independent flow estimate exists. Erratic when more than
/// <paramref name="ErraticActuationsPerLanePerMinute"/> actuations per lane and minute come within
/// <paramref name="ErraticWindowSeconds"/> (saturation flow is about 32 per lane and minute).
/// </summary>
public sealed record DetectorHealthSettings(
    double MaxPresenceSeconds = 180,
    double NoActivityMinSeconds = 300,
    double NoActivityExpectedVehicles = 15,
    double NoActivityUnknownFlowSeconds = 1800,
    double ErraticWindowSeconds = 60,
    double ErraticActuationsPerLanePerMinute = 60)
{
    public static DetectorHealthSettings Default { get; } = new();
}
