namespace Traffic.Control;

internal static class PolicyTiming
{
    /// <summary>A command given in the decision at tick t takes effect at the sequencer's next advance (t + 1).</summary>
    internal const long CommandLatencyTicks = 1;
}
