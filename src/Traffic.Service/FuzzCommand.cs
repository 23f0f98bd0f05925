using System.Diagnostics;
using Traffic.Signals.Model;
using Traffic.Signals.Safety;

namespace Traffic.Service;

/// <summary>`traffic fuzz FILE --steps N --seed S`: random commands against the safety monitor.</summary>
internal sealed class FuzzCommand : ICommand
{
    public string Name => "fuzz";

    public string Summary => "drive intersections with random calls, holds, force-offs, omits and preemptions; count safety violations";

    public string Usage => """
        usage: traffic fuzz FILE [--steps N] [--seed S] [--intersection ID | --all]
          Runs the seeded random command generator through the sequencer and the safety monitor for
          N ticks (0.1 s each, default 1000000) per intersection: by default the first intersection of
          each layout in FILE, --all for every intersection, --intersection ID for one.
          Prints steps, commands, greens, preemptions, violations and the longest wait of a call.
          exit 0: no violation; 1: violations found (each is printed) or internal error; 2: bad input
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var (file, rest) = NetworkFile.SplitFile(args);
        var options = CommandArgs.Parse(rest, ["steps", "seed", "intersection"], ["all"]);
        var steps = options.Int("steps", 1, int.MaxValue) ?? 1_000_000;
        var seed = options.Int("seed", int.MinValue, int.MaxValue) ?? 1;
        var only = options.Value("intersection");
        if (only is not null && options.Flag("all"))
        {
            throw new UsageException("--intersection and --all exclude each other");
        }

        var network = NetworkFile.Load(file, stderr);
        if (network is null)
        {
            return ExitCodes.BadInput;
        }

        List<Intersection> targets = only is not null
            ? network.Intersections.Where(i => i.Id == only).ToList()
            : options.Flag("all")
                ? [.. network.Intersections]
                : network.Intersections.GroupBy(i => i.Layout).Select(g => g.First()).ToList();
        if (targets.Count == 0)
        {
            throw new UsageException($"--intersection: {file} has no intersection '{only}'");
        }

        var table = new TextTable("intersection", "layout", "steps", "commands", "greens", "preemptions", "violations", "longest call wait s", "seconds");
        var total = 0;
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < targets.Count; k++)
        {
            var i = targets[k];
            var started = clock.Elapsed;
            var r = SafetyFuzzer.Run(i, steps, seed, done => stderr.WriteLine($"  [{k + 1}/{targets.Count}] {i.Id} ({i.Layout}): {done:N0} of {steps:N0} steps"));
            var took = (clock.Elapsed - started).TotalSeconds;
            stderr.WriteLine($"[{k + 1}/{targets.Count}] {i.Id} ({i.Layout}): {r.Steps:N0} steps, {r.Violations.Count} violations, {took:0.0} s");
            foreach (var v in r.Violations)
            {
                stdout.WriteLine($"VIOLATION {v}");
            }

            total += r.Violations.Count;
            table.Add(i.Id, i.Layout, r.Steps, r.Commands, r.GreensStarted, r.Preemptions, r.Violations.Count, r.LongestCallWaitSeconds, took);
        }

        stdout.WriteLine($"fuzz {Path.GetFileName(file)}: seed {seed}, {steps:N0} steps per intersection");
        table.Write(stdout);
        stdout.WriteLine($"total: {targets.Count} intersections, {(long)steps * targets.Count:N0} steps, {total} violations");
        return total == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
