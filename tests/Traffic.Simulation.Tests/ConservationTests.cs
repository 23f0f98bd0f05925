using CsCheck;

namespace Traffic.Simulation.Tests;

public sealed class ConservationTests
{
    [Fact]
    public void Vehicles_in_equal_vehicles_out_plus_vehicles_on_the_network_at_every_step()
    {
        var (network, demand) = Scenarios.Grid(3, 3, 4000);
        var recorder = new Recorder();
        var sim = new Simulation(network, demand, new FixedTimeSignalView(network, 60), observer: recorder);
        while (sim.Time < 1200)
        {
            sim.Step();
            Assert.Equal(sim.Entered, sim.Exited + sim.CountVehiclesOnLanes());
        }

        Assert.True(sim.Exited > 300, $"only {sim.Exited} vehicles left the network");
        Assert.Equal(sim.Entered, recorder.EnteredEvents.Count);
        Assert.Equal(sim.Exited, recorder.ExitedEvents.Count);
        Assert.Equal(sim.Generated, sim.Entered + sim.Waiting);
    }

    [Fact]
    public void Every_vehicle_that_left_crossed_one_stop_line_per_step_of_its_route()
    {
        var (network, demand) = Scenarios.Grid(3, 3, 4000, seed: 3);
        var recorder = new Recorder();
        var sim = new Simulation(network, demand, new FixedTimeSignalView(network, 60), observer: recorder);
        sim.RunUntil(1200);

        var crossings = recorder.Crossings.GroupBy(c => c.Serial).ToDictionary(g => g.Key, g => g.Count());
        Assert.NotEmpty(recorder.ExitedEvents);
        foreach (var e in recorder.ExitedEvents)
        {
            Assert.Equal(demand.Flows[e.Flow].Steps.Count, crossings[e.Serial]);
        }
    }

    [Fact]
    public void Conservation_and_lane_order_hold_for_random_grids_demands_and_steps()
    {
        var gen = Gen.Select(Gen.Int[1, 3], Gen.Int[1, 3], Gen.Double[500, 9000], Gen.Int[1, 1000], Gen.Int[0, 2].Select(i => 0.25 * (1 << i)));
        gen.Sample((rows, columns, vehiclesPerHour, seed, dt) =>
        {
            var (network, demand) = Scenarios.Grid(rows, columns, vehiclesPerHour, seed);
            var sim = new Simulation(network, demand, new FixedTimeSignalView(network, 60, offsets: i => i * 11), new SimulationOptions(TimeStepS: dt, Seed: seed));
            while (sim.Time < 480)
            {
                sim.Step();
                if (sim.Entered != sim.Exited + sim.CountVehiclesOnLanes())
                {
                    return false;
                }

                if (sim.Steps % 20 == 0)
                {
                    Scenarios.AssertLanesConsistent(sim);
                }
            }

            return sim.Entered > 0;
        }, iter: 12, threads: 1);
    }
}
