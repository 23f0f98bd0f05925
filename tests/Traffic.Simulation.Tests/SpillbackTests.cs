using Traffic.Signals.Model;
using Traffic.Simulation.Synthetic;

namespace Traffic.Simulation.Tests;

public sealed class SpillbackTests
{
    [Fact]
    public void A_full_link_stops_traffic_at_the_intersection_upstream()
    {
        // Two intersections in a row; the downstream one never lets W.T go.
        var network = SyntheticGrid.Build(new GridSpec(1, 2, MinSpacingM: 140, MaxSpacingM: 140, LanesPerApproach: 2));
        var up = network.Intersections[0];
        var down = network.Intersections[1];
        var demand = new Demand([new RouteFlow("across", [new RouteStep(up.Id, "W.T"), new RouteStep(down.Id, "W.T")], 1200)]);
        var signals = new FuncSignalView((i, m, _) => i == 0 && network.Intersections[0].Movements[m].FromLeg == "W" && network.Intersections[0].Movements[m].Turn == Turn.Through ? MovementSignal.Green : MovementSignal.Red);
        var recorder = new Recorder();
        var sim = new Simulation(network, demand, signals, observer: recorder);
        while (sim.Time < 900)
        {
            sim.Step();
            if (sim.Steps % 10 == 0)
            {
                Scenarios.AssertLanesConsistent(sim);
            }
        }

        var link = sim.Road.ApproachLink(1, "W");
        var info = sim.Road.Links[link];
        var storage = (int)Math.Floor(info.LengthM / sim.Options.Idm.JamSpacingM);
        for (var l = info.FirstLane; l < info.FirstLane + info.LaneCount; l++)
        {
            var onLane = sim.VehiclesOnLane(l);
            Assert.InRange(onLane.Count, storage - 1, storage);
            Assert.All(onLane, v => Assert.True(v.Position >= -1e-9, $"vehicle {v.Serial} is stuck inside the upstream intersection"));
        }

        // Nothing crossed upstream once the link was full, and the queue went back onto the entry link.
        var lastCrossing = recorder.Crossings.Where(c => c.Intersection == 0).Max(c => c.Time);
        Assert.True(lastCrossing < 600, $"last crossing upstream at {lastCrossing:F1} s");
        var entry = sim.Road.Links[sim.Road.ApproachLink(0, "W")];
        var queued = Enumerable.Range(entry.FirstLane, entry.LaneCount).Sum(l => sim.VehiclesOnLane(l).Count(v => v.Speed < 0.1));
        Assert.True(queued >= 2 * (storage - 4), $"only {queued} vehicles queue upstream");
    }
}
