namespace Traffic.Simulation;

/// <summary>
/// Settings of <see cref="Evaluator"/>: queues are sampled every <paramref name="QueueSampleS"/>; a split
/// failure is a phase green whose first <paramref name="SplitFailureWindowS"/> of green and first
/// <paramref name="SplitFailureWindowS"/> of red both have a stop-bar loop occupied more than
/// <paramref name="SplitFailureOccupancy"/> of the time (the ATSPM GOR/ROR5 definition).
/// <see cref="PeakMovements"/>: the movements (intersection id, movement id) whose arrivals on green are also
/// reported apart (<see cref="RunMetrics.PeakArrivalsOnGreenPercent"/>): the peak-direction through movements of
/// coordinated corridors.
/// </summary>
public sealed record EvaluationOptions(double QueueSampleS = 5, double SplitFailureWindowS = 5, double SplitFailureOccupancy = 0.8)
{
    public static EvaluationOptions Default { get; } = new();

    public IReadOnlyList<(string Intersection, string Movement)> PeakMovements { get; init; } = [];
}
