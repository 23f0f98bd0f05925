namespace Traffic.Control;

/// <summary>Vehicles a CCTV zone counted on one approach, by class.</summary>
public readonly record struct VehicleCounts(int Cars, int Buses, int Trucks, int Motorcycles)
{
    public int Total => Cars + Buses + Trucks + Motorcycles;
}

/// <summary>
/// What the CCTV analytics saw on one approach leg at <paramref name="Time"/> (ticks, event time):
/// vehicles by class since the previous observation, the standing queue in vehicles, pedestrians
/// waiting at the crosswalk that crosses this leg and pedestrians on it, and whether an emergency
/// vehicle is approaching.
/// </summary>
public sealed record ApproachObservation(
    string LegId,
    long Time,
    VehicleCounts Vehicles,
    int QueueLength,
    int PedestriansWaiting,
    int PedestriansCrossing,
    bool EmergencyVehicle);
