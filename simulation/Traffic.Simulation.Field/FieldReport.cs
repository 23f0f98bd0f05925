namespace Traffic.Simulation.Field;

/// <summary>
/// What a field run did: messages published per topic kind ("detectors", "cctv", "status", "ack") and
/// publishes that failed (broker away: dropped, as a field device would); plans taken and refused,
/// commands applied and refused, inbound messages that could not be decoded or were not for this
/// network; the simulated and wall seconds and the traffic.
/// </summary>
public sealed record FieldReport(
    IReadOnlyDictionary<string, long> Published,
    long PublishFailures,
    long Recorded,
    int PlansAccepted,
    int PlansRefused,
    int CommandsApplied,
    int CommandsRefused,
    long InboundUndecodable,
    long InboundIgnored,
    double SimulatedSeconds,
    double WallSeconds,
    long VehiclesEntered,
    long VehiclesExited)
{
    /// <summary>Commands applied per kind ("call", "omit", ...).</summary>
    public IReadOnlyDictionary<string, int> CommandsByKind { get; init; } = new Dictionary<string, int>();

    public long PublishedTotal => Published.Values.Sum();
}
