using Traffic.Sumo.Runs;

namespace Traffic.Sumo.Tests;

/// <summary>Approach weights: the file, the search that calibrates them by replay, and the runner options around them.</summary>
public sealed class WeightTests(GridFixture grid) : IClassFixture<GridFixture>
{
    [Fact]
    public void The_search_finds_the_weights_a_known_objective_is_lowest_at_and_stops_after_a_round_without_change()
    {
        // Lowest at a = 2, b = 0.5, c = 1 (the start), in steps the factors can reach.
        var target = new Dictionary<string, double> { ["a"] = 2, ["b"] = 0.5, ["c"] = 1 };
        var calls = 0;
        double Objective(IReadOnlyDictionary<string, double> w)
        {
            calls++;
            return target.Sum(kv => Math.Abs(Math.Log2(w.GetValueOrDefault(kv.Key, 1)) - Math.Log2(kv.Value)));
        }

        var kept = new List<double>();
        var search = new WeightSearch(["a", "b", "c"], Objective, [0.5, 2], 0.01, TextWriter.Null) { Improved = (_, v) => kept.Add(v) };
        var (weights, best, trials) = search.Run(rounds: 5);

        Assert.Equal(new Dictionary<string, double> { ["a"] = 2, ["b"] = 0.5 }, weights); // c stays 1, so it is not listed
        Assert.Equal(0, best);
        Assert.Equal([1.0, 0.0], kept);
        Assert.Equal(1 + (2 * 3 * 2), calls); // start, then two rounds of 3 detectors x 2 factors: the second changes nothing
        Assert.Equal(calls + 2, trials.Count); // every evaluation, plus a line for each kept change
    }

    [Fact]
    public void A_gain_below_the_minimum_is_not_kept()
    {
        var search = new WeightSearch(["a"], w => 10 - (w.GetValueOrDefault("a", 1) > 1 ? 0.01 : 0), [2], 0.05, TextWriter.Null);
        var (weights, best, _) = search.Run(rounds: 3);
        Assert.Empty(weights);
        Assert.Equal(10, best);
    }

    [Fact]
    public void The_weights_file_round_trips_and_every_error_names_the_file_line_and_detector()
    {
        var path = Path.Combine(grid.Directory, "w-ok.weights");
        DetectorWeightsFile.Write(path, new Dictionary<string, double> { ["b#1_1"] = 2, ["a_0"] = 0.5, ["c_2"] = 1 }, ["calibrated for a test"]);
        Assert.Equal(["# calibrated for a test", "a_0 0.5", "b#1_1 2"], File.ReadAllLines(path));
        Assert.Equal(new Dictionary<string, double> { ["a_0"] = 0.5, ["b#1_1"] = 2 }, DetectorWeightsFile.Read(path)); // SUMO lane ids may hold a '#'


        foreach (var (text, expected) in new[]
        {
            ("a_0 2\nb_1\n", ":2: expected 'detector-id weight'"),
            ("a_0 two\n", ":1: weight 'two' of detector 'a_0'"),
            ("# fine\na_0 0\n", ":2: weight '0' of detector 'a_0'"),
            ("a_0 2\n  # a comment\na_0 3\n", ":3: detector 'a_0' is given twice"),
            ("a#1_0 2 # trailing text\n", ":1: expected 'detector-id weight'"),
        })
        {
            var bad = Path.Combine(grid.Directory, "w-bad.weights");
            File.WriteAllText(bad, text);
            var e = Assert.Throws<InvalidDataException>(() => DetectorWeightsFile.Read(bad));
            Assert.Contains(bad + expected, e.Message, StringComparison.Ordinal);
        }

        var missing = Assert.Throws<InvalidDataException>(() => DetectorWeightsFile.Read(Path.Combine(grid.Directory, "none.weights")));
        Assert.Contains("not found", missing.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<InvalidDataException>(() => DetectorWeightsFile.Check("w", new Dictionary<string, double> { ["x_9"] = 2 }, new HashSet<string> { "a_0" }, "net.xml"));
        Assert.Contains("'x_9' is not an incoming lane of any light of net.xml", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runner_calibrates_weights_on_a_network_and_runs_with_them()
    {
        var outFile = Path.Combine(grid.Directory, "grid.weights");
        var exit = Runner.Program.Main([
            "--cfg", grid.ConfigFile, "--policy", "adaptive", "--seeds", "1", "--duration", "300", "--out", Path.Combine(grid.Directory, "cal-out"),
            "--calibrate-weights", outFile, "--calibrate-rounds", "1", "--calibrate-factors", "3", "--calibrate-lights", "A0,B1"]);
        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(outFile);
        Assert.Contains(lines, l => l.StartsWith("# training seeds 1: mean delay", StringComparison.Ordinal));
        var weights = DetectorWeightsFile.Read(outFile);
        var detectors = Import.SumoSignalImporter.ImportAll(Import.SumoNet.Load(grid.NetFile)).Where(s => s.TlsId is "A0" or "B1").SelectMany(s => s.DetectorLanes).ToHashSet();
        Assert.All(weights, kv => Assert.Contains(kv.Key, detectors));
        Assert.All(weights.Values, w => Assert.Equal(3, w));

        // The calibrated file is taken by a run of the same network; one naming a lane the network does not have is refused.
        var run = Runner.Program.Main(["--cfg", grid.ConfigFile, "--weights", outFile, "--policy", "adaptive", "--seeds", "1", "--duration", "300", "--out", Path.Combine(grid.Directory, "cal-run")]);
        Assert.Equal(0, run);
        var bad = Path.Combine(grid.Directory, "grid-bad.weights");
        File.WriteAllText(bad, "no_such_lane 2\n");
        Assert.Equal(1, Runner.Program.Main(["--cfg", grid.ConfigFile, "--weights", bad, "--policy", "adaptive", "--out", Path.Combine(grid.Directory, "cal-bad")]));
        Assert.Equal(2, Runner.Program.Main(["--weights", bad, "--cfg", grid.ConfigFile, "--out", Path.Combine(grid.Directory, "cal-bad")]));
        Assert.Equal(2, Runner.Program.Main(["--cfg", grid.ConfigFile, "--out", Path.Combine(grid.Directory, "cal-bad"), "--calibrate-weights", outFile, "--calibrate-lights", "no-such-light"]));
        Assert.Equal(2, Runner.Program.Main(["--cfg", grid.ConfigFile, "--out", Path.Combine(grid.Directory, "cal-bad"), "--calibrate-weights", outFile, "--calibrate-rounds", "1.5"]));
        Assert.Equal(weights, DetectorWeightsFile.Read(outFile)); // a refused calibration leaves the file as it was
    }
}
