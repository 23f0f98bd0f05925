namespace Traffic.Mqtt.Transport;

/// <summary>
/// A message as it came off the wire: topic, payload bytes (owned copy), when the service received
/// it, and whether the broker delivered it as a retained message (sent before this subscription).
/// </summary>
public sealed record RawInbound(string Topic, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt, bool Retained = false);
