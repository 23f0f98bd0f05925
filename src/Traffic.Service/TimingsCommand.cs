using Traffic.Control;

namespace Traffic.Service;

/// <summary>`traffic timings FILE --flows CSV`: the Webster fixed-time plan of every intersection with flows.</summary>
internal sealed class TimingsCommand : ICommand
{
    public string Name => "timings";

    public string Summary => "Webster-optimal cycle and splits per intersection from movement flows (CSV)";

    public string Usage => """
        usage: traffic timings FILE --flows CSV [--intersection ID] [--saturation VPH]
          CSV lines: intersection,movement,flow_vph (header required), e.g. I001,N.T,620
          Prints per intersection: cycle, Y (sum of critical flow ratios), L (lost time), and per phase
          y, green, split, degree of saturation x and Webster's uniform delay d1.
          Bad CSV lines are all reported (with line numbers); plans are still printed for the good ones.
          exit 0: ok; 2: bad input; 1: internal error
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var (file, rest) = NetworkFile.SplitFile(args);
        var options = CommandArgs.Parse(rest, ["flows", "intersection", "saturation"], []);
        var flowsPath = options.Required("flows");
        var only = options.Value("intersection");
        var saturation = options.Int("saturation", 1000, 2600);
        var network = NetworkFile.Load(file, stderr);
        if (network is null)
        {
            return ExitCodes.BadInput;
        }

        if (only is not null && network.Intersections.All(i => i.Id != only))
        {
            throw new UsageException($"--intersection: {file} has no intersection '{only}'");
        }

        string csv;
        try
        {
            csv = File.ReadAllText(flowsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{flowsPath}: cannot read: {e.Message}");
            return ExitCodes.BadInput;
        }

        var flows = FlowsCsv.Parse(csv, Path.GetFileName(flowsPath), network);
        foreach (var e in flows.Errors)
        {
            stderr.WriteLine(e);
        }

        var settings = saturation is null ? WebsterSettings.Default : WebsterSettings.Default with { SaturationFlowPerLane = saturation.Value };
        var planned = 0;
        foreach (var i in network.Intersections)
        {
            if (only is not null && i.Id != only)
            {
                continue;
            }

            var mine = flows.For(i.Id);
            if (mine.Count == 0)
            {
                continue;
            }

            var r = Webster.Plan(i, mine, settings);
            planned++;
            var notes = (r.Oversaturated ? " OVERSATURATED (cycle at maximum)" : "") + (r.CycleRaisedForMinimums ? " (cycle raised to fit minimum greens)" : "");
            stdout.WriteLine($"{i.Id} {i.Name} ({i.Layout}): cycle {r.Plan.Cycle:0} s, Y {r.CriticalFlowRatio:0.000}, L {r.LostTime:0.0} s, C0 {r.OptimalCycle:0.0} s, critical phases {string.Join(",", r.CriticalPhases)}{notes}");
            var t = new TextTable("phase", "y", "green s", "split s", "x", "d1 s/veh");
            foreach (var s in r.Plan.Splits)
            {
                t.Add(
                    s.Phase,
                    r.FlowRatios.TryGetValue(s.Phase, out var y) ? y.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "-",
                    s.Green,
                    s.Split,
                    r.DegreesOfSaturation.TryGetValue(s.Phase, out var x) ? x.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "-",
                    r.UniformDelays.TryGetValue(s.Phase, out var d) ? d : "-");
            }

            t.Write(stdout);
            stdout.WriteLine();
        }

        stdout.WriteLine($"{planned} intersection{(planned == 1 ? "" : "s")} planned from {flows.Flows.Count} flows");
        return flows.Errors.Count > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}
