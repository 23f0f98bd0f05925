namespace Traffic.Simulation.Field;

/// <summary>
/// Event time of a field run: simulated second <c>s</c> is the instant <see cref="Start"/> + s. As a
/// <see cref="TimeProvider"/> it tells the simulated now (the runner moves it forward every step), so a
/// service or test in the same process can stamp what it receives in the same time frame as the
/// field's messages, whatever the speed. Signal controllers count ticks (0.1 s) since the Unix epoch.
/// </summary>
public sealed class FieldClock(DateTimeOffset start) : TimeProvider
{
    private long simulatedMs;

    public DateTimeOffset Start { get; } = start.ToUniversalTime();

    /// <summary>The controller tick of <see cref="Start"/>.</summary>
    public long StartTick => ToTicks(Start);

    /// <summary>Simulated seconds since <see cref="Start"/> (thread-safe to read).</summary>
    public double SimulatedSeconds
    {
        get => Interlocked.Read(ref simulatedMs) / 1000.0;
        internal set => Interlocked.Exchange(ref simulatedMs, (long)Math.Round(value * 1000));
    }

    /// <summary>The event time of simulated second <paramref name="seconds"/>, to the millisecond.</summary>
    public DateTimeOffset At(double seconds) => Start.AddMilliseconds(Math.Round(seconds * 1000));

    public override DateTimeOffset GetUtcNow() => Start.AddMilliseconds(Interlocked.Read(ref simulatedMs));

    /// <summary>Controller ticks (0.1 s) since the Unix epoch, rounded down.</summary>
    public static long ToTicks(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeMilliseconds(), 100, out var r) - (r < 0 ? 1 : 0);
}
