using System.Globalization;
using System.Text;

namespace Traffic.Sumo.Runs;

/// <summary>Per-seed rows and the median row of a set of runs, as CSV and as a markdown table.</summary>
public static class ResultTable
{
    private static readonly string[] Header =
    [
        "scenario", "policy", "seed", "delay_s", "trip_time_s", "waiting_s", "throughput", "trips", "never_entered",
        "teleports", "gridlock", "safety_violations", "sim_s_per_wall_s", "wall_s", "runner_cpu_s", "sumo_cpu_s", "time_loss_arrived_s",
    ];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string Csv(IEnumerable<RunResult> runs)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', Header));
        foreach (var r in runs)
        {
            sb.AppendLine(string.Join(',', Row(r)));
        }

        return sb.ToString();
    }

    /// <summary>Markdown: one row per run and, per scenario and policy, a median row in bold.</summary>
    public static string Markdown(IEnumerable<RunResult> runs, bool perSeed = true)
    {
        var list = runs.ToList();
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", Header) + " |");
        sb.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", Header.Length)));
        foreach (var group in list.GroupBy(r => (r.Scenario, r.Policy)))
        {
            if (perSeed)
            {
                foreach (var r in group)
                {
                    sb.AppendLine("| " + string.Join(" | ", Row(r)) + " |");
                }
            }

            sb.AppendLine("| " + string.Join(" | ", MedianRow(group.ToList()).Select(c => $"**{c}**")) + " |");
        }

        return sb.ToString();
    }

    public static IReadOnlyList<string> MedianRow(IReadOnlyList<RunResult> runs)
    {
        var first = runs[0];
        return
        [
            first.Scenario,
            first.Policy,
            $"median of {runs.Count}",
            F(Median(runs.Select(r => r.Trips.MeanDelay))),
            F(Median(runs.Select(r => r.Trips.MeanTripTime))),
            F(Median(runs.Select(r => r.Trips.MeanWaitingTime))),
            F(Median(runs.Select(r => (double)r.Trips.Arrived)), 1),
            F(Median(runs.Select(r => (double)r.Trips.Trips)), 1),
            F(Median(runs.Select(r => (double)r.Trips.NeverEntered)), 1),
            runs.Sum(r => r.Teleports).ToString(CultureInfo.InvariantCulture),
            $"{runs.Count(r => r.Gridlock)} runs",
            runs.Sum(r => r.SafetyViolations).ToString(CultureInfo.InvariantCulture),
            F(Median(runs.Select(r => r.SimSecondsPerWallSecond)), 0),
            F(Median(runs.Select(r => r.WallSeconds))),
            F(Median(runs.Select(r => r.RunnerCpuSeconds))),
            F(Median(runs.Select(r => r.SumoCpuSeconds))),
            F(Median(runs.Select(r => r.Trips.MeanTimeLoss))),
        ];
    }

    private static string[] Row(RunResult r) =>
    [
        r.Scenario,
        r.Policy,
        r.Seed.ToString(CultureInfo.InvariantCulture),
        F(r.Trips.MeanDelay),
        F(r.Trips.MeanTripTime),
        F(r.Trips.MeanWaitingTime),
        r.Trips.Arrived.ToString(CultureInfo.InvariantCulture),
        r.Trips.Trips.ToString(CultureInfo.InvariantCulture),
        r.Trips.NeverEntered.ToString(CultureInfo.InvariantCulture),
        r.Teleports.ToString(CultureInfo.InvariantCulture),
        r.Gridlock ? "yes" : "no",
        r.SafetyViolations.ToString(CultureInfo.InvariantCulture),
        F(r.SimSecondsPerWallSecond, 0),
        F(r.WallSeconds),
        F(r.RunnerCpuSeconds),
        F(r.SumoCpuSeconds),
        F(r.Trips.MeanTimeLoss),
    ];

    private static string F(double v, int digits = 2) => Math.Round(v, digits).ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
