namespace Traffic.Mqtt.Streams;

/// <summary>
/// <see cref="BufferSize"/>: messages waiting for validation. When it is full an offer waits up to
/// <see cref="OfferTimeout"/> (back-pressure on the MQTT receive loop, so on the broker), then the
/// message is dropped and counted. <see cref="Parallelism"/>: sink calls in flight (started in
/// arrival order). <see cref="ServiceId"/>: the source name on error reports.
/// </summary>
public sealed record IngestOptions
{
    public static IngestOptions Default { get; } = new();

    public int BufferSize { get; init; } = 4096;

    public TimeSpan OfferTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public int Parallelism { get; init; } = 8;

    public string ServiceId { get; init; } = "traffic-service";
}
