using System.Text.Json.Serialization;

namespace Traffic.Signals.Config;

// The JSON shape of a network file, as written by people and by the generator. Everything that can
// be computed (timings, conflicts, detector phases) is optional. The loader (NetworkLoader) turns a
// document into a validated Model.Network and reports every error with file and element.
// docs/config.md documents each field.

public sealed class NetworkDocument
{
    public int SchemaVersion { get; set; } = 1;

    public string? Name { get; set; }

    public List<IntersectionDocument>? Intersections { get; set; }

    public List<LinkDocument>? Links { get; set; }

    public List<CorridorDocument>? Corridors { get; set; }
}

public sealed class IntersectionDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>Free text: "nema8", "two-phase", "tee", "five-leg", "one-way", "midblock", "scramble".</summary>
    public string? Layout { get; set; }

    public PositionDocument? Position { get; set; }

    public List<LegDocument>? Legs { get; set; }

    public List<CrosswalkDocument>? Crosswalks { get; set; }

    public List<PhaseDocument>? Phases { get; set; }

    /// <summary>Ring-barrier: each ring's phases in order. Give rings + barriers, or stages.</summary>
    public List<List<int>>? Rings { get; set; }

    /// <summary>Ring-barrier: the phases between consecutive barriers, in order.</summary>
    public List<List<int>>? Barriers { get; set; }

    /// <summary>Plain stage list: each stage a set of phases that run together, in order.</summary>
    public List<List<int>>? Stages { get; set; }

    /// <summary>Optional phase-level conflict pairs; must include every conflict the geometry implies.</summary>
    public List<List<int>>? Conflicts { get; set; }

    public List<DetectorDocument>? Detectors { get; set; }

    public ControllerDocument? Controller { get; set; }

    /// <summary>NEMA-style overlaps: signal groups green with any of their parent phases.</summary>
    public List<OverlapDocument>? Overlaps { get; set; }
}

public sealed class OverlapDocument
{
    /// <summary>1-16 letters, digits, '_' or '-' ("A"); the signal group is named "O" + id.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>Movement ids it serves with the right of way; no phase may serve them.</summary>
    public List<string>? Movements { get; set; }

    /// <summary>Movement ids it serves as yielding (permitted) movements.</summary>
    public List<string>? Permitted { get; set; }

    /// <summary>Phase ids; the overlap is green while any of them is green.</summary>
    public List<int>? Parents { get; set; }

    public double? MinGreen { get; set; }

    public double? Yellow { get; set; }

    public double? RedClearance { get; set; }
}

public sealed class PositionDocument
{
    public double X { get; set; }

    public double Y { get; set; }
}

public sealed class LegDocument
{
    public string? Id { get; set; }

    /// <summary>Compass bearing from the centre out along the leg, degrees (0 = north, 90 = east).</summary>
    public double? Bearing { get; set; }

    public double? SpeedLimitKmh { get; set; }

    /// <summary>Grade of the approach in per cent, positive uphill towards the intersection.</summary>
    public double? GradePercent { get; set; }

    /// <summary>Approach lanes from left (median) to right (kerb), each with its movements: "L", "T", "R", "U", or "T:EXITLEG".</summary>
    public List<LaneDocument>? Lanes { get; set; }

    /// <summary>Lanes leaving the intersection on this leg; 0 for a one-way street towards the intersection.</summary>
    public int? OutboundLanes { get; set; }
}

public sealed class LaneDocument
{
    public List<string>? Movements { get; set; }
}

public sealed class CrosswalkDocument
{
    public string? Id { get; set; }

    /// <summary>The leg it crosses; absent for a diagonal (scramble) crossing.</summary>
    public string? Leg { get; set; }

    public double? LengthM { get; set; }

    public bool Diagonal { get; set; }
}

public sealed class PhaseDocument
{
    public int? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>Movement ids ("W.T", "N.L") with right of way.</summary>
    public List<string>? Protected { get; set; }

    /// <summary>Movement ids that yield (permitted left, right turn yielding to pedestrians).</summary>
    public List<string>? Permitted { get; set; }

    /// <summary>Crosswalk ids that walk with this phase.</summary>
    public List<string>? Crosswalks { get; set; }

    public double? MinGreen { get; set; }

    public double? MaxGreen { get; set; }

    public double? Yellow { get; set; }

    public double? RedClearance { get; set; }

    public double? Walk { get; set; }

    public double? PedClearance { get; set; }

    public double? Passage { get; set; }
}

public sealed class DetectorDocument
{
    public string? Id { get; set; }

    /// <summary>"stopbar", "advance" or "cctv".</summary>
    public string? Kind { get; set; }

    public string? Leg { get; set; }

    /// <summary>Lane numbers counted from 1 at the left; absent = every approach lane of the leg.</summary>
    public List<int>? Lanes { get; set; }

    /// <summary>Distance upstream of the stop line in metres.</summary>
    public double? DistanceM { get; set; }

    /// <summary>Phases it calls and extends; absent = every phase serving a movement of its lanes.</summary>
    public List<int>? Phases { get; set; }
}

public sealed class ControllerDocument
{
    /// <summary>"red" or "green".</summary>
    public string? Rest { get; set; }

    public List<int>? RestPhases { get; set; }

    public List<int>? DualEntry { get; set; }

    public bool? AllowWalkTruncationOnPreempt { get; set; }

    public double? StartupAllRedSeconds { get; set; }
}

public sealed class LinkDocument
{
    public string? From { get; set; }

    public string? FromLeg { get; set; }

    public string? To { get; set; }

    public string? ToLeg { get; set; }

    public double? LengthM { get; set; }

    public double? SpeedKmh { get; set; }
}

public sealed class CorridorDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<string>? Intersections { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(NetworkDocument))]
public sealed partial class ConfigJsonContext : JsonSerializerContext;
