using System.Text.Json.Serialization;

namespace Traffic.Simulation;

// The JSON shape of a scenario file (config/scenarios/*.json): origin-destination flows over a
// network for one period of the day. Written by ScenarioGenerator (`traffic scenario`), read by
// ScenarioFile. docs/simulation.md, "Demand", documents the fields.

public sealed class ScenarioDocument
{
    public int SchemaVersion { get; set; } = 1;

    public string? Name { get; set; }

    /// <summary>The network's name (its file's "name").</summary>
    public string? Network { get; set; }

    public string? Description { get; set; }

    /// <summary>"am", "offpeak" or "pm".</summary>
    public string? Period { get; set; }

    /// <summary>How the file was generated (to regenerate it exactly); absent for a hand-written file.</summary>
    public ScenarioGeneratorDocument? Generator { get; set; }

    /// <summary>Simulated seconds a run of this scenario lasts by default.</summary>
    public double DurationS { get; set; } = 3600;

    public List<OdFlowDocument>? Flows { get; set; }

    /// <summary>Pedestrian arrivals at crosswalks; absent = <see cref="PedestrianDemand.Default"/>.</summary>
    public PedestriansDocument? Pedestrians { get; set; }

    /// <summary>Bus lines (12 m buses on a route every headway); absent = none.</summary>
    public List<BusLineDocument>? BusLines { get; set; }

    /// <summary>Emergency vehicles on a route at given departure times; absent = none.</summary>
    public List<EmergencyVehiclesDocument>? EmergencyVehicles { get; set; }
}

/// <summary>Pedestrians per hour at every crosswalk (by intersection layout where given), slow walkers' share, push buttons.</summary>
public sealed class PedestriansDocument
{
    public double? PerCrosswalkPerHour { get; set; }

    public Dictionary<string, double>? ByLayout { get; set; }

    public double? SlowWalkerShare { get; set; }

    public bool? PushButtons { get; set; }
}

/// <summary>A bus line from <see cref="Origin"/> to <see cref="Destination"/> (same legs as flows), first bus at <see cref="FirstS"/>, then every <see cref="HeadwayS"/>.</summary>
public sealed class BusLineDocument
{
    public string? Id { get; set; }

    public string? Origin { get; set; }

    public string? Destination { get; set; }

    public double HeadwayS { get; set; }

    public double FirstS { get; set; }
}

/// <summary>Emergency vehicles from <see cref="Origin"/> to <see cref="Destination"/> leaving at <see cref="DeparturesS"/> (simulated seconds).</summary>
public sealed class EmergencyVehiclesDocument
{
    public string? Id { get; set; }

    public string? Origin { get; set; }

    public string? Destination { get; set; }

    public List<double>? DeparturesS { get; set; }
}

public sealed class ScenarioGeneratorDocument
{
    public int Seed { get; set; }

    public double TotalVehPerHour { get; set; }

    public int DestinationsPerOrigin { get; set; }

    public double DecayS { get; set; }

    public double ArterialWeight { get; set; }
}

/// <summary>Vehicles per hour from the off-network end of leg <see cref="Origin"/> ("I001.W": entering by leg W of I001) to the off-network end of leg <see cref="Destination"/>.</summary>
public sealed class OdFlowDocument
{
    public string? Origin { get; set; }

    public string? Destination { get; set; }

    public double VehPerHour { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ScenarioDocument))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(PedestriansDocument))]
[JsonSerializable(typeof(BusLineDocument))]
[JsonSerializable(typeof(EmergencyVehiclesDocument))]
public sealed partial class ScenarioJsonContext : JsonSerializerContext;
