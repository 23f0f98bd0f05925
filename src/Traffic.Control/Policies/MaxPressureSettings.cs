namespace Traffic.Control;

/// <summary>
/// Settings of <see cref="MaxPressurePolicy"/>: a decision every <paramref name="DecisionIntervalSeconds"/>
/// (RESCO's benchmark decides every 10 s). Minimum green and clearances are the phases' own.
/// <paramref name="WeightByLanes"/>: a movement's pressure is weighted by its saturation flow (its lane
/// count), as in Varaiya's definition; false = plain queue difference (RESCO's lane-level variant gets the
/// same effect by summing lanes).
/// </summary>
public sealed record MaxPressureSettings(double DecisionIntervalSeconds = 10, bool WeightByLanes = false)
{
    public static MaxPressureSettings Default { get; } = new();
}
