using System.Globalization;
using Traffic.Control;
using Traffic.Simulation;

namespace Traffic.Service;

/// <summary>`traffic scenario`: writes a generated origin-destination demand file (docs/simulation.md, "Demand").</summary>
internal sealed class ScenarioCommand : ICommand
{
    public string Name => "scenario";

    public string Summary => "write a seeded origin-destination demand file for a network (AM, off-peak, PM)";

    public string Usage =>
        """
        usage: traffic scenario --network <file> --period am|offpeak|pm --seed <int> --total <veh/h> --out <file>
                                [--name <name>] [--destinations <n>] [--decay <s>] [--arterial-weight <w>] [--flows-csv <file>]
          A gravity model over the legs that lead off the network; routes are the shortest free-flow-time
          paths. Prints the flows and, per intersection, Webster's Y (sum of critical flow ratios at
          1800 veh/h/lane) so the load can be judged. --flows-csv also writes the flow of every movement
          (intersection,movement,flow_vph) for `traffic timings`.
        example:
          traffic scenario --network config/networks/daegu-250.json --period am --seed 1 --total 16000 --out config/scenarios/daegu-250-am.json
          exit 0: ok; 2: bad input; 1: internal error
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandArgs.Parse(args, ["network", "period", "seed", "total", "out", "name", "destinations", "decay", "arterial-weight", "flows-csv"], []);
        var networkPath = options.Required("network");
        var periodText = options.Required("period");
        DayPeriod period;
        try
        {
            period = ScenarioSpec.ParsePeriod(periodText);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"--period: '{periodText}' is not one of am, offpeak, pm");
        }

        var seed = options.Int("seed", 0, int.MaxValue) ?? throw new UsageException("option --seed is required");
        var total = options.Double("total", 1, 1_000_000) ?? throw new UsageException("option --total is required");
        var output = options.Required("out");
        var network = NetworkFile.Load(networkPath, stderr);
        if (network is null)
        {
            return ExitCodes.BadInput;
        }

        var spec = new ScenarioSpec(
            options.Value("name") ?? Path.GetFileNameWithoutExtension(output),
            period,
            seed,
            total,
            options.Int("destinations", 1, 1000) ?? 12,
            options.Double("decay", 1, 100_000) ?? 600,
            options.Double("arterial-weight", 0.01, 100) ?? 3.0);
        var doc = ScenarioGenerator.Generate(network, spec);
        var text = ScenarioFile.Write(doc);
        var scenario = ScenarioFile.Load(text, Path.GetFileName(output), network);
        var directory = Path.GetDirectoryName(output);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(output, text);
        var flows = scenario.Demand.Flows;
        stdout.WriteLine(FormattableString.Invariant(
            $"wrote {output}: {flows.Count} flows, {scenario.Demand.TotalVehiclesPerHour:F0} veh/h from {flows.Select(f => f.Steps[0]).Distinct().Count()} origin legs, mean route {flows.Average(f => f.Steps.Count):F1} intersections"));
        var design = DesignFlows.FromDemand(scenario.Demand);
        var ys = network.Intersections
            .Select(x => (x.Id, Y: design.TryGetValue(x.Id, out var f) ? Webster.Plan(x, f, WebsterSettings.Default with { SaturationFlowPerLane = 1800 }).CriticalFlowRatio : 0))
            .OrderByDescending(p => p.Y)
            .ToList();
        stdout.WriteLine(FormattableString.Invariant(
            $"Webster Y per intersection: max {ys[0].Y:F2} ({ys[0].Id}), 90th percentile {ys[ys.Count / 10].Y:F2}, median {ys[ys.Count / 2].Y:F2}; {ys.Count(p => p.Y >= 0.9)} at 0.9 or more"));
        if (options.Value("flows-csv") is { } csv)
        {
            var lines = new List<string> { FlowsCsv.Header };
            foreach (var x in network.Intersections)
            {
                if (design.TryGetValue(x.Id, out var f))
                {
                    lines.AddRange(x.Movements.Where(m => f.ContainsKey(m.Id)).Select(m => FormattableString.Invariant($"{x.Id},{m.Id},{f[m.Id]:0.#}")));
                }
            }

            File.WriteAllLines(csv, lines);
        }

        stdout.WriteLine("most loaded: " + string.Join(", ", ys.Take(5).Select(p => FormattableString.Invariant($"{p.Id} ({network.Intersection(p.Id).Layout}) {p.Y:F2}"))));
        return ExitCodes.Ok;
    }
}
