namespace Traffic.Mqtt.Contract;

/// <summary>SAE J2735 time mark: tenths of a second since the start of the UTC hour (0..35999).</summary>
public static class TimeMark
{
    public const int PerHour = 36000;

    public static int From(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return (int)(((utc.Minute * 60L) + utc.Second) * 10 + (utc.Millisecond / 100));
    }

    /// <summary>The time mark <paramref name="seconds"/> after <paramref name="now"/>, wrapping at the hour.</summary>
    public static int After(DateTimeOffset now, double seconds) => From(now.AddSeconds(seconds));
}
