using System.Globalization;
using Traffic.Control;

namespace Traffic.Sumo.Runs;

/// <summary>One evaluation of the search: <paramref name="Detector"/> set to <paramref name="Weight"/> (null: the start).</summary>
public sealed record WeightTrial(int Round, string? Detector, double Weight, double Objective, bool Accepted);

/// <summary>
/// Calibrates approach priority weights by replay: coordinate descent over the detectors, one at a time, in rounds.
/// For each detector every factor of its current weight is tried (clamped to the allowed range) with all other weights
/// as they are; the best is kept when it lowers the objective (mean delay over the training seeds) by more than
/// <paramref name="minGain"/>. A round without a kept change ends the search. The objective is deterministic for a
/// fixed set of seeds (SUMO is), so the search does not chase noise within them; the figures to report come from other
/// seeds.
/// </summary>
public sealed class WeightSearch(
    IReadOnlyList<string> detectors,
    Func<IReadOnlyDictionary<string, double>, double> objective,
    IReadOnlyList<double> factors,
    double minGain,
    TextWriter log)
{
    /// <summary>Called with the weights each time the search keeps a change.</summary>
    public Action<IReadOnlyDictionary<string, double>, double>? Improved { get; init; }

    public (Dictionary<string, double> Weights, double Objective, List<WeightTrial> Trials) Run(int rounds, IReadOnlyDictionary<string, double>? start = null)
    {
        if (rounds < 1 || factors.Count == 0 || factors.Any(f => !(f > 0) || f == 1) || !(minGain >= 0))
        {
            throw new ArgumentException("weight search: at least one round, factors positive and not 1, a gain of at least 0");
        }

        var weights = new Dictionary<string, double>(start ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        var trials = new List<WeightTrial>();
        var best = objective(weights);
        trials.Add(new WeightTrial(0, null, 1, best, true));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"weights: start {best:F3} s ({detectors.Count} detectors, factors {string.Join(",", factors)}, up to {rounds} rounds)"));
        var total = rounds * detectors.Count;
        for (var round = 1; round <= rounds; round++)
        {
            var changed = false;
            for (var i = 0; i < detectors.Count; i++)
            {
                var id = detectors[i];
                var current = weights.GetValueOrDefault(id, 1);
                var candidates = factors
                    .Select(f => Math.Clamp(Math.Round(current * f, 3), ArrivalScheduleSettings.MinDetectorWeight, ArrivalScheduleSettings.MaxDetectorWeight))
                    .Where(w => w != current)
                    .Distinct()
                    .ToList();
                (double Weight, double Value) bestHere = (current, double.PositiveInfinity);
                foreach (var w in candidates)
                {
                    weights[id] = w;
                    var value = objective(weights);
                    trials.Add(new WeightTrial(round, id, w, value, false));
                    if (value < bestHere.Value)
                    {
                        bestHere = (w, value);
                    }
                }

                var keep = bestHere.Value < best - minGain;
                weights[id] = keep ? bestHere.Weight : current;
                if (weights[id] == 1)
                {
                    weights.Remove(id);
                }

                var step = ((round - 1) * detectors.Count) + i + 1;
                if (keep)
                {
                    best = bestHere.Value;
                    changed = true;
                    trials.Add(new WeightTrial(round, id, bestHere.Weight, best, true));
                    Improved?.Invoke(weights, best);
                }

                log.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  [{step}/{total}] round {round} {id} (weight {current:0.###}): tried {string.Join(", ", candidates.Select(w => $"{w:0.###}"))}, best {(double.IsInfinity(bestHere.Value) ? "-" : bestHere.Value.ToString("F3", CultureInfo.InvariantCulture))} s -> {(keep ? $"kept {bestHere.Weight:0.###}" : "unchanged")}; objective {best:F3} s"));
            }

            if (!changed)
            {
                break;
            }
        }

        return (weights, best, trials);
    }
}
