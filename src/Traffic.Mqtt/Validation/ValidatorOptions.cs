namespace Traffic.Mqtt.Validation;

/// <summary>
/// Limits the door enforces. Times relative to the receive time: an event time more than
/// <see cref="FutureTolerance"/> ahead or <see cref="MaxAge"/> behind is refused. Counts are plausible
/// when at most <see cref="MaxVehiclesPerLanePerSecond"/> per covered lane per second of the interval
/// (at least 1); queues at most <see cref="MaxQueueVehiclesPerLane"/> per approach lane. Tracked vehicles: at
/// most <see cref="MaxQueueVehiclesPerLane"/> per covered lane, each at 0..<see cref="MaxTrackDistanceM"/> m from the
/// stop line at 0..<see cref="MaxTrackSpeedMs"/> m/s; exit room 0..<see cref="MaxQueueVehiclesPerLane"/> x 10.
/// </summary>
public sealed record ValidatorOptions
{
    public static ValidatorOptions Default { get; } = new();

    public int MaxPayloadBytes { get; init; } = 64 * 1024;

    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxAge { get; init; } = TimeSpan.FromSeconds(300);

    public double MaxIntervalS { get; init; } = 3600;

    public double MaxVehiclesPerLanePerSecond { get; init; } = 1.0;

    public int MaxQueueVehiclesPerLane { get; init; } = 60;

    public double MaxTrackDistanceM { get; init; } = 1000;

    /// <summary>Highest plausible tracked speed (m/s): 70 m/s = 252 km/h.</summary>
    public double MaxTrackSpeedMs { get; init; } = 70;

    public int MaxPedestrians { get; init; } = 500;

    public int MaxSourceLength { get; init; } = 64;

    public int MaxFaults { get; init; } = 32;

    public double MaxHeartbeatS { get; init; } = 3600;
}
