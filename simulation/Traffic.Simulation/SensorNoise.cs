namespace Traffic.Simulation;

/// <summary>
/// Sensor error model (all zero = perfect sensors). <paramref name="LoopMissProbability"/>: chance a
/// loop misses a passing vehicle. <paramref name="CctvCountRelativeStdDev"/>: relative standard deviation
/// of a camera's interval counts. <paramref name="CctvQueueStdDevVehicles"/>: standard deviation of its
/// queue estimate, in vehicles.
/// </summary>
public sealed record SensorNoise(
    double LoopMissProbability = 0,
    double CctvCountRelativeStdDev = 0,
    double CctvQueueStdDevVehicles = 0)
{
    public static SensorNoise None { get; } = new();

    internal IEnumerable<string> Errors()
    {
        if (!(LoopMissProbability >= 0 && LoopMissProbability <= 1))
        {
            yield return $"Noise.LoopMissProbability must be in [0, 1], got {LoopMissProbability}";
        }

        if (!(CctvCountRelativeStdDev >= 0) || double.IsInfinity(CctvCountRelativeStdDev))
        {
            yield return $"Noise.CctvCountRelativeStdDev must be >= 0, got {CctvCountRelativeStdDev}";
        }

        if (!(CctvQueueStdDevVehicles >= 0) || double.IsInfinity(CctvQueueStdDevVehicles))
        {
            yield return $"Noise.CctvQueueStdDevVehicles must be >= 0, got {CctvQueueStdDevVehicles}";
        }
    }
}
