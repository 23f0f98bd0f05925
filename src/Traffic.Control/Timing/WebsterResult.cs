namespace Traffic.Control;

/// <summary>
/// What <see cref="Webster.Plan"/> computed. <paramref name="CriticalFlowRatio"/> is Y, the sum of the
/// critical flow ratios; <paramref name="LostTime"/> is L in seconds; <paramref name="OptimalCycle"/> is
/// Webster's C0 before clamping and rounding (infinite when Y >= 1). <paramref name="FlowRatios"/> gives y
/// per phase, <paramref name="DegreesOfSaturation"/> x = y C / g and <paramref name="UniformDelays"/> d1
/// in seconds per vehicle, both for phases with vehicle movements. <paramref name="CriticalPhases"/> lists
/// the phases on the critical path in cycle order. <paramref name="Oversaturated"/>: Y reached the
/// threshold, the cycle is the maximum. <paramref name="CycleRaisedForMinimums"/>: the minimum greens
/// (and walk + pedestrian clearance) did not fit, the cycle was lengthened to fit them.
/// </summary>
public sealed record WebsterResult(
    TimingPlan Plan,
    double CriticalFlowRatio,
    double LostTime,
    double OptimalCycle,
    IReadOnlyDictionary<int, double> FlowRatios,
    IReadOnlyDictionary<int, double> DegreesOfSaturation,
    IReadOnlyDictionary<int, double> UniformDelays,
    IReadOnlyList<int> CriticalPhases,
    bool Oversaturated,
    bool CycleRaisedForMinimums);
