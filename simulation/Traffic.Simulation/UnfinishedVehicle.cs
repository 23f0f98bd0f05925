namespace Traffic.Simulation;

/// <summary>
/// A vehicle that has not left the network: on route <paramref name="Flow"/> at step <paramref name="RoutePos"/>,
/// on <paramref name="Lane"/> at <paramref name="Position"/> (lane -1: still waiting to enter), arrived in the demand at
/// <paramref name="ArrivalTime"/>, stopped <paramref name="Stops"/> times so far.
/// </summary>
internal readonly record struct UnfinishedVehicle(int Flow, int RoutePos, int Lane, double Position, double ArrivalTime, int Stops);
