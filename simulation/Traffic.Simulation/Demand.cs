namespace Traffic.Simulation;

/// <summary>One movement of a route: at intersection <paramref name="IntersectionId"/> make movement <paramref name="MovementId"/> ("W.T").</summary>
public sealed record RouteStep(string IntersectionId, string MovementId);

/// <summary>
/// Vehicles on one route, arriving as a Poisson stream of <paramref name="VehiclesPerHour"/>. The first
/// step must enter from a leg fed from outside the network and the last must leave the network; each
/// step's exit link must be the next step's approach.
/// </summary>
public sealed record RouteFlow(string Id, IReadOnlyList<RouteStep> Steps, double VehiclesPerHour);

/// <summary>
/// Route flows of cars; optionally <see cref="Scheduled"/> buses and emergency vehicles and <see cref="Pedestrians"/>
/// (null = none; pedestrians need a signal view that shows walk, <see cref="IPedestrianSignalView"/>).
/// </summary>
public sealed record Demand(IReadOnlyList<RouteFlow> Flows)
{
    public IReadOnlyList<ScheduledVehicles> Scheduled { get; init; } = [];

    public PedestrianDemand? Pedestrians { get; init; }

    public double TotalVehiclesPerHour
    {
        get
        {
            var sum = 0.0;
            foreach (var f in Flows)
            {
                sum += f.VehiclesPerHour;
            }

            return sum;
        }
    }
}
