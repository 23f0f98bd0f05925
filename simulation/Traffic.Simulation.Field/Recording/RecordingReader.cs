using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Traffic.Mqtt.Contract;

namespace Traffic.Simulation.Field.Recording;

/// <summary>
/// Reads a recording line by line. The header (line 1) must be readable, or <see cref="Open(string)"/>
/// throws a <see cref="RecordingFormatException"/>. A message line that cannot be used (not JSON, a
/// missing or wrong field, a topic that is not a traffic intersection topic) is added to
/// <see cref="Errors"/> with its line number and skipped; the rest is still read. A file that ends
/// abruptly (a run that was killed) ends the messages with one error.
/// </summary>
public sealed class RecordingReader : IDisposable
{
    private readonly StreamReader reader;
    private readonly List<RecordingError> errors = [];
    private long line = 1;

    private RecordingReader(StreamReader reader, RecordingHeader header, string name)
    {
        this.reader = reader;
        Header = header;
        Name = name;
    }

    public RecordingHeader Header { get; }

    public string Name { get; }

    public IReadOnlyList<RecordingError> Errors => errors;

    public static RecordingReader Open(string path)
    {
        Stream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RecordingFormatException($"{path}: cannot read: {e.Message}", e);
        }

        return Open(file, path);
    }

    public static RecordingReader Open(Stream stream, string name)
    {
        var text = new StreamReader(new GZipStream(stream, CompressionMode.Decompress), new UTF8Encoding(false, true));
        string? first;
        try
        {
            first = text.ReadLine();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or DecoderFallbackException)
        {
            text.Dispose();
            throw new RecordingFormatException($"{name}: not a gzip-compressed recording: {e.Message}", e);
        }

        RecordingHeader? header = null;
        string? problem = null;
        try
        {
            header = first is null ? null : JsonSerializer.Deserialize(first, RecordingJsonContext.Default.RecordingHeader);
        }
        catch (JsonException e)
        {
            problem = e.Message;
        }

        if (header is null || header.Format != RecordingHeader.FormatName || header.Version != RecordingHeader.CurrentVersion)
        {
            text.Dispose();
            var why = problem
                ?? (header is null ? "the file is empty" : $"format '{header.Format}' version {header.Version}; expected '{RecordingHeader.FormatName}' version {RecordingHeader.CurrentVersion}");
            throw new RecordingFormatException($"{name}: line 1: not a recording header: {why}");
        }

        return new RecordingReader(text, header, name);
    }

    /// <summary>The usable messages in file order; problems go to <see cref="Errors"/>.</summary>
    public IEnumerable<RecordedMessage> Messages()
    {
        while (true)
        {
            string? text;
            try
            {
                text = reader.ReadLine();
            }
            catch (Exception e) when (e is InvalidDataException or IOException or DecoderFallbackException)
            {
                errors.Add(new RecordingError(line + 1, $"the recording ends abruptly: {e.Message}"));
                yield break;
            }

            if (text is null)
            {
                yield break;
            }

            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var message = Parse(text, out var problem);
            if (message is null)
            {
                errors.Add(new RecordingError(line, problem!));
                continue;
            }

            yield return message;
        }
    }

    /// <summary>Adds an error found by the caller (for example a payload the replay could not decode).</summary>
    public void Report(long atLine, string message) => errors.Add(new RecordingError(atLine, message));

    public void Dispose() => reader.Dispose();

    private RecordedMessage? Parse(string text, out string? problem)
    {
        problem = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"expected a JSON object, got {root.ValueKind}";
                return null;
            }

            if (!root.TryGetProperty("time", out var timeEl) || timeEl.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(timeEl.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
            {
                problem = "\"time\" is missing or not an ISO-8601 time";
                return null;
            }

            if (!root.TryGetProperty("topic", out var topicEl) || topicEl.ValueKind != JsonValueKind.String
                || !Topics.TryParse(topicEl.GetString()!, out var address) || address.IntersectionId is null)
            {
                problem = "\"topic\" is missing or not a traffic intersection topic";
                return null;
            }

            if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                problem = "\"payload\" is missing or not a JSON object";
                return null;
            }

            return new RecordedMessage(line, time, topicEl.GetString()!, Encoding.UTF8.GetBytes(payload.GetRawText()));
        }
        catch (JsonException e)
        {
            problem = $"not JSON: {e.Message}";
            return null;
        }
    }
}
