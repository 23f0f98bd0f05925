using System.Globalization;
using Traffic.Control;

namespace Traffic.Sumo.Runs;

/// <summary>
/// Approach priority weights of the adaptive policy (<see cref="ArrivalScheduleSettings.DetectorWeights"/>) as a text
/// file: one "detector-id weight" per line (the SUMO runner's detectors are the incoming lanes of the lights, so the id
/// is a lane id, which may itself hold a '#', as "201963537#1_2"); a line starting with '#' is a comment. Every error names
/// the file and line.
/// </summary>
public static class DetectorWeightsFile
{
    public static Dictionary<string, double> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: weights file not found");
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected 'detector-id weight', got '{line}'");
            }

            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
                || !ArrivalScheduleSettings.IsDetectorWeight(weight))
            {
                throw new InvalidDataException(
                    $"{path}:{lineNumber}: weight '{parts[1]}' of detector '{parts[0]}' is not a number in {ArrivalScheduleSettings.MinDetectorWeight}..{ArrivalScheduleSettings.MaxDetectorWeight}");
            }

            if (!weights.TryAdd(parts[0], weight))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: detector '{parts[0]}' is given twice");
            }
        }

        return weights;
    }

    /// <summary>Throws naming the file and the first id that is none of <paramref name="detectors"/> (the network's).</summary>
    public static void Check(string path, IReadOnlyDictionary<string, double> weights, IReadOnlySet<string> detectors, string network)
    {
        foreach (var id in weights.Keys)
        {
            if (!detectors.Contains(id))
            {
                throw new InvalidDataException($"{path}: detector '{id}' is not an incoming lane of any light of {network}");
            }
        }
    }

    /// <summary>Writes the weights that differ from 1, sorted by id, under <paramref name="header"/> comment lines.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, double> weights, IEnumerable<string> header)
    {
        using var w = new StreamWriter(path);
        foreach (var h in header)
        {
            w.WriteLine($"# {h}");
        }

        foreach (var (id, weight) in weights.Where(kv => kv.Value != 1).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id} {weight:0.###}"));
        }
    }
}
