using System.Xml.Linq;
using Traffic.Sumo.Import;
using Traffic.Sumo.Runs;

namespace Traffic.Sumo.Tests;

public sealed class SensorTests
{
    private static readonly SumoNet Net = SumoNet.Load(TestData.Scenario("ingolstadt1", "net.xml"));
    private static readonly IReadOnlyList<SumoSignal> Signals = SumoSignalImporter.ImportAll(Net);

    [Fact]
    public void The_runner_adds_only_the_zones_a_policy_reads()
    {
        var stop = Detectors(SensorNeeds.StopBar);
        var pressure = Detectors(SensorNeeds.Queue | SensorNeeds.Exit);
        var approach = Detectors(SensorNeeds.Approach);
        var all = Detectors(SensorNeeds.All);

        Assert.All(stop, id => Assert.StartsWith("tr_stop_", id, StringComparison.Ordinal));
        Assert.DoesNotContain(pressure, id => id.StartsWith("tr_stop_", StringComparison.Ordinal));
        Assert.Contains(pressure, id => id.StartsWith("tr_queue_", StringComparison.Ordinal));
        Assert.Contains(pressure, id => id.StartsWith("tr_exit_", StringComparison.Ordinal));
        Assert.NotEmpty(approach);
        Assert.All(approach, id => Assert.StartsWith("tr_approach_", id, StringComparison.Ordinal));
        // With the queue zones present the approach count reads the same E2 (a second variable), so no tr_approach_ detector.
        Assert.Equal(all.Order(StringComparer.Ordinal), stop.Concat(pressure).Order(StringComparer.Ordinal));
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(Detectors(SensorNeeds.None));
    }

    [Fact]
    public void Presence_zones_covering_their_lane_read_the_lane_instead_of_an_e2()
    {
        var sensors = new Sensors(Net, Signals, SensorNeeds.StopBar, stopBarZone: 30, queueZone: 200);
        var lanes = Signals.SelectMany(s => s.DetectorLanes).Distinct().ToList();
        var shortLanes = lanes.Count(l => Net.Lanes[l].Length <= 30);
        Assert.Equal(lanes.Count - shortLanes, sensors.DetectorCount);
        Assert.True(sensors.LaneCount >= shortLanes);

        // A queue zone longer than every lane still places its E2 (E2 halting is below 1.39 m/s, a lane's below 0.1 m/s).
        var queues = new Sensors(Net, Signals, SensorNeeds.Queue, stopBarZone: 30, queueZone: 200);
        Assert.Equal(lanes.Count, queues.DetectorCount);
    }

    [Fact]
    public void Registered_policies_declare_what_they_read_and_new_ones_read_everything()
    {
        var registry = PolicyRegistry.CreateDefault();
        Assert.Equal(SensorNeeds.StopBar, registry.Needs("actuated"));
        Assert.Equal(SensorNeeds.Queue | SensorNeeds.Exit, registry.Needs("max-pressure"));
        Assert.Equal(SensorNeeds.None, registry.Needs("fixed"));
        var adaptive = SensorNeeds.StopBar | SensorNeeds.Queue | SensorNeeds.Approach;
        Assert.Equal(SensorNeeds.Arrivals, registry.Needs("adaptive"));
        registry.RegisterAdaptive(PolicyRegistry.SumoAdaptive with { DownstreamWeight = 0 });
        Assert.Equal(adaptive, registry.Needs("adaptive-counts"));
        registry.RegisterAdaptive(PolicyRegistry.SumoAdaptive with { DownstreamWeight = 0.5 });
        Assert.Equal(adaptive | SensorNeeds.Exit, registry.Needs("adaptive-counts"));
        Assert.Equal(SensorNeeds.Arrivals, registry.Needs("adaptive"));
        registry.Register("other", registry.Create("actuated", Signals[0]) is var p ? _ => p : null);
        Assert.Equal(SensorNeeds.All, registry.Needs("other"));
    }

    [Fact]
    public void Exit_zones_before_signals_keep_only_exit_lanes_that_lead_to_another_light()
    {
        var net = SumoNet.Load(TestData.Scenario("ingolstadt7", "net.xml"));
        var signals = SumoSignalImporter.ImportAll(net);
        var all = new Sensors(net, signals, SensorNeeds.Exit, 30, 200, exitOnlyBeforeSignals: false);
        var before = new Sensors(net, signals, SensorNeeds.Exit, 30, 200, exitOnlyBeforeSignals: true);
        var layout = new DetectorLayout(net);
        var exits = signals.SelectMany(s => s.Links.Where(l => l.Movement >= 0).Select(l => l.OutLane)).Distinct().ToList();
        var leading = exits.Count(l => layout.LeadsToSignal(l, 1000));

        Assert.Equal(exits.Count, all.DetectorCount);
        Assert.Equal(leading, before.DetectorCount);
        Assert.InRange(leading, 1, exits.Count - 1);

        // An incoming lane of a light leads to it at once.
        var incoming = signals[0].DetectorLanes[0];
        Assert.True(layout.LeadsToSignal(incoming, 0));
    }

    private static List<string> Detectors(SensorNeeds needs)
    {
        var path = Path.Combine(Path.GetTempPath(), $"traffic-sumo-sensors-{Guid.NewGuid():N}.add.xml");
        try
        {
            new Sensors(Net, Signals, needs, stopBarZone: 30, queueZone: 200).Write(path);
            return XDocument.Load(path).Root!.Elements("laneAreaDetector").Select(e => (string)e.Attribute("id")!).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
