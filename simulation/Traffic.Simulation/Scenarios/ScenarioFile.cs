using System.Globalization;
using System.Text;
using System.Text.Json;
using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>A scenario whose flows have routes: the <see cref="Demand"/> to simulate and what the file said.</summary>
public sealed record Scenario(string Name, string Network, string Period, double DurationS, ScenarioDocument Document, Demand Demand)
{
    /// <summary>The same routes with every flow multiplied by <paramref name="factor"/> (overload tests: 1.2 = 20 % more traffic).</summary>
    public Demand Scaled(double factor) =>
        factor is > 0 and < double.PositiveInfinity
            ? Demand with { Flows = [.. Demand.Flows.Select(f => f with { VehiclesPerHour = f.VehiclesPerHour * factor })] }
            : throw new ArgumentOutOfRangeException(nameof(factor), factor, "demand scale must be a positive number");
}

/// <summary>Reads, checks, routes and writes scenario files.</summary>
public static class ScenarioFile
{
    /// <summary>
    /// Parses <paramref name="json"/> and routes every flow over <paramref name="network"/> (shortest free-flow
    /// time). Throws <see cref="SimulationConfigException"/> with every problem, each naming the file and flow.
    /// </summary>
    public static Scenario Load(string json, string source, Network network, SimulationOptions? options = null)
    {
        ScenarioDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize(json, ScenarioJsonContext.Default.ScenarioDocument);
        }
        catch (JsonException e)
        {
            throw new SimulationConfigException(source, [$"not a valid scenario document: {e.Message}"]);
        }

        if (doc is null)
        {
            throw new SimulationConfigException(source, ["empty document"]);
        }

        var errors = new List<string>();
        if (doc.SchemaVersion != 1)
        {
            errors.Add($"schemaVersion {doc.SchemaVersion} is not supported (expected 1)");
        }

        if (string.IsNullOrWhiteSpace(doc.Name))
        {
            errors.Add("name is required");
        }

        if (doc.Network != network.Name)
        {
            errors.Add($"network: the scenario is for '{doc.Network}', the network file is '{network.Name}'");
        }

        if (!(doc.DurationS > 0) || double.IsInfinity(doc.DurationS))
        {
            errors.Add($"durationS must be a positive number, got {doc.DurationS.ToString(CultureInfo.InvariantCulture)}");
        }

        if (doc.Flows is null || doc.Flows.Count == 0)
        {
            errors.Add("flows: at least one flow is required");
        }

        var router = new Router(RoadNetwork.Build(network, options ?? SimulationOptions.Default));
        var flows = new List<RouteFlow>();
        var seen = new Dictionary<(string, string), int>();
        for (var k = 0; k < (doc.Flows?.Count ?? 0); k++)
        {
            var f = doc.Flows![k];
            var where = $"flows[{k}] ({f.Origin} -> {f.Destination})";
            var ok = true;
            if (f.Origin is null || !router.Origins.TryGetValue(f.Origin, out var from))
            {
                errors.Add($"{where}: origin '{f.Origin}' is not a leg fed from outside the network (intersection.leg with approach lanes and no link arriving)");
                ok = false;
                from = -1;
            }

            if (f.Destination is null || !router.Destinations.TryGetValue(f.Destination, out var to))
            {
                errors.Add($"{where}: destination '{f.Destination}' is not a leg leaving the network (intersection.leg with outbound lanes and no link leaving)");
                ok = false;
                to = -1;
            }

            if (!(f.VehPerHour > 0) || double.IsInfinity(f.VehPerHour))
            {
                errors.Add($"{where}: vehPerHour must be a positive number, got {f.VehPerHour.ToString(CultureInfo.InvariantCulture)}");
                ok = false;
            }

            if (f.Origin is not null && f.Destination is not null && !seen.TryAdd((f.Origin, f.Destination), k))
            {
                errors.Add($"{where}: the same origin and destination as flows[{seen[(f.Origin, f.Destination)]}]");
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            var route = router.Route(from, to);
            if (route is null)
            {
                errors.Add($"{where}: no route from {f.Origin} to {f.Destination}");
                continue;
            }

            flows.Add(new RouteFlow($"{f.Origin}>{f.Destination}", route, f.VehPerHour));
        }

        var scheduled = new List<ScheduledVehicles>();
        void Timetable(string where, string? id, string? origin, string? destination, Func<IReadOnlyList<RouteStep>, ScheduledVehicles?> make)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add($"{where}: id is required");
            }

            if (origin is null || !router.Origins.TryGetValue(origin, out var from))
            {
                errors.Add($"{where}: origin '{origin}' is not a leg fed from outside the network");
                return;
            }

            if (destination is null || !router.Destinations.TryGetValue(destination, out var to))
            {
                errors.Add($"{where}: destination '{destination}' is not a leg leaving the network");
                return;
            }

            if (router.Route(from, to) is not { } route)
            {
                errors.Add($"{where}: no route from {origin} to {destination}");
            }
            else if (make(route) is { } made)
            {
                scheduled.Add(made);
            }
        }

        for (var k = 0; k < (doc.BusLines?.Count ?? 0); k++)
        {
            var b = doc.BusLines![k];
            var where = $"busLines[{k}] ({b.Id})";
            Timetable(where, b.Id, b.Origin, b.Destination, route =>
            {
                if (!(b.HeadwayS > 0) || double.IsInfinity(b.HeadwayS) || !(b.FirstS >= 0) || double.IsInfinity(b.FirstS))
                {
                    errors.Add($"{where}: headwayS must be a positive number and firstS >= 0, got {b.HeadwayS.ToString(CultureInfo.InvariantCulture)} and {b.FirstS.ToString(CultureInfo.InvariantCulture)}");
                    return null;
                }

                return ScheduledVehicles.BusLine(b.Id ?? "", route, b.HeadwayS, b.FirstS, doc.DurationS);
            });
        }

        for (var k = 0; k < (doc.EmergencyVehicles?.Count ?? 0); k++)
        {
            var e = doc.EmergencyVehicles![k];
            var where = $"emergencyVehicles[{k}] ({e.Id})";
            Timetable(where, e.Id, e.Origin, e.Destination, route =>
            {
                if (e.DeparturesS is not { Count: > 0 } times || times.Any(t => !(t >= 0) || double.IsInfinity(t)))
                {
                    errors.Add($"{where}: departuresS must list one or more times >= 0");
                    return null;
                }

                return new ScheduledVehicles(e.Id ?? "", route, VehicleClass.Emergency, [.. times.Order()]);
            });
        }

        var pedestrians = PedestrianDemand.Default;
        if (doc.Pedestrians is { } p)
        {
            pedestrians = new PedestrianDemand(
                p.PerCrosswalkPerHour ?? pedestrians.PerCrosswalkPerHour,
                p.ByLayout ?? (p.PerCrosswalkPerHour is null ? pedestrians.ByLayout : null),
                p.SlowWalkerShare ?? pedestrians.SlowWalkerShare,
                PushButtons: p.PushButtons ?? false);
            errors.AddRange(pedestrians.Errors());
        }

        if (errors.Count > 0)
        {
            throw new SimulationConfigException(source, errors);
        }

        return new Scenario(doc.Name!, doc.Network!, doc.Period ?? "", doc.DurationS, doc, new Demand(flows) { Scheduled = scheduled, Pedestrians = pedestrians });
    }

    /// <summary>Reads the file at <paramref name="path"/> (errors name the file).</summary>
    public static Scenario LoadFile(string path, Network network, SimulationOptions? options = null) =>
        Load(File.ReadAllText(path), Path.GetFileName(path), network, options);

    /// <summary>The document as JSON, one flow per line, numbers in invariant culture: the same document always gives the same text.</summary>
    public static string Write(ScenarioDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var sb = new StringBuilder();
        sb.Append("{\n");
        sb.Append(CultureInfo.InvariantCulture, $"  \"schemaVersion\": {doc.SchemaVersion},\n");
        sb.Append(CultureInfo.InvariantCulture, $"  \"name\": {Str(doc.Name)},\n");
        sb.Append(CultureInfo.InvariantCulture, $"  \"network\": {Str(doc.Network)},\n");
        sb.Append(CultureInfo.InvariantCulture, $"  \"description\": {Str(doc.Description)},\n");
        sb.Append(CultureInfo.InvariantCulture, $"  \"period\": {Str(doc.Period)},\n");
        if (doc.Generator is { } g)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  \"generator\": {{ \"seed\": {g.Seed}, \"totalVehPerHour\": {Num(g.TotalVehPerHour)}, \"destinationsPerOrigin\": {g.DestinationsPerOrigin}, \"decayS\": {Num(g.DecayS)}, \"arterialWeight\": {Num(g.ArterialWeight)} }},\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"  \"durationS\": {Num(doc.DurationS)},\n");
        if (doc.Pedestrians is { } p)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  \"pedestrians\": {Compact(JsonSerializer.Serialize(p, ScenarioJsonContext.Default.PedestriansDocument))},\n");
        }

        if (doc.BusLines is { Count: > 0 } buses)
        {
            sb.Append("  \"busLines\": [\n");
            sb.Append(string.Join(",\n", buses.Select(b => "    " + Compact(JsonSerializer.Serialize(b, ScenarioJsonContext.Default.BusLineDocument)))));
            sb.Append("\n  ],\n");
        }

        if (doc.EmergencyVehicles is { Count: > 0 } evs)
        {
            sb.Append("  \"emergencyVehicles\": [\n");
            sb.Append(string.Join(",\n", evs.Select(e => "    " + Compact(JsonSerializer.Serialize(e, ScenarioJsonContext.Default.EmergencyVehiclesDocument)))));
            sb.Append("\n  ],\n");
        }

        sb.Append("  \"flows\": [\n");
        var flows = doc.Flows ?? [];
        for (var k = 0; k < flows.Count; k++)
        {
            var f = flows[k];
            sb.Append(CultureInfo.InvariantCulture, $"    {{ \"origin\": {Str(f.Origin)}, \"destination\": {Str(f.Destination)}, \"vehPerHour\": {Num(f.VehPerHour)} }}{(k + 1 < flows.Count ? "," : "")}\n");
        }

        sb.Append("  ]\n}\n");
        return sb.ToString();
    }

    private static string Str(string? s) => JsonSerializer.Serialize(s ?? "", ScenarioJsonContext.Default.String);

    /// <summary>An indented JSON object on one line.</summary>
    private static string Compact(string json) => System.Text.RegularExpressions.Regex.Replace(json, @"\s*\n\s*", " ");

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
