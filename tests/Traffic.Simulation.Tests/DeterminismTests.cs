namespace Traffic.Simulation.Tests;

public sealed class DeterminismTests
{
    private static (List<StopLineCrossing> Crossings, long[] Loops) Run(int seed)
    {
        var (network, demand) = Scenarios.Grid(3, 3, 5000);
        var recorder = new Recorder();
        var sim = new Simulation(network, demand, new FixedTimeSignalView(network, 60), new SimulationOptions(Seed: seed), recorder);
        sim.RunUntil(900);
        return (recorder.Crossings, [.. sim.Loops.Select(l => sim.ReadLoop(l.Index).Count)]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_run()
    {
        var a = Run(7);
        var b = Run(7);
        Assert.True(a.Crossings.Count > 500);
        Assert.Equal(a.Crossings, b.Crossings);
        Assert.Equal(a.Loops, b.Loops);
    }

    [Fact]
    public void Another_seed_gives_another_run()
    {
        var a = Run(7);
        var b = Run(8);
        Assert.NotEqual(a.Crossings, b.Crossings);
    }
}
