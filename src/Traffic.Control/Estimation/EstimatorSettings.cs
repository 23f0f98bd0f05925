namespace Traffic.Control;

/// <summary>
/// Settings of <see cref="MovementEstimator"/>. Saturation flow per lane in veh/h (HCM base 1900);
/// advance-loop counts are turned into a rate measurement every <paramref name="CountWindowSeconds"/>;
/// a CCTV queue is a measurement with standard deviation <paramref name="CctvQueueStdDev"/> vehicles
/// plus <paramref name="CctvQueueRelativeError"/> of the value; process noises per second.
/// </summary>
public sealed record EstimatorSettings(
    double SaturationFlowPerLaneVph = 1900,
    double CountWindowSeconds = 10,
    double CctvQueueStdDev = 1.0,
    double CctvQueueRelativeError = 0.1,
    double QueueNoise = 0.3,
    double RateNoise = 2e-5,
    double InitialRate = 0.05)
{
    public static EstimatorSettings Default { get; } = new();
}
