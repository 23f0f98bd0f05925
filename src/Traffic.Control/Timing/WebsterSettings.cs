namespace Traffic.Control;

/// <summary>
/// Inputs of <see cref="Webster.Plan"/> besides flows. <paramref name="SaturationFlowPerLane"/> in
/// passenger cars per hour per lane (1900 base, 1800-1950 in the field); cycle bounds in seconds;
/// at or above <paramref name="OversaturationThreshold"/> for Y the cycle is <paramref name="MaxCycle"/>
/// and the result is flagged oversaturated; <paramref name="Offset"/> is copied into the plan.
/// </summary>
public sealed record WebsterSettings(
    double SaturationFlowPerLane = 1900,
    double MinCycle = 40,
    double MaxCycle = 180,
    double OversaturationThreshold = 0.95,
    double Offset = 0)
{
    public static WebsterSettings Default { get; } = new();
}
