namespace Traffic.Control;

/// <summary>
/// What <see cref="MovementEstimator"/> believes about one movement: standing queue (veh) and arrival
/// rate (veh/s) with their standard deviations, and whether any source fed it in the last window.
/// </summary>
public readonly record struct QueueEstimate(double Queue, double ArrivalRate, double QueueStdDev, double RateStdDev, bool Observed);
