using Traffic.Tests.Shared;

namespace Traffic.Simulation.Tests;

public sealed class ScenarioTests
{
    [Fact]
    public void GeneratorIsDeterministicAndTheSeedMatters()
    {
        var network = Networks.SampleCorridor;
        var spec = new ScenarioSpec("corridor-am", DayPeriod.Am, 11, 2000);
        var a = ScenarioFile.Write(ScenarioGenerator.Generate(network, spec));
        var b = ScenarioFile.Write(ScenarioGenerator.Generate(network, spec));
        var c = ScenarioFile.Write(ScenarioGenerator.Generate(network, spec with { Seed = 12 }));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var scenario = ScenarioFile.Load(a, "corridor-am.json", network);
        Assert.InRange(scenario.Demand.TotalVehiclesPerHour, 1990, 2010);
    }

    [Theory]
    [InlineData("daegu-250-am.json")]
    [InlineData("daegu-250-offpeak.json")]
    [InlineData("daegu-250-pm.json")]
    public void CommittedScenarioFilesAreWhatTheGeneratorWrites(string file)
    {
        var text = File.ReadAllText(Repo.File("config/scenarios/" + file));
        var network = Networks.Daegu250;
        var scenario = ScenarioFile.Load(text, file, network);
        var spec = ScenarioGenerator.SpecOf(scenario.Document);
        Assert.NotNull(spec);
        var generated = ScenarioGenerator.Generate(network, spec!);

        // Hand-written sections (pedestrians, bus lines, emergency vehicles) are kept as they are.
        generated.Pedestrians = scenario.Document.Pedestrians;
        generated.BusLines = scenario.Document.BusLines;
        generated.EmergencyVehicles = scenario.Document.EmergencyVehicles;
        Assert.Equal(text, ScenarioFile.Write(generated));
    }

    [Fact]
    public void PeakDirectionsAreInboundInTheMorningAndOutboundInTheEvening()
    {
        // Demand-weighted distance from the centre of where trips start, minus where they end: AM > 0 (inbound), PM < 0.
        var network = Networks.Daegu250;
        var cx = network.Intersections.Average(x => x.X);
        var cy = network.Intersections.Average(x => x.Y);
        double R(string id)
        {
            var x = network.Intersection(id);
            return Math.Sqrt(((x.X - cx) * (x.X - cx)) + ((x.Y - cy) * (x.Y - cy)));
        }

        double Inbound(DayPeriod period)
        {
            var doc = ScenarioGenerator.Generate(network, new ScenarioSpec("x", period, 3, 10000));
            return doc.Flows!.Sum(f => f.VehPerHour * (R(f.Origin!.Split('.')[0]) - R(f.Destination!.Split('.')[0]))) / doc.Flows!.Sum(f => f.VehPerHour);
        }

        var (am, off, pm) = (Inbound(DayPeriod.Am), Inbound(DayPeriod.OffPeak), Inbound(DayPeriod.Pm));
        var text = $"mean distance from the centre of origin minus destination: AM {am:F0} m, off-peak {off:F0} m, PM {pm:F0} m";
        Assert.True(am > 300 && pm < -300, text);
        Assert.True(am > off + 500 && pm < off - 500, text);
    }

    [Fact]
    public void RoutesAreShortestFreeFlowPathsAndContinuous()
    {
        var network = Networks.SampleCorridor;
        var router = new Router(RoadNetwork.Build(network, SimulationOptions.Default));
        var west = router.Origins.Keys.Single(k => k.StartsWith(network.Intersections[0].Id + ".W", StringComparison.Ordinal));
        var east = router.Destinations.Keys.Single(k => k.StartsWith(network.Intersections[^1].Id + ".E", StringComparison.Ordinal));
        var route = router.Route(router.Origins[west], router.Destinations[east]);
        Assert.NotNull(route);
        Assert.Equal(network.Intersections.Select(x => x.Id), route!.Select(s => s.IntersectionId));
        Assert.All(route, s => Assert.EndsWith(".T", s.MovementId, StringComparison.Ordinal));
        var length = 300 + network.Links.Where(l => l.FromLeg == "E").Sum(l => l.LengthM) + 200;
        Assert.InRange(router.FreeFlowTime(router.Origins[west], router.Destinations[east]), (length / (60 / 3.6)) - 1, (length / (60 / 3.6)) + 20);
    }

    [Fact]
    public void BadFlowsAreAllReportedWithTheirPlace()
    {
        var network = Networks.SampleCorridor;
        var first = network.Intersections[0].Id;
        var json = $$"""
            { "schemaVersion": 1, "name": "bad", "network": "{{network.Name}}", "durationS": 3600, "flows": [
              { "origin": "{{first}}.W", "destination": "NOPE.N", "vehPerHour": 10 },
              { "origin": "{{first}}.Q", "destination": "{{first}}.N", "vehPerHour": 10 },
              { "origin": "{{first}}.W", "destination": "{{first}}.S", "vehPerHour": -1 }
            ] }
            """;
        var e = Assert.Throws<SimulationConfigException>(() => ScenarioFile.Load(json, "bad.json", network));
        Assert.Equal(3, e.Errors.Count);
        Assert.Contains("bad.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.Errors, m => m.StartsWith("flows[0]", StringComparison.Ordinal) && m.Contains("destination 'NOPE.N'", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("flows[1]", StringComparison.Ordinal) && m.Contains("origin", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("flows[2]", StringComparison.Ordinal) && m.Contains("vehPerHour", StringComparison.Ordinal));
    }
}
