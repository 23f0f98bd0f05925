using Traffic.Signals.Config;
using Traffic.Tests.Shared;

namespace Traffic.Simulation.Tests;

/// <summary>The tee with its side-street right turn as an overlap (config/layouts/tee-overlap.json) in the closed loop.</summary>
public sealed class OverlapClosedLoopTests
{
    [Theory]
    [InlineData("actuated")]
    [InlineData("max-pressure")]
    public void Right_turners_of_the_overlap_are_served_and_nothing_faults(string policy)
    {
        var file = Repo.File("config/layouts/tee-overlap.json");
        var loaded = NetworkLoader.Load(File.ReadAllText(file), file);
        Assert.True(loaded.Ok, string.Join(Environment.NewLine, loaded.Errors));
        var network = loaded.Network!;
        var id = network.Intersections[0].Id;
        var flows = new (string Movement, double Vph)[] { ("S.R", 300), ("S.L", 100), ("E.L", 150), ("W.T", 400), ("E.T", 400) };
        var demand = new Demand([.. flows.Select(f => new RouteFlow(f.Movement, [new RouteStep(id, f.Movement)], f.Vph))]);
        var run = new ClosedLoopRun(network, demand, policy, new RunSettings(Seed: 5));
        run.RunUntil(3600);
        var m = run.Finish();
        Assert.Equal(0, m.SafetyFaults);
        Assert.True(m.Finished > 1000, $"{m.Finished} trips finished of {m.Entered} entered");
        Assert.True(m.OnNetwork < 60, $"{m.OnNetwork} vehicles still on the network after an hour: some movement is starved");
    }
}
