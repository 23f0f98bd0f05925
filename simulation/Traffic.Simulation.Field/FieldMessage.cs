using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Transport;

namespace Traffic.Simulation.Field;

/// <summary>One message the field publishes: kind, topic, the typed payload and its encoded bytes.</summary>
public sealed record FieldMessage(TopicKind Kind, string Topic, WireMessage Message, byte[] Payload)
{
    public DateTimeOffset Time => Message.Time;

    /// <summary>Field messages go out with QoS 1 (tracks, a snapshot every second, with QoS 0), never retained.</summary>
    public OutboundMessage ToOutbound() => new(Topic, Payload, AtLeastOnce: Kind != TopicKind.Tracks, Retain: false, Kind);

    public static FieldMessage Of(string intersectionId, TopicKind kind, WireMessage message) =>
        new(kind, Topics.Intersection(intersectionId, kind), message, WireCodec.Encode(message));
}
