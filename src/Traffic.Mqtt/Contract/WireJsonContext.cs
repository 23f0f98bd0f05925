using System.Text.Json.Serialization;
using Traffic.Mqtt.Validation;
using Traffic.Signals.Sequencing;

namespace Traffic.Mqtt.Contract;

/// <summary>
/// Source-generated System.Text.Json metadata for every payload. camelCase, nulls omitted, unknown
/// fields refused, required members and non-nullable annotations enforced on read.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    Converters =
    [
        typeof(UtcTimeConverter),
        typeof(CamelCaseEnumConverter<ControllerMode>),
        typeof(CamelCaseEnumConverter<CommandKind>),
        typeof(CamelCaseEnumConverter<AlarmSeverity>),
        typeof(CamelCaseEnumConverter<RejectReason>),
        typeof(CamelCaseEnumConverter<Indication>),
    ])]
[JsonSerializable(typeof(DetectorReadings))]
[JsonSerializable(typeof(CctvCounts))]
[JsonSerializable(typeof(CctvTracks))]
[JsonSerializable(typeof(ControllerStatus))]
[JsonSerializable(typeof(PlanAck))]
[JsonSerializable(typeof(TimingPlan))]
[JsonSerializable(typeof(SignalCommand))]
[JsonSerializable(typeof(SpatMessage))]
[JsonSerializable(typeof(Alarm))]
[JsonSerializable(typeof(ErrorReport))]
public sealed partial class WireJsonContext : JsonSerializerContext;
