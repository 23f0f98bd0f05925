using System.Globalization;
using System.Text;
using Traffic.Simulation;

namespace Traffic.Service;

/// <summary>`traffic compare`: runs several policies on one scenario and several seeds in the in-process closed loop; table, CSV and chart.</summary>
internal sealed class CompareCommand : ICommand
{
    public string Name => "compare";

    public string Summary => "simulate policies x seeds on a scenario; print a table, write CSV and an SVG chart";

    public string Usage =>
        """
        usage: traffic compare --network <file> --scenario <file> --policies <p1,p2,...> --seeds <s1,s2,...>
                               --out <dir> [--duration <s>] [--demand-scale <x>] [--failed-detectors <fraction>] [--tracked-arrivals]
          Runs every policy with every seed (simulation in process, the real signal controllers, the
          policy deciding every 0.1 s tick). Fixed-time plans are Webster plans of the scenario's flows
          (not scaled by --demand-scale: the plan is for the expected demand). Prints progress, then per
          policy the mean over seeds and the range (min-max). Writes <dir>/runs.csv (one row per run),
          <dir>/intersections.csv (arrivals on green and split failures per run and intersection) and
          <dir>/compare.svg (bars = mean, error bars = min-max over seeds).
          --duration: simulated seconds (default: the scenario's, 3600). --demand-scale: multiply every
          flow (1.2 = 20 % overload). --failed-detectors: fail this fraction of all detectors (0.2 = 20 %),
          drawn with seed 1 (the same set for every policy and seed): loops stuck on, without data or
          chattering in turn, cameras out; the policies see the failures, the traffic does not.
          --tracked-arrivals: the cameras also give the adaptive policy every vehicle they track on the
          stop-bar lanes (distance, speed), so it schedules arrivals (docs/control.md).
        example:
          traffic compare --network config/networks/daegu-250.json --scenario config/scenarios/daegu-250-am.json --policies fixed,actuated --seeds 1,2,3 --out out/compare-am
          exit 0: ok (no safety fault); 1: a safety fault or internal error; 2: bad input
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandArgs.Parse(args, ["network", "scenario", "policies", "seeds", "out", "duration", "demand-scale", "failed-detectors"], ["tracked-arrivals"]);
        var networkPath = options.Required("network");
        var scenarioPath = options.Required("scenario");
        var registry = PolicyRegistry.CreateDefault();
        var policies = options.Required("policies").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var p in policies)
        {
            if (!registry.Contains(p))
            {
                throw new UsageException($"--policies: unknown policy '{p}' (known: {string.Join(", ", registry.Names)})");
            }
        }

        if (policies.Length == 0 || policies.Distinct().Count() != policies.Length)
        {
            throw new UsageException("--policies: give one or more different policy names, comma-separated");
        }

        var seeds = options.Required("seeds").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new UsageException($"--seeds: '{s}' is not a non-negative integer"))
            .ToArray();
        if (seeds.Length == 0 || seeds.Distinct().Count() != seeds.Length)
        {
            throw new UsageException("--seeds: give one or more different seeds, comma-separated");
        }

        var output = options.Required("out");
        var scale = options.Double("demand-scale", 0.01, 100) ?? 1.0;
        var failed = options.Double("failed-detectors", 0, 1) ?? 0.0;
        var network = NetworkFile.Load(networkPath, stderr);
        if (network is null)
        {
            return ExitCodes.BadInput;
        }

        Scenario scenario;
        try
        {
            scenario = ScenarioFile.LoadFile(scenarioPath, network);
        }
        catch (Exception e) when (e is SimulationConfigException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(e is SimulationConfigException ? e.Message : $"{scenarioPath}: cannot read: {e.Message}");
            return ExitCodes.BadInput;
        }

        var duration = options.Double("duration", 60, 86_400) ?? scenario.DurationS;
        var demand = scenario.Scaled(scale);
        var design = DesignFlows.FromDemand(scenario.Demand);
        var failures = failed > 0 ? SensorFailures.RandomDetectors(network, failed) : SensorFailures.None;
        var loop = ClosedLoopOptions.Default with { Failures = failures, TrackedArrivals = options.Flag("tracked-arrivals") };
        if (failed > 0)
        {
            stdout.WriteLine(FormattableString.Invariant(
                $"failed detectors: {failures.Loops.Count} loop detectors ({failures.Loops.Values.Count(f => f == LoopFailure.StuckOn)} stuck on, {failures.Loops.Values.Count(f => f == LoopFailure.NoData)} no data, {failures.Loops.Values.Count(f => f == LoopFailure.Chatter)} chatter) and {failures.CameraOutages.Count} cameras out"));
        }

        stdout.WriteLine(FormattableString.Invariant(
            $"{network.Name}: {network.Intersections.Count} intersections; scenario {scenario.Name} ({scenario.Period}) x {scale}: {demand.TotalVehiclesPerHour:F0} veh/h over {demand.Flows.Count} routes; {duration / 60:F0} simulated min; {policies.Length} policies x {seeds.Length} seeds"));
        var coordination = PolicyRegistry.Coordination(new NetworkPolicyContext(network, design));
        stdout.WriteLine(FormattableString.Invariant(
            $"coordination from the design flows: {coordination.Pairs.Count(p => p.Linked)} of {coordination.Pairs.Count} neighbour pairs linked, {coordination.Groups.Count} groups ({coordination.Groups.Sum(g => g.MemberIds.Count)} intersections), cycles {string.Join(" ", coordination.Groups.Select(g => g.Plan.Timing.Cycle).Distinct().Order())} s; peak arrivals on green measured on {coordination.PeakMovements().Count} movements (\"adaptive-coordinated\" coordinates them; other policies do not)"));
        var results = new List<RunMetrics>();
        foreach (var policy in policies)
        {
            foreach (var seed in seeds)
            {
                var run = new ClosedLoopRun(network, demand, policy, new RunSettings(seed, design, registry, Loop: loop));
                run.RunUntil(
                    duration,
                    r => stdout.WriteLine(FormattableString.Invariant(
                        $"  {policy} seed {seed}: t={r.Simulation.Time / 60,3:F0} min  on network {r.Simulation.OnNetwork,6}  finished {r.Simulation.Exited,6}  waiting {r.Simulation.Waiting,5}  wall {r.Wall.TotalSeconds,5:F1} s")),
                    600);
                var m = run.Finish();
                results.Add(m);
                stdout.WriteLine(FormattableString.Invariant(
                    $"{policy} seed {seed}: delay {m.MeanDelayS:F1} s/veh, stops {m.StopsPerVehicle:F2}/veh, throughput {m.ThroughputVph:F0} veh/h, p95 travel {m.P95TravelTimeS:F0} s, ped wait {m.MeanPedestrianWaitS:F1} s ({m.Pedestrians} peds), EV travel {m.MeanEmergencyTravelS:F0} s ({m.EmergencyTrips}), bus delay {m.MeanBusDelayS:F0} s ({m.BusTrips}), safety faults {m.SafetyFaults} ({m.WallSeconds:F1} s wall)"));
                foreach (var f in run.Signals.Faults)
                {
                    stderr.WriteLine($"SAFETY FAULT {policy} seed {seed}: {f}");
                }
            }
        }

        stdout.WriteLine();
        var table = new TextTable(["policy", .. CompareReport.Measures.Select(m => m.Header)]);
        foreach (var policy in policies)
        {
            var mine = results.Where(r => r.Policy == policy).ToList();
            table.Add([policy, .. CompareReport.Measures.Select(m => CompareReport.MeanRange(mine.Select(m.Value).ToList(), m.Format))]);
        }

        table.Write(stdout);
        stdout.WriteLine(FormattableString.Invariant($"  mean over seeds {string.Join(",", seeds)} (min-max); delay counts vehicles still on the network or waiting to enter with their delay so far"));
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "runs.csv"), CompareReport.RunsCsv(results, scenario.Name, scale));
        File.WriteAllText(Path.Combine(output, "intersections.csv"), CompareReport.IntersectionsCsv(results));
        var title = FormattableString.Invariant($"{scenario.Name} x {scale}, {network.Intersections.Count} intersections, {duration / 60:F0} min, seeds {string.Join(",", seeds)}");
        File.WriteAllText(Path.Combine(output, "compare.svg"), CompareChart.Svg(title, policies, results));
        stdout.WriteLine($"wrote {Path.Combine(output, "runs.csv")}, {Path.Combine(output, "intersections.csv")}, {Path.Combine(output, "compare.svg")}");
        return results.Any(r => r.SafetyFaults > 0) ? ExitCodes.Failure : ExitCodes.Ok;
    }
}
