using Traffic.Signals.Model;
using Traffic.Simulation.Synthetic;

namespace Traffic.Simulation.Tests;

public sealed class LoopDetectorTests
{
    [Fact]
    public void Every_vehicle_passing_a_loop_is_counted_when_noise_is_off()
    {
        var (network, demand) = Scenarios.Grid(2, 2, 4000, seed: 9);
        var recorder = new Recorder();
        var sim = new Simulation(network, demand, new FixedTimeSignalView(network, 60), observer: recorder);
        sim.RunUntil(1500);

        Assert.Equal(2 * 2 * 4 * 2 * 2, sim.Loops.Count); // intersections x legs x (stop bar, advance) x lanes
        var crossedFrom = recorder.Crossings.GroupBy(c => c.Lane).ToDictionary(g => g.Key, g => g.Count());
        foreach (var loop in sim.Loops)
        {
            // Passed the loop = left the lane over the stop line, or still on the lane beyond the loop's upstream edge.
            var passed = crossedFrom.GetValueOrDefault(loop.Lane) + sim.VehiclesOnLane(loop.Lane).Count(v => v.Position >= loop.FromM);
            Assert.True(passed > 0, $"no traffic over loop {loop.Id} lane {loop.LaneIndex}");
            Assert.Equal(passed, sim.ReadLoop(loop.Index).Count);
        }
    }

    [Fact]
    public void A_stop_bar_loop_under_a_standing_queue_is_occupied_all_the_time()
    {
        var (network, demand) = Scenarios.Isolated(1, ("W.T", 600));
        var sim = new Simulation(network, demand, new FuncSignalView((_, _, _) => MovementSignal.Red));
        var stopBar = sim.Loops.Single(l => l.Leg == "W" && l.Kind == DetectorKind.StopBar);
        var advance = sim.Loops.Single(l => l.Leg == "W" && l.Kind == DetectorKind.Advance);
        Assert.False(sim.ReadLoop(stopBar.Index).Presence);
        sim.RunUntil(240);

        var before = sim.ReadLoop(stopBar.Index);
        sim.RunUntil(300);
        var after = sim.ReadLoop(stopBar.Index);
        Assert.True(after.Presence);
        Assert.Equal(60.0, after.OccupiedS - before.OccupiedS, 6);
        Assert.Equal(1, after.Count); // only the first vehicle reached it
        Assert.True(sim.ReadLoop(advance.Index).Count >= 5, "the queue should have grown past the advance loop");
    }

    [Theory]
    [InlineData(50)]
    [InlineData(20)]
    public void A_vehicle_at_constant_speed_occupies_a_loop_for_loop_plus_vehicle_length_over_speed(double speedKmh)
    {
        // A single vehicle on green passes the advance loop and the stop-bar loop at the speed limit;
        // its rear leaves the stop-bar loop after its front has crossed the stop line.
        var network = SyntheticGrid.Build(new GridSpec(1, 1, SpeedKmh: speedKmh, LanesPerApproach: 1));
        var demand = new Demand([new RouteFlow("one", [new RouteStep(network.Intersections[0].Id, "W.T")], 1)]);
        var sim = new Simulation(network, demand, new FuncSignalView((_, _, _) => MovementSignal.Green), new SimulationOptions(Seed: 4));
        var advance = sim.Loops.Single(l => l.Leg == "W" && l.Kind == DetectorKind.Advance);
        var stopBar = sim.Loops.Single(l => l.Leg == "W" && l.Kind == DetectorKind.StopBar && l.LaneIndex == 1);
        while (sim.Entered == 0)
        {
            sim.Step();
        }

        sim.RunUntil(sim.Time + 60);
        var reading = sim.ReadLoop(advance.Index);
        var v = speedKmh / 3.6;
        Assert.Equal(1, reading.Count);
        Assert.Equal((sim.Options.AdvanceLoopLengthM + sim.Options.Idm.VehicleLengthM) / v, reading.OccupiedS, 3);
        var atStopBar = sim.ReadLoop(stopBar.Index);
        Assert.Equal(1, atStopBar.Count);
        Assert.Equal((sim.Options.StopBarLoopLengthM + sim.Options.Idm.VehicleLengthM) / v, atStopBar.OccupiedS, 3);
    }

    [Fact]
    public void A_loop_with_a_miss_probability_undercounts()
    {
        var (network, demand) = Scenarios.Isolated(2, ("W.T", 1200));
        var recorder = new Recorder();
        var sim = new Simulation(network, demand, new FuncSignalView((_, _, _) => MovementSignal.Green), new SimulationOptions { Noise = new SensorNoise(LoopMissProbability: 0.5) }, recorder);
        sim.RunUntil(1800);
        var passed = 0L;
        var counted = 0L;
        foreach (var loop in sim.Loops.Where(l => l.Leg == "W" && l.Kind == DetectorKind.StopBar))
        {
            passed += recorder.Crossings.Count(c => c.Lane == loop.Lane) + sim.VehiclesOnLane(loop.Lane).Count(v => v.Position >= loop.FromM);
            counted += sim.ReadLoop(loop.Index).Count;
        }

        Assert.True(passed > 400, $"only {passed} vehicles passed");
        Assert.InRange(counted / (double)passed, 0.4, 0.6);
    }
}
