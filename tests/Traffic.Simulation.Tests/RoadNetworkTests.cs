using Traffic.Signals.Model;
using Traffic.Simulation.Synthetic;

namespace Traffic.Simulation.Tests;

public sealed class RoadNetworkTests
{
    [Fact]
    public void A_grid_has_entry_exit_and_internal_links_and_one_approach_per_leg()
    {
        var network = SyntheticGrid.Build(new GridSpec(2, 3));
        var road = RoadNetwork.Build(network, SimulationOptions.Default);

        Assert.Equal(10, road.Links.Count(k => k.Kind == LinkKind.Entry)); // 2 * (2 + 3) boundary legs
        Assert.Equal(10, road.Links.Count(k => k.Kind == LinkKind.Exit));
        Assert.Equal(14, road.Links.Count(k => k.Kind == LinkKind.Internal)); // 2 * (2 * 2 + 3 * 1)
        Assert.Equal(24, road.Approaches.Count);
        Assert.All(road.Links.Where(k => k.Kind == LinkKind.Entry), k => Assert.Equal(SimulationOptions.Default.EntryLinkLengthM, k.LengthM));
        var link = network.Links[0];
        var internalLink = road.Links.Single(k => k.Kind == LinkKind.Internal && k.From == link.From && k.FromLeg == link.FromLeg);
        Assert.Equal(link.LengthM, internalLink.LengthM);
        Assert.Equal(link.To, internalLink.To);
    }

    [Fact]
    public void Paths_through_the_intersection_follow_the_geometry()
    {
        var x = FourLegIntersection.Create("X", 0, 0, lanes: 2);
        var r = IntersectionGeometry.Radius(x);
        Assert.Equal(9.0, r, 9); // widest leg 4 lanes * 3.5 m / 2 + 2 m

        double Path(string id) => IntersectionGeometry.PathLength(x, x.Movements.Single(m => m.Id == id));

        Assert.Equal(2 * r, Path("W.T"), 9);

        // Right turn: a quarter arc over chord sqrt(2) (r - 3.5).
        Assert.Equal(Math.Sqrt(2) * (r - 3.5) * (Math.PI / 4) / Math.Sin(Math.PI / 4), Path("W.R"), 9);
        Assert.Equal(Math.Sqrt(2) * (r + 3.5) * (Math.PI / 4) / Math.Sin(Math.PI / 4), Path("W.L"), 9);
    }

    [Fact]
    public void Lanes_carry_the_movements_the_model_gives_them()
    {
        var network = SyntheticGrid.Build(new GridSpec(1, 1, LanesPerApproach: 3));
        var road = RoadNetwork.Build(network, SimulationOptions.Default);
        int Lane(int i) => road.ApproachLane(0, "N", i);

        Assert.Equal([Lane(1)], road.Movements[road.MovementIndex("R00C00", "N.L")].Lanes);
        Assert.Equal([Lane(2), Lane(3)], road.Movements[road.MovementIndex("R00C00", "N.T")].Lanes);
        Assert.Equal([Lane(3)], road.Movements[road.MovementIndex("R00C00", "N.R")].Lanes);
        Assert.Equal(3, road.Movements[road.MovementIndex("R00C00", "N.L")].OpposingLanes.Count);
        Assert.Empty(road.Movements[road.MovementIndex("R00C00", "N.T")].OpposingLanes);
    }

    [Fact]
    public void A_link_to_an_unknown_leg_is_an_error_naming_the_link()
    {
        var network = SyntheticGrid.Build(new GridSpec(1, 2));
        var broken = network with { Links = [.. network.Links, new Link("R00C00", "Q", "R00C01", "W", 100, 50)] };

        var e = Assert.Throws<SimulationConfigException>(() => RoadNetwork.Build(broken, SimulationOptions.Default));
        Assert.Contains("links[2] (R00C00.Q -> R00C01.W): unknown leg", e.Message);
    }

    [Fact]
    public void A_second_link_into_one_leg_is_an_error()
    {
        var network = SyntheticGrid.Build(new GridSpec(1, 2));
        var broken = network with { Links = [.. network.Links, new Link("R00C01", "N", "R00C01", "W", 100, 50)] };

        var e = Assert.Throws<SimulationConfigException>(() => RoadNetwork.Build(broken, SimulationOptions.Default));
        Assert.Contains("a second link arrives at R00C01 on leg W", e.Message);
    }

    [Fact]
    public void Bad_routes_are_errors_naming_the_flow_and_step()
    {
        var network = SyntheticGrid.Build(new GridSpec(1, 2));
        var demand = new Demand(
        [
            new RouteFlow("ok", [new RouteStep("R00C00", "W.T"), new RouteStep("R00C01", "W.T")], 100),
            new RouteFlow("inside", [new RouteStep("R00C01", "W.T")], 100),
            new RouteFlow("gap", [new RouteStep("R00C00", "W.T"), new RouteStep("R00C01", "N.T")], 100),
            new RouteFlow("stops", [new RouteStep("R00C00", "W.T")], 100),
            new RouteFlow("unknown", [new RouteStep("R00C00", "W.X")], 100),
            new RouteFlow("negative", [new RouteStep("R00C00", "N.T")], -5),
        ]);

        var e = Assert.Throws<SimulationConfigException>(() => new Simulation(network, demand, new FuncSignalView((_, _, _) => MovementSignal.Red)));
        Assert.Equal(5, e.Errors.Count);
        Assert.Contains(e.Errors, m => m.StartsWith("demand: flows[1] (inside).steps[0] (R00C01 W.T): a route must start on a leg fed from outside", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("demand: flows[2] (gap).steps[1] (R00C01 N.T): does not follow the previous step", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("demand: flows[3] (stops).steps[0] (R00C00 W.T): a route must end by leaving the network", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("demand: flows[4] (unknown).steps[0] (R00C00 W.X): intersection R00C00 has no movement W.X", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("demand: flows[5] (negative): vehiclesPerHour must be >= 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_options_are_errors_naming_each_value()
    {
        var e = Assert.Throws<SimulationConfigException>(() => new SimulationOptions(TimeStepS: 0, CctvRangeM: double.NaN) { Noise = new SensorNoise(LoopMissProbability: 2) }.Validate());

        Assert.Contains(e.Errors, m => m.StartsWith("TimeStepS must be a positive number", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("CctvRangeM must be a positive number", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("Noise.LoopMissProbability must be in [0, 1]", StringComparison.Ordinal));
    }
}
