namespace Traffic.Simulation;

/// <summary>
/// A vehicle at one moment. <paramref name="Position"/> is its front along the lane from the lane's
/// upstream end; negative while it is still on the path through the intersection that feeds the lane.
/// </summary>
public readonly record struct VehicleSnapshot(long Serial, int Lane, double Position, double Speed, double Length, VehicleClass Class);
