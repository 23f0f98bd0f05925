namespace Traffic.Mqtt.Contract;

/// <summary>
/// What every payload carries: the schema version <see cref="V"/> (also in the topic), the
/// <see cref="Source"/> that produced it (a device or service id), that source's sequence number
/// <see cref="Seq"/> (1, 2, 3, ... per source and topic; a restarted source starts again at 1) and the
/// event <see cref="Time"/> at the source (ISO-8601 UTC).
/// </summary>
public abstract record WireMessage
{
    public int V { get; init; } = Topics.Version;

    public required string Source { get; init; }

    public required long Seq { get; init; }

    public required DateTimeOffset Time { get; init; }
}
