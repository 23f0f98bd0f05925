using Traffic.Tests.Shared;

namespace Traffic.Service.Tests;

/// <summary>`traffic scenario` and `traffic compare` end to end on the sample corridor.</summary>
public sealed class CompareCliTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("traffic-compare-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    [Fact]
    public void Scenario_then_compare_writes_the_table_one_csv_row_per_run_and_a_chart()
    {
        var network = Repo.File("config/networks/sample-corridor.json");
        var scenario = Path.Combine(temp, "corridor-am.json");
        var (exit, output, errors) = Run("scenario", "--network", network, "--period", "am", "--seed", "4", "--total", "1500", "--out", scenario);
        Assert.True(exit == 0, errors);
        Assert.Contains("flows", output, StringComparison.Ordinal);

        var outDir = Path.Combine(temp, "cmp");
        (exit, output, errors) = Run("compare", "--network", network, "--scenario", scenario, "--policies", "fixed,actuated", "--seeds", "1,2", "--duration", "900", "--out", outDir);
        Assert.True(exit == 0, errors);
        Assert.Contains("fixed seed 2:", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  actuated +\d+\.\d \(\d+\.\d-\d+\.\d\)", output);
        var rows = File.ReadAllLines(Path.Combine(outDir, "runs.csv"));
        Assert.Equal(5, rows.Length);
        Assert.StartsWith("scenario,demand_scale,policy,seed,", rows[0], StringComparison.Ordinal);
        var faults = Array.IndexOf(rows[0].Split(','), "safety_faults");
        var finished = Array.IndexOf(rows[0].Split(','), "finished");
        Assert.All(rows.Skip(1), r => Assert.Equal("0", r.Split(',')[faults]));
        Assert.All(rows.Skip(1), r => Assert.True(int.Parse(r.Split(',')[finished], System.Globalization.CultureInfo.InvariantCulture) > 100, r));
        var svg = File.ReadAllText(Path.Combine(outDir, "compare.svg"));
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains(">actuated</text>", svg, StringComparison.Ordinal);
        Assert.Contains("delay s/veh", svg, StringComparison.Ordinal);
        Assert.Equal(1 + (2 * 2 * 5), File.ReadAllLines(Path.Combine(outDir, "intersections.csv")).Length);
    }

    [Fact]
    public void Compare_rejects_an_unknown_policy_and_a_scenario_for_another_network()
    {
        var network = Repo.File("config/networks/sample-corridor.json");
        var (exit, _, errors) = Run("compare", "--network", network, "--scenario", "x.json", "--policies", "fixed,magic", "--seeds", "1", "--out", temp);
        Assert.Equal(2, exit);
        Assert.Contains("unknown policy 'magic'", errors, StringComparison.Ordinal);

        (exit, _, errors) = Run("compare", "--network", network, "--scenario", Repo.File("config/scenarios/daegu-250-am.json"), "--policies", "fixed", "--seeds", "1", "--out", temp);
        Assert.Equal(2, exit);
        Assert.Contains("daegu-250-am.json", errors, StringComparison.Ordinal);
        Assert.Contains("network: the scenario is for", errors, StringComparison.Ordinal);
    }
}
