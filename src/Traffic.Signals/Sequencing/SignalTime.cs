namespace Traffic.Signals.Sequencing;

/// <summary>
/// The signal core counts time in tenths of a second (deciseconds), as field controllers and SPaT
/// do. Times are event time from the source, never the wall clock.
/// </summary>
public static class SignalTime
{
    public const int TicksPerSecond = 10;

    public static long FromSeconds(double seconds) => (long)Math.Round(seconds * TicksPerSecond, MidpointRounding.AwayFromZero);

    public static double ToSeconds(long ticks) => ticks / (double)TicksPerSecond;
}
