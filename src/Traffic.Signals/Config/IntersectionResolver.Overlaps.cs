using System.Globalization;
using Traffic.Signals.Geometry;
using Traffic.Signals.Model;
using Traffic.Signals.Timing;

namespace Traffic.Signals.Config;

/// <summary>Overlaps: their movements, parents and timings, the conflicts they may not have, and their signal groups.</summary>
internal sealed partial class IntersectionResolver
{
    /// <summary>
    /// Resolves <c>overlaps</c> and, when they are valid, appends their signal groups (after the
    /// phase groups) and their conflicts to <paramref name="analysis"/>.
    /// </summary>
    private List<Overlap> ResolveOverlaps(RingStructure? structure, ref ConflictAnalysis? analysis)
    {
        var result = new List<Overlap>();
        if (doc.Overlaps is null || doc.Overlaps.Count == 0)
        {
            return result;
        }

        var analyzer = geometryIncomplete ? null : new ConflictAnalyzer(legOrder, movements.Values, crosswalks.Values);
        var timing = new PhaseTimingResolver(errors, legs, movements, crosswalks);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var paths = new List<string>();
        for (var i = 0; i < doc.Overlaps.Count; i++)
        {
            var o = doc.Overlaps[i];
            var op = ErrorSink.Item(path, "overlaps", i, o.Id);
            var ok = CheckId(o.Id, op, "overlap", ids.Contains);
            if (ok)
            {
                ids.Add(o.Id!);
            }

            var served = new List<PhaseMovement>();
            ServedMovements(o.Movements, MovementMode.Protected, ErrorSink.Field(op, "movements"), served);
            ServedMovements(o.Permitted, MovementMode.Permitted, ErrorSink.Field(op, "permitted"), served);
            if ((o.Movements?.Count ?? 0) + (o.Permitted?.Count ?? 0) == 0)
            {
                errors.Add(ErrorSink.Field(op, "movements"), "an overlap needs at least one movement");
                ok = false;
            }

            foreach (var m in served)
            {
                var phase = phases.Values.FirstOrDefault(p => p.Movements.Any(x => x.MovementId == m.MovementId));
                if (phase is not null)
                {
                    errors.Add(op, string.Create(CultureInfo.InvariantCulture,
                        $"movement {m.MovementId} is also served by phase {phase.Id}; a movement belongs to phases or to one overlap, not both"));
                    ok = false;
                }
                else if (!owner.TryAdd(m.MovementId, o.Id ?? "?"))
                {
                    errors.Add(op, $"movement {m.MovementId} is also served by overlap {owner[m.MovementId]}");
                    ok = false;
                }
            }

            var parents = Parents(o, op, ref ok);
            if (!ok || served.Count == 0)
            {
                continue;
            }

            var timings = OverlapTimings(o, op, served, parents, timing);
            if (analyzer is not null && structure is not null)
            {
                ok &= CheckOverlapConflicts(analyzer, structure, op, served, parents);
            }

            if (ok)
            {
                result.Add(new Overlap(o.Id!, o.Name ?? $"Overlap {o.Id}", served, parents, timings));
                paths.Add(op);
            }
        }

        if (analyzer is null || analysis is null || structure is null || result.Count != doc.Overlaps.Count)
        {
            return result;
        }

        analysis = WithOverlapGroups(analyzer, structure, analysis, result, paths);
        return result;
    }

    private List<int> Parents(OverlapDocument o, string op, ref bool ok)
    {
        var parents = new List<int>();
        var at = ErrorSink.Field(op, "parents");
        if (o.Parents is null || o.Parents.Count == 0)
        {
            errors.Add(at, "an overlap needs at least one parent phase");
            ok = false;
            return parents;
        }

        for (var k = 0; k < o.Parents.Count; k++)
        {
            var p = o.Parents[k];
            var pk = string.Create(CultureInfo.InvariantCulture, $"{at}[{k}]");
            if (!phases.TryGetValue(p, out var phase))
            {
                if (!phasePaths.ContainsKey(p))
                {
                    errors.Add(pk, string.Create(CultureInfo.InvariantCulture, $"unknown phase {p}{Known(phases.Keys.Select(x => x.ToString(CultureInfo.InvariantCulture)))}"));
                }

                ok = false;
            }
            else if (parents.Contains(p))
            {
                errors.Add(pk, string.Create(CultureInfo.InvariantCulture, $"phase {p} is listed twice"));
                ok = false;
            }
            else if (!phase.HasVehicles)
            {
                errors.Add(pk, string.Create(CultureInfo.InvariantCulture, $"phase {p} is pedestrian-only; an overlap's parents are vehicle phases"));
                ok = false;
            }
            else
            {
                parents.Add(p);
            }
        }

        return parents;
    }

    /// <summary>Yellow and red clearance: given (checked like a phase's) or the longer of the formula for its own movements and its parents'; minimum green: given or the shortest of its parents'.</summary>
    private OverlapTimings OverlapTimings(OverlapDocument o, string op, List<PhaseMovement> served, List<int> parents, PhaseTimingResolver timing)
    {
        // An overlap has no max green: the phase check gets the min green as its max only when that is a
        // valid value, so that a wrong min green is reported once, under minGreen, never under maxGreen.
        var max = o.MinGreen is { } m && m >= 0 && TimingFormulas.IsTenths(m) ? m : (double?)null;
        var asPhase = new PhaseDocument { MinGreen = o.MinGreen, MaxGreen = max, Yellow = o.Yellow, RedClearance = o.RedClearance };
        var own = timing.Resolve(asPhase, op, served, []);
        var parentTimings = parents.Select(p => phases[p].Timings).ToList();
        return new OverlapTimings(
            o.MinGreen ?? parentTimings.Min(t => t.MinGreen),
            o.Yellow ?? Math.Max(own.Yellow, parentTimings.Max(t => t.Yellow)),
            o.RedClearance ?? Math.Max(own.RedClearance, parentTimings.Max(t => t.RedClearance)));
    }

    /// <summary>
    /// An overlap is green with each parent and with every phase that can run together with a parent
    /// (other rings, same barrier group), so it must not conflict with any of them; its own
    /// movements must not conflict either.
    /// </summary>
    private bool CheckOverlapConflicts(ConflictAnalyzer analyzer, RingStructure structure, string op, List<PhaseMovement> served, List<int> parents)
    {
        var ok = true;
        for (var a = 0; a < served.Count; a++)
        {
            for (var b = a + 1; b < served.Count; b++)
            {
                if (analyzer.VehicleConflict(served[a].MovementId, served[a].Mode, served[b].MovementId, served[b].Mode) is { } r)
                {
                    errors.Add(op, $"movements of this overlap conflict: {r}");
                    ok = false;
                }
            }
        }

        foreach (var p in parents)
        {
            foreach (var q in phases.Keys.Where(q => q == p || Concurrent(structure, p, q)))
            {
                var reasons = Reasons(analyzer, served, phases[q]);
                if (reasons.Count > 0)
                {
                    var which = q == p
                        ? string.Create(CultureInfo.InvariantCulture, $"its parent phase {p}")
                        : string.Create(CultureInfo.InvariantCulture, $"phase {q}, which runs together with its parent phase {p} ({Where(structure, p, q)})");
                    errors.Add(ErrorSink.Field(op, "parents"), $"the overlap conflicts with {which}: {Describe(reasons)}");
                    ok = false;
                }
            }
        }

        return ok;
    }

    private static List<string> Reasons(ConflictAnalyzer analyzer, IReadOnlyList<PhaseMovement> served, Phase phase) =>
        Reasons(analyzer, served, phase.Movements, phase.Crosswalks);

    private static List<string> Reasons(ConflictAnalyzer analyzer, IReadOnlyList<PhaseMovement> served, IReadOnlyList<PhaseMovement> others, IReadOnlyList<string> walks)
    {
        var reasons = new List<string>();
        foreach (var x in served)
        {
            foreach (var y in others)
            {
                if (analyzer.VehicleConflict(x.MovementId, x.Mode, y.MovementId, y.Mode) is { } r)
                {
                    reasons.Add(r);
                }
            }

            foreach (var c in walks)
            {
                if (analyzer.CrosswalkConflict(x.MovementId, x.Mode, c) is { } r)
                {
                    reasons.Add(r);
                }
            }
        }

        return reasons;
    }

    /// <summary>The phase groups plus one vehicle group per overlap, with every conflict of the overlaps' movements.</summary>
    private ConflictAnalysis WithOverlapGroups(ConflictAnalyzer analyzer, RingStructure structure, ConflictAnalysis analysis, List<Overlap> overlaps, List<string> paths)
    {
        var groups = analysis.Groups.ToList();
        foreach (var o in overlaps)
        {
            groups.Add(new SignalGroup(groups.Count, o.GroupName, 0, SignalGroupKind.Vehicle) { OverlapId = o.Id });
        }

        var matrix = new ConflictMatrix(groups.Count);
        foreach (var (a, b) in analysis.Matrix.Pairs())
        {
            matrix.Set(a, b);
        }

        var first = analysis.Groups.Count;
        for (var k = 0; k < overlaps.Count; k++)
        {
            var o = overlaps[k];
            foreach (var g in analysis.Groups)
            {
                var phase = phases[g.PhaseId];
                var reasons = g.Kind == SignalGroupKind.Vehicle
                    ? Reasons(analyzer, o.Movements, phase.Movements, [])
                    : Reasons(analyzer, o.Movements, [], phase.Crosswalks);
                if (reasons.Count > 0)
                {
                    matrix.Set(first + k, g.Index);
                }
            }

            for (var j = 0; j < k; j++)
            {
                var other = overlaps[j];
                if (Reasons(analyzer, o.Movements, other.Movements, []).Count == 0)
                {
                    continue;
                }

                matrix.Set(first + k, first + j);
                var together = o.Parents.SelectMany(p => other.Parents.Where(q => p == q || Concurrent(structure, p, q)).Select(q => (p, q))).FirstOrDefault();
                if (together != default)
                {
                    errors.Add(ErrorSink.Field(paths[k], "parents"), string.Create(CultureInfo.InvariantCulture,
                        $"the overlap conflicts with overlap {other.Id}, and their parents {together.p} and {together.q} are green together"));
                }
            }
        }

        return analysis with { Groups = groups, Matrix = matrix };
    }
}
