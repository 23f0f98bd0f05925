namespace Traffic.Control;

/// <summary>
/// Settings of <see cref="MaxPressurePolicy"/>: a decision every <paramref name="DecisionIntervalSeconds"/>
/// (RESCO's benchmark decides every 10 s). Minimum green and clearances are the phases' own.
/// </summary>
public sealed record MaxPressureSettings(double DecisionIntervalSeconds = 10)
{
    public static MaxPressureSettings Default { get; } = new();
}
