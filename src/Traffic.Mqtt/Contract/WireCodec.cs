using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Traffic.Mqtt.Contract;

/// <summary>Encodes and decodes payloads with the source-generated <see cref="WireJsonContext"/> (UTF-8 JSON bytes).</summary>
public static class WireCodec
{
    public static byte[] Encode(WireMessage message) => message switch
    {
        DetectorReadings m => Encode(m, WireJsonContext.Default.DetectorReadings),
        CctvCounts m => Encode(m, WireJsonContext.Default.CctvCounts),
        CctvTracks m => Encode(m, WireJsonContext.Default.CctvTracks),
        ControllerStatus m => Encode(m, WireJsonContext.Default.ControllerStatus),
        PlanAck m => Encode(m, WireJsonContext.Default.PlanAck),
        TimingPlan m => Encode(m, WireJsonContext.Default.TimingPlan),
        SignalCommand m => Encode(m, WireJsonContext.Default.SignalCommand),
        SpatMessage m => Encode(m, WireJsonContext.Default.SpatMessage),
        Alarm m => Encode(m, WireJsonContext.Default.Alarm),
        ErrorReport m => Encode(m, WireJsonContext.Default.ErrorReport),
        _ => throw new ArgumentException($"no wire encoding for {message.GetType().Name}", nameof(message)),
    };

    public static byte[] Encode<T>(T message, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(message, typeInfo);

    /// <summary>Decodes a payload of the given kind; throws <see cref="JsonException"/> when it does not fit the schema.</summary>
    public static WireMessage Decode(TopicKind kind, ReadOnlySpan<byte> payload) => kind switch
    {
        TopicKind.Detectors => Decode(payload, WireJsonContext.Default.DetectorReadings),
        TopicKind.Cctv => Decode(payload, WireJsonContext.Default.CctvCounts),
        TopicKind.Tracks => Decode(payload, WireJsonContext.Default.CctvTracks),
        TopicKind.Status => Decode(payload, WireJsonContext.Default.ControllerStatus),
        TopicKind.Ack => Decode(payload, WireJsonContext.Default.PlanAck),
        TopicKind.Plan => Decode(payload, WireJsonContext.Default.TimingPlan),
        TopicKind.Command => Decode(payload, WireJsonContext.Default.SignalCommand),
        TopicKind.Spat => Decode(payload, WireJsonContext.Default.SpatMessage),
        TopicKind.Alarms => Decode(payload, WireJsonContext.Default.Alarm),
        TopicKind.Errors => Decode(payload, WireJsonContext.Default.ErrorReport),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown topic kind"),
    };

    public static T Decode<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(payload, typeInfo) ?? throw new JsonException("payload is JSON null");
}
