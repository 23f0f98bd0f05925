namespace Traffic.Mqtt.Contract;

/// <summary>
/// In, <c>traffic/v1/intersections/{id}/detectors</c>: one reading per detector channel over the
/// counting interval of <see cref="IntervalS"/> seconds that ends at <see cref="WireMessage.Time"/>.
/// </summary>
public sealed record DetectorReadings : WireMessage
{
    public required double IntervalS { get; init; }

    public required IReadOnlyList<DetectorReading> Readings { get; init; }
}

/// <summary>
/// One detector channel: vehicles counted in the interval, occupancy (fraction of the interval the
/// zone was occupied, 0..1) and presence at the end of the interval.
/// </summary>
public sealed record DetectorReading
{
    public required string Detector { get; init; }

    public required int Count { get; init; }

    public required double Occupancy { get; init; }

    public required bool Presence { get; init; }
}
