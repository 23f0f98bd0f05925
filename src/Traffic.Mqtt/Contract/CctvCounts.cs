using System.Text.Json.Serialization;

namespace Traffic.Mqtt.Contract;

/// <summary>
/// In, <c>traffic/v1/intersections/{id}/cctv</c>: what the cameras counted per approach leg over the
/// interval of <see cref="IntervalS"/> seconds ending at <see cref="WireMessage.Time"/>.
/// </summary>
public sealed record CctvCounts : WireMessage
{
    public required double IntervalS { get; init; }

    public required IReadOnlyList<ApproachCounts> Approaches { get; init; }
}

/// <summary>
/// One approach: vehicles that crossed the stop line in the interval by class, the standing queue
/// (vehicles) at the end of the interval, pedestrians waiting at and crossing the crosswalk of this
/// leg, and whether an emergency vehicle (siren, lights) is approaching on this leg.
/// </summary>
public sealed record ApproachCounts
{
    public required string Leg { get; init; }

    public required VehicleClassCounts Vehicles { get; init; }

    public required int QueueVehicles { get; init; }

    public required int PedestriansWaiting { get; init; }

    public required int PedestriansCrossing { get; init; }

    public required bool EmergencyVehicle { get; init; }
}

public sealed record VehicleClassCounts
{
    public required int Car { get; init; }

    public required int Bus { get; init; }

    public required int Truck { get; init; }

    public required int Motorcycle { get; init; }

    [JsonIgnore]
    public int Total => Car + Bus + Truck + Motorcycle;
}
