using System.Text.Json;
using System.Text.Json.Serialization;

namespace Traffic.Mqtt.Contract;

/// <summary>Enums on the wire are camelCase strings ("forceOff", "dontWalk"); numbers are refused.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
