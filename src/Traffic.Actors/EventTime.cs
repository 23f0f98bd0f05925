using Traffic.Signals.Sequencing;

namespace Traffic.Actors;

/// <summary>
/// Event time as the actors count it: ticks of 0.1 s since the Unix epoch, so that every intersection
/// shares one time zero (fixed-time offsets are relative to it). Sources convert at the edge.
/// </summary>
public static class EventTime
{
    private const long ClockTicksPerTick = TimeSpan.TicksPerSecond / SignalTime.TicksPerSecond;

    public static long FromDateTimeOffset(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / ClockTicksPerTick;

    public static DateTimeOffset ToDateTimeOffset(long ticks) => DateTimeOffset.UnixEpoch.AddTicks(ticks * ClockTicksPerTick);
}
