using Traffic.Signals.Model;

namespace Traffic.Simulation.Field;

/// <summary>
/// A plain demand for any network, for field runs before scenario files exist for it: every movement
/// that starts on a leg fed from outside the network gets a route that goes straight on at every
/// later intersection (through, else right, else left) until it leaves the network. Flow per route:
/// <c>vehiclesPerHourPerLane</c> times the movement's lanes, a quarter of that for turns.
/// </summary>
public static class FieldDemand
{
    private const int MaxSteps = 200;

    public static Demand StraightOn(Network network, double vehiclesPerHourPerLane, SimulationOptions? options = null)
    {
        if (!(vehiclesPerHourPerLane >= 0) || double.IsInfinity(vehiclesPerHourPerLane))
        {
            throw new ArgumentOutOfRangeException(nameof(vehiclesPerHourPerLane), vehiclesPerHourPerLane, "demand must be a finite number of vehicles per hour per lane, >= 0");
        }

        var road = RoadNetwork.Build(network, options ?? SimulationOptions.Default);
        var flows = new List<RouteFlow>();
        foreach (var first in road.Movements)
        {
            if (road.Links[first.ApproachLink].Kind != LinkKind.Entry)
            {
                continue;
            }

            var model = network.Intersections[first.Intersection].Movements[first.Movement];
            var steps = new List<RouteStep> { new(network.Intersections[first.Intersection].Id, first.Id) };
            var exit = road.Links[first.ExitLink];
            while (exit.Kind == LinkKind.Internal && steps.Count < MaxSteps)
            {
                var next = network.Intersection(exit.To);
                var onward = next.Movements
                    .Where(m => m.FromLeg == exit.ToLeg && m.Turn != Turn.UTurn)
                    .OrderBy(m => m.Turn switch { Turn.Through => 0, Turn.Right => 1, _ => 2 })
                    .FirstOrDefault();
                if (onward is null)
                {
                    break;
                }

                steps.Add(new RouteStep(next.Id, onward.Id));
                exit = road.Links[road.Movements[road.MovementIndex(next.Id, onward.Id)].ExitLink];
            }

            if (exit.Kind != LinkKind.Exit)
            {
                continue; // no way out straight on; leave this movement without demand
            }

            var share = model.Turn == Turn.Through ? 1.0 : 0.25;
            var id = string.Join(" ", steps.Select(s => $"{s.IntersectionId}:{s.MovementId}"));
            flows.Add(new RouteFlow(id, steps, vehiclesPerHourPerLane * model.Lanes * share));
        }

        return new Demand(flows);
    }
}
