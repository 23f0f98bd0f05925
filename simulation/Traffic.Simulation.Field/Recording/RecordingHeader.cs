using System.Text.Json.Serialization;

namespace Traffic.Simulation.Field.Recording;

/// <summary>
/// The first line of a recording (docs/recording.md): <see cref="Format"/> is always
/// "traffic-recording", <see cref="Version"/> the format version (1), then what was recorded: the
/// network's name, the scenario, the seed and the event time of simulated second 0.
/// </summary>
public sealed record RecordingHeader
{
    public const string FormatName = "traffic-recording";
    public const int CurrentVersion = 1;

    public string Format { get; init; } = FormatName;

    public int Version { get; init; } = CurrentVersion;

    public required string Network { get; init; }

    public string Scenario { get; init; } = "";

    public int Seed { get; init; }

    public DateTimeOffset? Start { get; init; }
}

/// <summary>Source-generated JSON for the header (camelCase, absent optional fields omitted).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RecordingHeader))]
internal sealed partial class RecordingJsonContext : JsonSerializerContext;
