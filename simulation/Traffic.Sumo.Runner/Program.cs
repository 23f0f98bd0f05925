using System.Globalization;
using Traffic.Control;
using Traffic.Sumo.Runs;

namespace Traffic.Sumo.Runner;

/// <summary>
/// traffic-sumo --cfg x.sumocfg --policy fixed|actuated|max-pressure[,...] --seeds 1..10 --out dir
/// [--tripinfo-dir dir] [--duration s] [--plain] [--step-length s] [--time-to-teleport s] [--sumo libsumo|process]
/// Runs each policy for each seed (one after the other), prints progress and a line per run,
/// then writes results.csv and results.md to --out and prints the markdown table.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: traffic-sumo --cfg x.sumocfg [--cfg y.sumocfg ...] --policy fixed|actuated|max-pressure[,..] --seeds 1..10 --out dir\n" +
        "                    [--tripinfo-dir dir] [--duration s] [--plain] [--step-length s] [--time-to-teleport s] [--gridlock-seconds s]\n" +
        "                    [--adaptive key=value,...]   (AdaptiveSettings over PolicyRegistry.SumoAdaptive, e.g. SwitchMargin=3,MovingWeight=0.5)\n" +
        "                    [--arrival-zone m]           (how far up the approaches adaptive sees tracked vehicles, default 200)\n" +
        "                    [--arrival key=value,...]    (the adaptive policy's ArrivalScheduleSettings, e.g. StopPenaltySeconds=6)\n" +
        "                    [--exit-zones signals|all]   (downstream queues only before another light, as RESCO; or on every exit lane)\n" +
        "                    [--queue halted|waited]       (vehicles halted now, or RESCO's: seen standing since entering the zone)\n" +
        "                    [--sumo libsumo|process]     (SUMO in this process, default; or a sumo process over TCP: the same runs)\n" +
        "                    [--sumo-arg X ...]           (one more sumo option or value per --sumo-arg, e.g. --sumo-arg --fcd-output --sumo-arg out/fcd-{label}.xml)\n" +
        "                    [--weights file]             (after a --cfg: the adaptive policy's approach weights on that network, 'lane-id weight' lines)\n" +
        "                    [--calibrate-weights file]   (one --cfg: search the weights by replaying it on --seeds and write them to file,\n" +
        "                                                  with [--calibrate-factors 0.5,2] [--calibrate-rounds 2] [--calibrate-min-gain 0.05]\n" +
        "                                                  [--calibrate-lights tls-id,...] (only these lights' detectors; default all))";

    internal static int Main(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is InvalidDataException or Traci.TraciException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static int Run(string[] args)
    {
        var configs = new List<string>();
        var weightFiles = new Dictionary<int, string>();
        string? calibrateOut = null;
        var factors = new List<double> { 0.5, 2 };
        var rounds = 2;
        var minGain = 0.05;
        List<string>? calibrateLights = null;
        var policies = new List<string>();
        var seeds = new List<int> { 1 };
        string? outDir = null;
        var adaptive = PolicyRegistry.SumoAdaptive;
        string? tripinfoDir = null;
        double? duration = null;
        var plain = false;
        var exitOnlyBeforeSignals = true;
        var countWaited = false;
        var inProcess = true;
        var sumoArguments = new List<string>();
        double stepLength = 1, teleport = -1, gridlock = 300, arrivalZone = 200;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--cfg": configs.Add(Next()); break;
                case "--weights":
                    weightFiles[configs.Count > 0 ? configs.Count - 1 : throw new ArgumentException("--weights must follow the --cfg it is for")] = Next();
                    break;
                case "--calibrate-weights": calibrateOut = Next(); break;
                case "--calibrate-factors": factors = Next().Split(',').Select(f => Number(f, "--calibrate-factors")).ToList(); break;
                case "--calibrate-rounds":
                    var r = Number(Next(), "--calibrate-rounds");
                    rounds = r >= 1 && r == Math.Floor(r) && r <= 100 ? (int)r : throw new ArgumentException($"--calibrate-rounds {r}: expected a whole number 1..100");
                    break;
                case "--calibrate-min-gain": minGain = Number(Next(), "--calibrate-min-gain"); break;
                case "--calibrate-lights": calibrateLights = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries)]; break;
                case "--adaptive": adaptive = AdaptiveOptions.Parse(Next(), adaptive); break;
                case "--arrival": adaptive = adaptive with { Arrivals = ArrivalOptions.Parse(Next(), adaptive.Arrivals) }; break;
                case "--policy": policies.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case "--seeds": seeds = ParseSeeds(Next()); break;
                case "--out": outDir = Next(); break;
                case "--tripinfo-dir": tripinfoDir = Next(); break;
                case "--duration": duration = Number(Next(), "--duration"); break;
                case "--plain": plain = true; break;
                case "--sumo-arg": sumoArguments.Add(Next()); break;
                case "--sumo": inProcess = Choice(Next(), "--sumo", "process", "libsumo"); break;
                case "--queue": countWaited = Choice(Next(), "--queue", "halted", "waited"); break;
                case "--exit-zones": exitOnlyBeforeSignals = !Choice(Next(), "--exit-zones", "signals", "all"); break;
                case "--step-length": stepLength = Number(Next(), "--step-length"); break;
                case "--time-to-teleport": teleport = Number(Next(), "--time-to-teleport"); break;
                case "--gridlock-seconds": gridlock = Number(Next(), "--gridlock-seconds"); break;
                case "--arrival-zone": arrivalZone = Number(Next(), "--arrival-zone"); break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        if (configs.Count == 0 || outDir is null)
        {
            throw new ArgumentException("--cfg and --out are required");
        }

        if (policies.Count == 0)
        {
            policies.Add(calibrateOut is null ? "fixed" : "adaptive");
        }

        var registry = PolicyRegistry.CreateDefault();
        registry.RegisterAdaptive(adaptive);
        var weights = new Dictionary<string, double>[configs.Count];
        for (var c = 0; c < configs.Count; c++)
        {
            weights[c] = weightFiles.TryGetValue(c, out var file) ? ReadWeights(file, configs[c]) : [];
        }
        foreach (var p in policies.Where(p => !registry.Contains(p)))
        {
            throw new ArgumentException($"unknown policy '{p}'; known: {string.Join(", ", registry.Names)}");
        }

        Directory.CreateDirectory(outDir);
        tripinfoDir ??= Path.Combine(outDir, "tripinfo");
        RunOptions Options(string cfg, string policy) => new(cfg, policy, Path.Combine(outDir, "work"), tripinfoDir, duration, stepLength, teleport, gridlock, Plain: plain, ExitZonesOnlyBeforeSignals: exitOnlyBeforeSignals, CountWaited: countWaited, ArrivalZoneM: arrivalZone, InProcess: inProcess, SumoArguments: sumoArguments);
        void UseWeights(IReadOnlyDictionary<string, double> w) => registry.RegisterAdaptive(adaptive with { Arrivals = adaptive.Arrivals with { DetectorWeights = w.Count == 0 ? null : w } });
        if (calibrateOut is not null)
        {
            return Calibrate(configs, weights, policies, seeds, calibrateOut, factors, rounds, minGain, calibrateLights, registry, Options, UseWeights);
        }

        var runner = new SumoRunner(registry, Console.Out);
        var results = new List<RunResult>();
        for (var c = 0; c < configs.Count; c++)
        {
            var cfg = configs[c];
            UseWeights(weights[c]);
            foreach (var policy in policies)
            {
                foreach (var seed in seeds)
                {
                    var options = Options(cfg, policy);
                    Console.WriteLine($"run {Path.GetFileName(cfg)} policy={policy}{(plain ? " (plain sumo)" : inProcess ? " (libsumo)" : " (sumo process)")} seed={seed}");
                    var r = runner.Run(options, seed);
                    results.Add(r);
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  delay {r.Trips.MeanDelay:F2} s, trip {r.Trips.MeanTripTime:F2} s, waiting {r.Trips.MeanWaitingTime:F2} s, timeLoss of arrived {r.Trips.MeanTimeLoss:F2} s, arrived {r.Trips.Arrived}/{r.Trips.Trips}, teleports {r.Teleports}, gridlock {(r.Gridlock ? r.GridlockReason : "no")}, safety violations {r.SafetyViolations}, {r.SimSecondsPerWallSecond:F0} sim s per wall s ({r.WallSeconds:F1} s; cpu runner {r.RunnerCpuSeconds:F2} s, sumo {r.SumoCpuSeconds:F2} s)"));
                    foreach (var v in r.ViolationMessages.Take(5))
                    {
                        Console.WriteLine($"    violation: {v}");
                    }

                    File.WriteAllText(Path.Combine(outDir, "results.csv"), ResultTable.Csv(results));
                    File.WriteAllText(Path.Combine(outDir, "results.md"), ResultTable.Markdown(results));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(ResultTable.Markdown(results, perSeed: false));
        return results.Any(r => r.SafetyViolations > 0) ? 3 : 0;
    }

    /// <summary>The weights file of <paramref name="cfg"/>, checked against the detectors of its network's lights.</summary>
    private static Dictionary<string, double> ReadWeights(string file, string cfg)
    {
        var weights = DetectorWeightsFile.Read(file);
        var net = SumoConfig.Load(cfg).NetFile;
        DetectorWeightsFile.Check(file, weights, DetectorsOf(net).ToHashSet(StringComparer.Ordinal), net);
        return weights;
    }

    /// <summary>The detectors (incoming lanes) of every light of the network (or of <paramref name="lights"/>), light by light.</summary>
    private static List<string> DetectorsOf(string netFile, List<string>? lights = null)
    {
        var signals = Traffic.Sumo.Import.SumoSignalImporter.ImportAll(Traffic.Sumo.Import.SumoNet.Load(netFile));
        foreach (var id in lights ?? [])
        {
            if (!signals.Any(s => s.TlsId == id))
            {
                throw new ArgumentException($"--calibrate-lights: {netFile} has no traffic light '{id}' (it has {string.Join(", ", signals.Select(s => s.TlsId))})");
            }
        }

        return signals.Where(s => lights is null || lights.Contains(s.TlsId)).SelectMany(s => s.DetectorLanes).ToList();
    }

    /// <summary>
    /// --calibrate-weights: coordinate descent over the approach weights of the one network (<see cref="WeightSearch"/>), the
    /// objective the mean RESCO delay of the adaptive policy over --seeds; the weights file is rewritten at every kept change.
    /// </summary>
    private static int Calibrate(
        List<string> configs,
        Dictionary<string, double>[] weights,
        List<string> policies,
        List<int> seeds,
        string outFile,
        List<double> factors,
        int rounds,
        double minGain,
        List<string>? lights,
        PolicyRegistry registry,
        Func<string, string, RunOptions> options,
        Action<IReadOnlyDictionary<string, double>> useWeights)
    {
        if (configs.Count != 1 || policies.Any(p => p != "adaptive"))
        {
            throw new ArgumentException("--calibrate-weights takes one --cfg and the adaptive policy");
        }

        var cfg = configs[0];
        var detectors = DetectorsOf(SumoConfig.Load(cfg).NetFile, lights);
        var runner = new SumoRunner(registry, TextWriter.Null);
        var evaluations = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        double Objective(IReadOnlyDictionary<string, double> w)
        {
            useWeights(new Dictionary<string, double>(w, StringComparer.Ordinal));
            evaluations++;
            var delays = seeds.Select(seed => runner.Run(options(cfg, "adaptive"), seed)).ToList();
            if (delays.Any(r => r.SafetyViolations > 0 || r.Gridlock))
            {
                return double.PositiveInfinity; // never keep weights that give a gridlock or a violation
            }

            return delays.Average(r => r.Trips.MeanDelay);
        }

        var header = (IReadOnlyDictionary<string, double> w, double value) => new[]
        {
            $"approach weights of the adaptive policy for {Path.GetFileName(cfg)} (traffic-sumo --calibrate-weights)",
            string.Create(CultureInfo.InvariantCulture, $"training seeds {string.Join(",", seeds)}: mean delay {value:F3} s; factors {string.Join(",", factors)}, min gain {minGain} s"),
            "detector-id weight (1 where not listed)",
        };
        var search = new WeightSearch(detectors, Objective, factors, minGain, Console.Out)
        {
            Improved = (w, value) => DetectorWeightsFile.Write(outFile, w, header(w, value)),
        };
        var (found, best, trials) = search.Run(rounds, weights[0]);
        DetectorWeightsFile.Write(outFile, found, header(found, best));
        Console.WriteLine();
        Console.WriteLine("| detector | weight |");
        Console.WriteLine("|---|---|");
        foreach (var (id, w) in found.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {id} | {w:0.###} |"));
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"calibrated {Path.GetFileName(cfg)}: mean delay over seeds {string.Join(",", seeds)} {trials[0].Objective:F3} -> {best:F3} s, {found.Count} weights, {evaluations} evaluations in {watch.Elapsed.TotalMinutes:F1} min; written to {outFile}"));
        return 0;
    }

    private static List<int> ParseSeeds(string s)
    {
        var list = new List<int>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split("..");
            if (range.Length == 2 && int.TryParse(range[0], CultureInfo.InvariantCulture, out var a) && int.TryParse(range[1], CultureInfo.InvariantCulture, out var b) && a <= b)
            {
                list.AddRange(Enumerable.Range(a, b - a + 1));
            }
            else if (range.Length == 1 && int.TryParse(part, CultureInfo.InvariantCulture, out var one))
            {
                list.Add(one);
            }
            else
            {
                throw new ArgumentException($"--seeds '{s}': expected a list like 1..10 or 1,2,5");
            }
        }

        return list;
    }

    /// <summary>False for <paramref name="no"/>, true for <paramref name="yes"/>, an error naming the option otherwise.</summary>
    private static bool Choice(string value, string option, string no, string yes) =>
        value == yes ? true : value == no ? false : throw new ArgumentException($"{option} '{value}': expected {no} or {yes}");

    private static double Number(string s, string option) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"{option} '{s}' is not a number");
}
