using System.Text.Json.Nodes;

using Traffic.Tests.Shared;

namespace Traffic.Service.Tests;

/// <summary>The `traffic` verbs end to end: arguments in, text and exit code out.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("traffic-cli-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    /// <summary>A copy of a shipped layout with one change made to its JSON.</summary>
    private string Variant(string layout, Action<JsonObject> change)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Repo.File($"config/layouts/{layout}.json")))!.AsObject();
        change(doc["intersections"]![0]!.AsObject());
        var path = Path.Combine(temp, $"{layout}-variant.json");
        File.WriteAllText(path, doc.ToJsonString());
        return path;
    }

    [Fact]
    public void Validate_reports_250_intersections_for_daegu()
    {
        var (exit, output, _) = Run("validate", Repo.File("config/networks/daegu-250.json"));
        Assert.Equal(0, exit);
        Assert.Contains("intersections 250,", output, StringComparison.Ordinal);
        Assert.Contains("corridors 13,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_a_one_second_yellow_at_60_kmh_naming_the_element()
    {
        var file = Variant("nema8", i =>
        {
            foreach (var leg in i["legs"]!.AsArray())
            {
                leg!["speedLimitKmh"] = 60;
            }

            i["phases"]![1]!["yellow"] = 1.0;
        });
        var (exit, _, errors) = Run("validate", file);
        Assert.Equal(2, exit);
        Assert.Contains("nema8-variant.json: intersections[0] (I001).phases[1] (id 2).yellow", errors, StringComparison.Ordinal);
        Assert.Contains("1.0 s", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_a_given_conflict_matrix_that_misses_a_real_conflict()
    {
        // Every real conflict of the layout except 2-4 (eastbound through against northbound through).
        var file = Variant("nema8", i =>
        {
            var pairs = new JsonArray();
            foreach (var (a, b) in new[] { (1, 2), (1, 3), (1, 4), (1, 7), (1, 8), (2, 3), (2, 7), (2, 8), (3, 4), (3, 5), (3, 6), (4, 5), (4, 6), (5, 6), (5, 7), (5, 8), (6, 7), (6, 8), (7, 8) })
            {
                pairs.Add(new JsonArray(a, b));
            }

            i["conflicts"] = pairs;
        });
        var (exit, _, errors) = Run("validate", file);
        Assert.Equal(2, exit);
        Assert.Contains("conflicts", errors, StringComparison.Ordinal);
        Assert.Matches("phases? 2 .*4|phase 4 .*2", errors);
    }

    [Fact]
    public void Validate_reports_every_error_of_a_broken_file()
    {
        var file = Variant("twophase", i =>
        {
            i["legs"]![0]!["speedLimitKmh"] = 500;
            i["phases"]![0]!["minGreen"] = -3;
            i["crosswalks"]![0]!["leg"] = "Q";
        });
        var (exit, _, errors) = Run("validate", file);
        Assert.Equal(2, exit);
        Assert.Contains("speedLimitKmh", errors, StringComparison.Ordinal);
        Assert.Contains("minGreen", errors, StringComparison.Ordinal);
        Assert.Contains("unknown leg \"Q\"", errors, StringComparison.Ordinal);
        Assert.Contains("3 errors", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_of_a_missing_file_is_bad_input()
    {
        var (exit, _, errors) = Run("validate", Path.Combine(temp, "nope.json"));
        Assert.Equal(2, exit);
        Assert.Contains("cannot read", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Fuzz_runs_every_layout_and_finds_no_violation()
    {
        var (exit, output, _) = Run("fuzz", Repo.File("config/networks/daegu-250.json"), "--steps", "20000", "--seed", "3");
        Assert.Equal(0, exit);
        Assert.Contains("total: 7 intersections, 140,000 steps, 0 violations", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Timings_prints_a_webster_plan_and_reports_bad_lines()
    {
        var csv = Path.Combine(temp, "flows.csv");
        File.WriteAllText(csv, "intersection,movement,flow_vph\nI001,W.T,700\nI001,E.T,650\nI001,N.T,300\nI001,S.T,320\nI001,X.T,5\nI001,W.L,-4\n");
        var (exit, output, errors) = Run("timings", Repo.File("config/layouts/twophase.json"), "--flows", csv);
        Assert.Equal(2, exit);
        Assert.Contains("flows.csv:6", errors, StringComparison.Ordinal);
        Assert.Contains("flows.csv:7", errors, StringComparison.Ordinal);
        Assert.Matches(@"I001 .*cycle \d+ s, Y 0\.\d+", output);
        Assert.Contains("1 intersection planned", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_verbs_and_options_are_bad_input()
    {
        Assert.Equal(2, Run("frobnicate").Exit);
        Assert.Equal(2, Run("fuzz", Repo.File("config/layouts/tee.json"), "--stepz", "5").Exit);
        Assert.Equal(2, Run("validate").Exit);
    }
}
