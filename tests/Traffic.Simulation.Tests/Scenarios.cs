using Traffic.Signals.Model;
using Traffic.Simulation.Synthetic;

namespace Traffic.Simulation.Tests;

/// <summary>Small networks and demands for the tests.</summary>
internal static class Scenarios
{
    public static (Network Network, Demand Demand) Grid(int rows, int columns, double vehiclesPerHour, int seed = 1, int lanes = 2)
    {
        var spec = new GridSpec(rows, columns, MinSpacingM: 150, MaxSpacingM: 250, LanesPerApproach: lanes, Seed: seed);
        return (SyntheticGrid.Build(spec), SyntheticGrid.Demand(spec, vehiclesPerHour));
    }

    /// <summary>One isolated intersection; <paramref name="flows"/> are (movement id, veh/h).</summary>
    public static (Network Network, Demand Demand) Isolated(int lanes, params (string Movement, double VehiclesPerHour)[] flows)
    {
        var network = SyntheticGrid.Build(new GridSpec(1, 1, LanesPerApproach: lanes));
        var id = network.Intersections[0].Id;
        var demand = new Demand([.. flows.Select(f => new RouteFlow(f.Movement, [new RouteStep(id, f.Movement)], f.VehiclesPerHour))]);
        return (network, demand);
    }

    public static int MovementIndex(Network network, int intersection, string movement)
    {
        var ms = network.Intersections[intersection].Movements;
        for (var j = 0; j < ms.Count; j++)
        {
            if (ms[j].Id == movement)
            {
                return j;
            }
        }

        throw new ArgumentException($"no movement {movement}", nameof(movement));
    }

    /// <summary>No two consecutive vehicles of a lane overlap, and none is past the end of its lane.</summary>
    public static void AssertLanesConsistent(Simulation sim)
    {
        for (var l = 0; l < sim.Road.LaneCount; l++)
        {
            var vehicles = sim.VehiclesOnLane(l);
            for (var k = 0; k < vehicles.Count; k++)
            {
                Assert.True(vehicles[k].Position <= sim.Road.LaneLengthM(l) + 1e-9, $"t={sim.Time}: vehicle {vehicles[k].Serial} at {vehicles[k].Position} beyond the end of lane {l}");
                Assert.True(vehicles[k].Speed >= 0, $"t={sim.Time}: vehicle {vehicles[k].Serial} has negative speed");
                if (k > 0)
                {
                    var gap = vehicles[k - 1].Position - vehicles[k - 1].Length - vehicles[k].Position;
                    Assert.True(gap >= -1e-6, $"t={sim.Time}: lane {l}: vehicle {vehicles[k].Serial} overlaps vehicle {vehicles[k - 1].Serial} (gap {gap:F3} m)");
                }
            }
        }
    }
}
