using Traffic.Control;
using Traffic.Signals.Sequencing;
using Traffic.Sumo.Runs;

namespace Traffic.Sumo.Tests;

public sealed class RunnerTests(GridFixture grid) : IClassFixture<GridFixture>
{
    private RunOptions Options(string cfg, string policy, double duration) =>
        new(cfg, policy, Path.Combine(grid.Directory, "work"), Path.Combine(grid.Directory, "trips"), duration);

    [Theory]
    [InlineData("fixed")]
    [InlineData("actuated")]
    [InlineData("max-pressure")]
    public void Every_policy_runs_the_grid_safely_and_keeps_the_tripinfo(string policy)
    {
        var runner = new SumoRunner(PolicyRegistry.CreateDefault(), TextWriter.Null);
        var r = runner.Run(Options(grid.ConfigFile, policy, 600), seed: 3);
        Assert.Equal(0, r.SafetyViolations);
        Assert.Equal(600, r.SimulatedSeconds);
        Assert.True(r.Trips.Arrived > 200, $"{policy}: only {r.Trips.Arrived} arrived in 600 s");
        Assert.False(r.Gridlock, r.GridlockReason);
        Assert.True(File.Exists(r.TripinfoFile));
        Assert.Contains($"-{policy}-seed3", r.TripinfoFile, StringComparison.Ordinal);
        Assert.InRange(r.Trips.MeanDelay, 1, 300);
    }

    [Fact]
    public void A_registered_policy_drives_every_light_of_the_network()
    {
        var registry = PolicyRegistry.CreateDefault();
        var created = new List<string>();
        var decisions = 0;
        registry.Register("counting", s =>
        {
            created.Add(s.TlsId);
            return new CountingPolicy(() => decisions++);
        });
        var r = new SumoRunner(registry, TextWriter.Null).Run(Options(grid.ConfigFile, "counting", 60), seed: 1);
        Assert.Equal(["A0", "A1", "B0", "B1"], created);
        Assert.Equal(4 * 60 * SignalTime.TicksPerSecond, decisions);

        // With nobody calling a phase our controllers rest in red: no vehicle gets through the grid.
        Assert.Equal(0, r.Trips.Arrived);
    }

    [Fact]
    public void Ingolstadt1_smoke_300_s_actuated_is_safe()
    {
        var runner = new SumoRunner(PolicyRegistry.CreateDefault(), TextWriter.Null);
        var r = runner.Run(Options(TestData.Scenario("ingolstadt1", "sumocfg"), "actuated", 300), seed: 1);
        Assert.Equal(0, r.SafetyViolations);
        Assert.True(r.Trips.Arrived > 50, $"{r.Trips.Arrived} arrived");
        Assert.Equal(57900, r.Trips.End);
    }

    [Fact]
    public void Unknown_policies_are_refused_with_the_known_names()
    {
        var e = Assert.Throws<ArgumentException>(() => PolicyRegistry.CreateDefault().IsProgramme("no-such-policy"));
        Assert.Contains("no-such-policy", e.Message, StringComparison.Ordinal);
        Assert.Contains("max-pressure", e.Message, StringComparison.Ordinal);
        Assert.Contains("adaptive", e.Message, StringComparison.Ordinal);
        Assert.True(PolicyRegistry.CreateDefault().IsProgramme("fixed"));
        Assert.False(PolicyRegistry.CreateDefault().IsProgramme("actuated"));
    }

    private sealed class CountingPolicy(Action decided) : ISignalPolicy
    {
        public string Name => "counting";

        public void Observe(in DetectorReading r)
        {
        }

        public void Observe(ApproachObservation o)
        {
        }

        public void Decide(ISignalControl control) => decided();
    }
}
