namespace Traffic.Mqtt.Transport;

/// <summary>A message as it came off the wire: topic, payload bytes (owned copy) and when the service received it.</summary>
public sealed record RawInbound(string Topic, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt);
