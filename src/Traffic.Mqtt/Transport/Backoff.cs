namespace Traffic.Mqtt.Transport;

/// <summary>Exponential backoff: <c>initial * 2^attempt</c>, capped at <c>max</c> (attempt counts from 0).</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max)
    {
        if (attempt < 0 || initial <= TimeSpan.Zero || max < initial)
        {
            throw new ArgumentOutOfRangeException(nameof(attempt), $"backoff needs attempt >= 0 and 0 < initial <= max (attempt {attempt}, initial {initial}, max {max})");
        }

        var factor = Math.Pow(2, Math.Min(attempt, 30));
        var ticks = initial.Ticks * factor;
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
