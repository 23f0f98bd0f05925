using System.Globalization;
using Traffic.Signals.Model;

namespace Traffic.Service;

/// <summary>`traffic validate FILE`: loads a network file and prints a summary, or every error.</summary>
internal sealed class ValidateCommand : ICommand
{
    public string Name => "validate";

    public string Summary => "check a network file; print intersections, corridors, phases and computed timings, or every error";

    public string Usage => """
        usage: traffic validate FILE [--detail ID|all]
          Loads FILE and prints a summary: intersections by layout, corridors, and per intersection the
          phases with their computed timings (yellow, red clearance, walk, pedestrian clearance, min/max
          green). Files with up to 5 intersections print the full per-phase table; --detail ID prints it
          for one intersection, --detail all for every one.
          exit 0: valid; 2: bad input (every error is printed, naming file and element); 1: internal error
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var (file, rest) = NetworkFile.SplitFile(args);
        var options = CommandArgs.Parse(rest, ["detail"], []);
        var network = NetworkFile.Load(file, stderr);
        if (network is null)
        {
            return ExitCodes.BadInput;
        }

        var detail = options.Value("detail");
        if (detail is not null && detail != "all" && network.Intersections.All(i => i.Id != detail))
        {
            throw new UsageException($"--detail: {file} has no intersection '{detail}'");
        }

        Print(network, Path.GetFileName(file), detail, stdout);
        return ExitCodes.Ok;
    }

    internal static void Print(Network network, string file, string? detail, TextWriter w)
    {
        var phases = network.Intersections.Sum(i => i.Phases.Count);
        var groups = network.Intersections.Sum(i => i.SignalGroups.Count);
        var detectors = network.Intersections.Sum(i => i.Detectors.Count);
        w.WriteLine($"{file}: valid network \"{network.Name}\"");
        w.WriteLine($"  intersections {network.Intersections.Count}, corridors {network.Corridors.Count}, links {network.Links.Count}");
        w.WriteLine($"  phases {phases}, signal groups {groups}, detectors {detectors}");
        w.WriteLine();

        var byLayout = new TextTable("layout", "intersections", "phases each", "yellow s", "red clearance s", "ped clearance s");
        foreach (var g in network.Intersections.GroupBy(i => i.Layout.Length == 0 ? "(none)" : i.Layout).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var all = g.SelectMany(i => i.Phases).ToList();
            byLayout.Add(
                g.Key,
                g.Count(),
                Range(g.Select(i => (double)i.Phases.Count), "0"),
                Range(all.Where(p => p.HasVehicles).Select(p => p.Timings.Yellow)),
                Range(all.Select(p => p.Timings.RedClearance)),
                Range(all.Where(p => p.HasPedestrians).Select(p => p.Timings.PedClearance)));
        }

        byLayout.Write(w);

        if (network.Corridors.Count > 0)
        {
            w.WriteLine();
            var corridors = new TextTable("corridor", "name", "intersections", "length km", "speed km/h");
            foreach (var c in network.Corridors)
            {
                corridors.Add(
                    c.Id,
                    c.Name,
                    c.IntersectionIds.Count,
                    (c.Links.Sum(l => l.LengthM) / 1000).ToString("0.0", CultureInfo.InvariantCulture),
                    Range(c.Links.Select(l => l.SpeedKmh), "0"));
            }

            corridors.Write(w);
        }

        w.WriteLine();
        var perIntersection = new TextTable("id", "layout", "legs", "phases", "rings", "yellow s", "red s", "walk s", "ped clr s", "min green s", "max green s");
        foreach (var i in network.Intersections)
        {
            var veh = i.Phases.Where(p => p.HasVehicles).ToList();
            var ped = i.Phases.Where(p => p.HasPedestrians).ToList();
            perIntersection.Add(
                i.Id,
                i.Layout,
                i.Legs.Count,
                i.Phases.Count,
                i.Structure.Rings.Count,
                Range(veh.Select(p => p.Timings.Yellow)),
                Range(i.Phases.Select(p => p.Timings.RedClearance)),
                Range(ped.Select(p => p.Timings.Walk)),
                Range(ped.Select(p => p.Timings.PedClearance)),
                Range(veh.Select(p => p.Timings.MinGreen)),
                Range(veh.Select(p => p.Timings.MaxGreen)));
        }

        perIntersection.Write(w);

        foreach (var i in network.Intersections)
        {
            if (detail == "all" || detail == i.Id || (detail is null && network.Intersections.Count <= 5))
            {
                w.WriteLine();
                PrintPhases(i, w);
            }
        }
    }

    internal static void PrintPhases(Intersection i, TextWriter w)
    {
        w.WriteLine($"{i.Id} {i.Name} ({i.Layout}): rings {Lists(i.Structure.Rings)}, barriers {Lists(i.Structure.BarrierGroups)}");
        var t = new TextTable("phase", "name", "movements", "crosswalks", "min g", "max g", "yellow", "red", "walk", "ped clr", "passage");
        foreach (var p in i.Phases)
        {
            var moves = string.Join(" ", p.Movements.Select(m => m.Mode == MovementMode.Permitted ? m.MovementId + "(p)" : m.MovementId));
            var x = p.Timings;
            t.Add(p.Id, p.Name, moves.Length == 0 ? "-" : moves, p.Crosswalks.Count == 0 ? "-" : string.Join(" ", p.Crosswalks), x.MinGreen, x.MaxGreen, x.Yellow, x.RedClearance, x.Walk, x.PedClearance, x.Passage);
        }

        t.Write(w);
        var pairs = i.Phases.SelectMany(a => i.Phases.Where(b => b.Id > a.Id && PhasesConflict(i, a.Id, b.Id)).Select(b => $"{a.Id}-{b.Id}"));
        w.WriteLine($"  conflicting phases: {string.Join(" ", pairs)}");
        foreach (var o in i.Overlaps)
        {
            var g = i.SignalGroups.Single(x => x.OverlapId == o.Id).Index;
            var moves = string.Join(" ", o.Movements.Select(m => m.Mode == MovementMode.Permitted ? m.MovementId + "(p)" : m.MovementId));
            var against = i.Phases.Where(p => i.SignalGroups.Any(x => x.PhaseId == p.Id && i.Conflicts[g, x.Index])).Select(p => p.Id);
            w.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"  overlap {o.Id} ({o.GroupName}) {moves}: parents {string.Join(",", o.Parents)}, min g {o.Timings.MinGreen}, yellow {o.Timings.Yellow}, red {o.Timings.RedClearance}, conflicts with phases {string.Join(" ", against)}"));
        }
    }

    private static bool PhasesConflict(Intersection i, int a, int b) =>
        i.SignalGroups.Where(g => g.PhaseId == a).Any(ga => i.SignalGroups.Where(g => g.PhaseId == b).Any(gb => i.Conflicts[ga.Index, gb.Index]));

    private static string Lists(IReadOnlyList<IReadOnlyList<int>> lists) => string.Join(" | ", lists.Select(l => string.Join(",", l)));

    private static string Range(IEnumerable<double> values, string format = "0.0")
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return "-";
        }

        var (lo, hi) = (list.Min(), list.Max());
        return lo == hi
            ? lo.ToString(format, CultureInfo.InvariantCulture)
            : $"{lo.ToString(format, CultureInfo.InvariantCulture)}-{hi.ToString(format, CultureInfo.InvariantCulture)}";
    }
}
