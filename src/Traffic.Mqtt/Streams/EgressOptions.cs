namespace Traffic.Mqtt.Streams;

/// <summary>
/// <see cref="BufferSize"/>: messages waiting to be published. A QoS 1 message whose publish fails
/// (broker away) is retried with backoff for up to <see cref="RetryFor"/>, then dropped and counted;
/// a QoS 0 message is tried once.
/// </summary>
public sealed record EgressOptions
{
    public static EgressOptions Default { get; } = new();

    public int BufferSize { get; init; } = 4096;

    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);
}
