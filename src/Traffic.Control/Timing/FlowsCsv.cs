using System.Globalization;
using Traffic.Signals.Model;

namespace Traffic.Control;

/// <summary>One good line of a flows file: hourly flow of one movement at one intersection.</summary>
public sealed record MovementFlow(string Intersection, string Movement, double FlowVph, int Line);

/// <summary>One bad line of a flows file, with the reason.</summary>
public sealed record FlowsCsvError(string Source, int Line, string Reason)
{
    public override string ToString() => $"{Source}:{Line}: {Reason}";
}

/// <summary>Good lines and bad lines of a flows file; a bad line never stops the others being read.</summary>
public sealed record FlowsCsvResult(IReadOnlyList<MovementFlow> Flows, IReadOnlyList<FlowsCsvError> Errors)
{
    /// <summary>The flows of one intersection, keyed by movement id, as <see cref="Webster.Plan"/> takes them.</summary>
    public IReadOnlyDictionary<string, double> For(string intersection) =>
        Flows.Where(f => f.Intersection == intersection).ToDictionary(f => f.Movement, f => f.FlowVph, StringComparer.Ordinal);
}

/// <summary>
/// Reads flows in the form <c>intersection,movement,flow_vph</c> (a header line first, then one line per
/// movement; blank lines are skipped). Every bad line is reported with its number and reason: wrong
/// number of fields, empty intersection, a movement id not of the form FROM.T or FROM.T:EXIT (T one of
/// L, T, R, U), a flow that is not a finite non-negative number, a movement given twice, and with a
/// network, an unknown intersection or movement.
/// </summary>
public static class FlowsCsv
{
    public const string Header = "intersection,movement,flow_vph";

    public static FlowsCsvResult Parse(string text, string source, Network? network = null)
    {
        using var reader = new StringReader(text);
        return Parse(reader, source, network);
    }

    public static FlowsCsvResult Parse(TextReader reader, string source, Network? network = null)
    {
        var flows = new List<MovementFlow>();
        var errors = new List<FlowsCsvError>();
        var seen = new Dictionary<(string, string), int>();
        var lineNumber = 0;
        var headerSeen = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                var header = string.Join(",", line.Split(',').Select(f => f.Trim().ToLowerInvariant()));
                if (header != Header)
                {
                    errors.Add(new FlowsCsvError(source, lineNumber, $"header must be '{Header}', found '{line.Trim()}'"));
                }

                continue;
            }

            var reason = ParseLine(line, network, out var flow);
            if (reason is null && seen.TryGetValue((flow!.Intersection, flow.Movement), out var first))
            {
                reason = $"movement {flow.Movement} of intersection {flow.Intersection} already given on line {first}";
            }

            if (reason is not null)
            {
                errors.Add(new FlowsCsvError(source, lineNumber, reason));
                continue;
            }

            seen[(flow!.Intersection, flow.Movement)] = lineNumber;
            flows.Add(flow with { Line = lineNumber });
        }

        if (!headerSeen)
        {
            errors.Add(new FlowsCsvError(source, Math.Max(1, lineNumber), $"file is empty; expected the header '{Header}'"));
        }

        return new FlowsCsvResult(flows, errors);
    }

    private static string? ParseLine(string line, Network? network, out MovementFlow? flow)
    {
        flow = null;
        var fields = line.Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length != 3)
        {
            return $"expected 3 fields (intersection,movement,flow_vph), found {fields.Length}";
        }

        var (intersection, movement, flowText) = (fields[0], fields[1], fields[2]);
        if (intersection.Length == 0)
        {
            return "intersection is empty";
        }

        if (!IsMovementId(movement))
        {
            return $"movement '{movement}' is not of the form FROM.T or FROM.T:EXIT with T one of L, T, R, U";
        }

        if (!double.TryParse(flowText, NumberStyles.Float, CultureInfo.InvariantCulture, out var vph) || !double.IsFinite(vph))
        {
            return $"flow_vph '{flowText}' is not a number";
        }

        if (vph < 0)
        {
            return $"flow_vph {flowText} is negative";
        }

        if (network is not null)
        {
            var known = network.Intersections.FirstOrDefault(i => i.Id == intersection);
            if (known is null)
            {
                return $"intersection '{intersection}' is not in network {network.Name}";
            }

            if (!known.Movements.Any(m => m.Id == movement))
            {
                return $"intersection {intersection} has no movement '{movement}'";
            }
        }

        flow = new MovementFlow(intersection, movement, vph, 0);
        return null;
    }

    private static bool IsMovementId(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? id : id[..colon];
        if (colon >= 0 && colon == id.Length - 1)
        {
            return false;
        }

        var dot = head.LastIndexOf('.');
        return dot > 0 && dot == head.Length - 2 && "LTRU".Contains(head[^1], StringComparison.Ordinal);
    }
}
