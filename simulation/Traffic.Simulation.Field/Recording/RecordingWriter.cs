using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace Traffic.Simulation.Field.Recording;

/// <summary>
/// Writes a recording: gzip-compressed JSON lines, the <see cref="RecordingHeader"/> first, then one
/// line per MQTT message <c>{"time":..., "topic":..., "payload":{...}}</c> with the payload as it went
/// on the wire (docs/recording.md). One writer per file, one thread at a time.
/// </summary>
public sealed class RecordingWriter : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly GZipStream gzip;
    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private readonly Utf8JsonWriter json;

    public RecordingWriter(Stream stream, RecordingHeader header, bool leaveOpen = false)
    {
        gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen);
        json = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(json, header, RecordingJsonContext.Default.RecordingHeader);
        Flush();
    }

    /// <summary>Messages written so far.</summary>
    public long Messages { get; private set; }

    public static RecordingWriter Create(string path, RecordingHeader header)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return new RecordingWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), header);
    }

    /// <summary>Appends one message; <paramref name="payload"/> must be a JSON object (as every contract payload is).</summary>
    public void Write(DateTimeOffset time, string topic, ReadOnlySpan<byte> payload)
    {
        json.WriteStartObject();
        json.WriteString("time"u8, time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("topic"u8, topic);
        json.WritePropertyName("payload"u8);
        json.WriteRawValue(payload, skipInputValidation: false);
        json.WriteEndObject();
        Flush();
        Messages++;
    }

    public void Write(FieldMessage message) => Write(message.Time, message.Topic, message.Payload);

    public void Dispose()
    {
        json.Dispose();
        gzip.Dispose();
    }

    private void Flush()
    {
        json.Flush();
        gzip.Write(buffer.WrittenSpan);
        gzip.Write(NewLine);
        buffer.ResetWrittenCount();
        json.Reset();
    }
}
