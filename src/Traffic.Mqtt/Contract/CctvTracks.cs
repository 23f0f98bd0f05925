namespace Traffic.Mqtt.Contract;

/// <summary>
/// In, <c>traffic/v1/intersections/{id}/tracks</c>: what the tracking cameras see at <see cref="WireMessage.Time"/>,
/// per stop-bar detector (the lane or lanes it covers): every vehicle on the approach with its distance to the
/// stop line and its speed, and how many more queued vehicles fit behind the junction on the lanes it empties into.
/// A snapshot, sent about once a second; the adaptive policy schedules these arrivals while they keep coming.
/// </summary>
public sealed record CctvTracks : WireMessage
{
    public required IReadOnlyList<LaneTracks> Lanes { get; init; }
}

/// <summary>
/// The tracked vehicles approaching one stop-bar detector's lanes (nearest first or in any order), and
/// <see cref="ExitRoom"/>: queued vehicles that still fit behind the junction (null = not seen: no limit).
/// </summary>
public sealed record LaneTracks
{
    public required string Detector { get; init; }

    public int? ExitRoom { get; init; }

    public required IReadOnlyList<TrackedVehicle> Vehicles { get; init; }
}

/// <summary>One tracked vehicle: metres to the stop line and its speed in m/s.</summary>
public sealed record TrackedVehicle
{
    public required double DistanceM { get; init; }

    public required double SpeedMs { get; init; }
}
