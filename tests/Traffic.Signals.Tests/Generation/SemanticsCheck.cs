using Traffic.Signals.Config;

namespace Traffic.Signals.Tests.Generation;

/// <summary>
/// An independent reading of the agreed config semantics (helper rules: turn classification,
/// chords on a circle, permissive exceptions, crosswalk conflicts, ring-barrier concurrency) used to
/// check generated intersections until the loader can. Returns every problem found, empty when valid.
/// </summary>
internal static class SemanticsCheck
{
    private const double ChordOffsetDeg = 1;

    public static List<string> Problems(IntersectionDocument inter)
    {
        var problems = new List<string>();
        var id = inter.Id;
        var legs = inter.Legs!.ToDictionary(l => l.Id!, StringComparer.Ordinal);
        var moves = new Dictionary<string, Move>(StringComparer.Ordinal);
        foreach (var leg in inter.Legs!)
        {
            foreach (var lane in leg.Lanes ?? [])
            {
                foreach (var turn in lane.Movements!)
                {
                    var exit = ExitLeg(inter.Legs!, leg, turn);
                    if (exit is null)
                    {
                        problems.Add($"{id}: {leg.Id}.{turn} has no exit leg");
                    }
                    else
                    {
                        moves[$"{leg.Id}.{turn}"] = new Move(leg.Id!, exit, turn);
                    }
                }
            }
        }

        var crosswalks = (inter.Crosswalks ?? []).ToDictionary(c => c.Id!, StringComparer.Ordinal);
        var elements = new Dictionary<int, List<Element>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phase in inter.Phases!)
        {
            var list = new List<Element>();
            foreach (var (ids, permitted) in new[] { (phase.Protected, false), (phase.Permitted, true) })
            {
                foreach (var m in ids ?? [])
                {
                    if (!moves.ContainsKey(m))
                    {
                        problems.Add($"{id}: phase {phase.Id} serves unknown movement {m}");
                    }
                    else if (!seen.Add(m))
                    {
                        problems.Add($"{id}: {m} is in two phases");
                    }
                    else
                    {
                        list.Add(new Element(m, null, permitted));
                    }
                }
            }

            foreach (var c in phase.Crosswalks ?? [])
            {
                if (!crosswalks.ContainsKey(c))
                {
                    problems.Add($"{id}: phase {phase.Id} walks unknown crosswalk {c}");
                }
                else if (!seen.Add(c))
                {
                    problems.Add($"{id}: crosswalk {c} walks in two phases");
                }
                else
                {
                    list.Add(new Element(null, c, false));
                }
            }

            elements[phase.Id!.Value] = list;
        }

        problems.AddRange(moves.Keys.Where(m => !seen.Contains(m)).Select(m => $"{id}: movement {m} is in no phase"));
        problems.AddRange(crosswalks.Keys.Where(c => !seen.Contains(c)).Select(c => $"{id}: crosswalk {c} is in no phase"));

        bool Hard(Element x, Element y, out string why)
        {
            why = string.Empty;
            if (x.Crosswalk is not null && y.Crosswalk is not null)
            {
                return false;
            }

            if (x.Crosswalk is not null)
            {
                (x, y) = (y, x);
            }

            var mx = moves[x.Movement!];
            if (y.Crosswalk is not null)
            {
                var cw = crosswalks[y.Crosswalk];
                var crosses = cw.Diagonal || cw.Leg == mx.From || cw.Leg == mx.To;
                why = $"{x.Movement} x crosswalk {y.Crosswalk}";
                return crosses && (cw.Diagonal || !(x.Permitted && mx.Turn != "T"));
            }

            var my = moves[y.Movement!];
            why = $"{x.Movement} x {y.Movement}";
            if (mx.From == my.From || !(Cross(legs, mx, my) || mx.To == my.To))
            {
                return false;
            }

            var xYields = x.Permitted && mx.Turn != "T" && Opposing(legs, mx.From, my.From);
            var yYields = y.Permitted && my.Turn != "T" && Opposing(legs, my.From, mx.From);
            return !(xYields || yYields);
        }

        foreach (var (phaseId, list) in elements)
        {
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    if (Hard(list[i], list[j], out var why))
                    {
                        problems.Add($"{id}: phase {phaseId} conflicts with itself: {why}");
                    }
                }
            }
        }

        var (ring, barrier) = Structure(inter);
        foreach (var a in elements.Keys)
        {
            if (!ring.ContainsKey(a) || !barrier.ContainsKey(a))
            {
                problems.Add($"{id}: phase {a} is not in the ring/barrier structure");
                continue;
            }

            foreach (var b in elements.Keys.Where(b => b > a && ring.ContainsKey(b) && barrier.ContainsKey(b)))
            {
                if (ring[a] == ring[b] || barrier[a] != barrier[b])
                {
                    continue;
                }

                foreach (var x in elements[a])
                {
                    foreach (var y in elements[b])
                    {
                        if (Hard(x, y, out var why))
                        {
                            problems.Add($"{id}: concurrent phases {a} and {b} conflict: {why}");
                        }
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>Exit leg by the agreed turn-angle rule, or null.</summary>
    public static string? ExitLeg(IReadOnlyList<LegDocument> legs, LegDocument from, string turn)
    {
        string? best = null;
        var bestScore = double.MaxValue;
        foreach (var leg in legs)
        {
            if (leg.Id == from.Id)
            {
                continue;
            }

            var angle = Normalize(leg.Bearing!.Value - (from.Bearing!.Value + 180));
            double? score = turn switch
            {
                "T" when angle <= 45 || angle >= 315 => Math.Min(angle, 360 - angle),
                "R" when angle is >= 30 and <= 150 => Math.Abs(angle - 90),
                "L" when angle is >= 210 and <= 330 => Math.Abs(angle - 270),
                _ => null,
            };
            if (score is { } s && s < bestScore)
            {
                (best, bestScore) = (leg.Id, s);
            }
        }

        return best;
    }

    private static (Dictionary<int, int> Ring, Dictionary<int, int> Barrier) Structure(IntersectionDocument inter)
    {
        var ring = new Dictionary<int, int>();
        var barrier = new Dictionary<int, int>();
        if (inter.Stages is { } stages)
        {
            for (var k = 0; k < stages.Count; k++)
            {
                for (var j = 0; j < stages[k].Count; j++)
                {
                    ring[stages[k][j]] = j;
                    barrier[stages[k][j]] = k;
                }
            }
        }
        else
        {
            for (var r = 0; r < inter.Rings!.Count; r++)
            {
                inter.Rings[r].ForEach(p => ring[p] = r);
            }

            for (var b = 0; b < inter.Barriers!.Count; b++)
            {
                inter.Barriers[b].ForEach(p => barrier[p] = b);
            }
        }

        return (ring, barrier);
    }

    private static bool Cross(Dictionary<string, LegDocument> legs, Move m1, Move m2)
    {
        double In(Move m) => legs[m.From].Bearing!.Value - ChordOffsetDeg;
        double Out(Move m) => legs[m.To].Bearing!.Value + ChordOffsetDeg;
        bool Inside(double a, double b, double x) => Normalize(x - a) > 0 && Normalize(x - a) < Normalize(b - a);
        return Inside(In(m1), Out(m1), In(m2)) != Inside(In(m1), Out(m1), Out(m2));
    }

    private static bool Opposing(Dictionary<string, LegDocument> legs, string a, string b)
    {
        var diff = Math.Abs(Normalize(legs[a].Bearing!.Value - legs[b].Bearing!.Value + 180) - 180);
        return Math.Abs(diff - 180) <= 45;
    }

    private static double Normalize(double deg)
    {
        var d = deg % 360;
        return d < 0 ? d + 360 : d;
    }

    private sealed record Move(string From, string To, string Turn);

    private sealed record Element(string? Movement, string? Crosswalk, bool Permitted);
}
