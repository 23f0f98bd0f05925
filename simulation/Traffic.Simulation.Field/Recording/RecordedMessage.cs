namespace Traffic.Simulation.Field.Recording;

/// <summary>One recorded MQTT message: its line in the file (the header is line 1), event time, topic and payload bytes.</summary>
public sealed record RecordedMessage(long Line, DateTimeOffset Time, string Topic, byte[] Payload);

/// <summary>A line of a recording that could not be used, and why.</summary>
public sealed record RecordingError(long Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>A recording that cannot be read at all (missing file, bad header).</summary>
public sealed class RecordingFormatException(string message, Exception? inner = null) : Exception(message, inner);
