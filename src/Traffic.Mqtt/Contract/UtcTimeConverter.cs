using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Traffic.Mqtt.Contract;

/// <summary>
/// Times on the wire are ISO-8601 with a zone. Written as UTC with millisecond precision
/// ("2025-05-01T08:00:00.125Z"); read from any ISO-8601 form that names its zone (Z or +09:00) and
/// normalised to UTC. A time without a zone is refused with <see cref="TimestampFormatException"/>.
/// </summary>
public sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected an ISO-8601 time string, got {reader.TokenType}");
        }

        var text = reader.GetString()!;
        if (!HasZone(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            throw new TimestampFormatException($"'{Truncate(text)}' is not an ISO-8601 time with a zone (Z or +hh:mm)");
        }

        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));

    private static bool HasZone(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            return false;
        }

        var time = text.AsSpan(t + 1);
        return time.EndsWith("Z") || time.IndexOfAny('+', '-') >= 0;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "...");
}

/// <summary>A time on the wire that is not ISO-8601 with a zone.</summary>
public sealed class TimestampFormatException : JsonException
{
    public TimestampFormatException()
    {
    }

    public TimestampFormatException(string message)
        : base(message)
    {
    }

    public TimestampFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
