namespace Traffic.Sumo.Tests;

/// <summary>The traffic-sumo command as a user runs it: by default with SUMO in-process.</summary>
public sealed class RunnerCliTests(GridFixture grid) : IClassFixture<GridFixture>
{
    [Fact]
    public void The_default_command_runs_every_policy_and_seed_and_writes_the_tables_and_tripinfos()
    {
        var outDir = Path.Combine(grid.Directory, "cli-out");
        var exit = Runner.Program.Main(["--cfg", grid.ConfigFile, "--policy", "fixed,adaptive", "--seeds", "1..2", "--duration", "300", "--out", outDir]);
        Assert.Equal(0, exit);
        var rows = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        Assert.Equal(5, rows.Length); // header + 2 policies x 2 seeds
        Assert.All(rows.Skip(1), r => Assert.Matches(@"^grid,(fixed|adaptive),[12],\d", r));
        Assert.Contains("median of 2", File.ReadAllText(Path.Combine(outDir, "results.md")), StringComparison.Ordinal);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(outDir, "tripinfo"), "tripinfo-*.xml").Length);
    }

    [Theory]
    [InlineData("--sumo", "tcp")]
    [InlineData("--policy", "magic")]
    public void Bad_options_exit_2(string option, string value)
    {
        var exit = Runner.Program.Main(["--cfg", grid.ConfigFile, "--out", Path.Combine(grid.Directory, "cli-bad"), option, value]);
        Assert.Equal(2, exit);
    }
}
