using System.Globalization;
using Traffic.Signals.Geometry;
using Traffic.Signals.Model;

namespace Traffic.Signals.Config;

// Ring-barrier structure, conflicts, detectors and controller options of one intersection.
internal sealed partial class IntersectionResolver
{
    private const int MaxReasonsShown = 3;

    private RingStructure? ResolveStructure()
    {
        var hasRings = doc.Rings is not null || doc.Barriers is not null;
        if (doc.Stages is not null && hasRings)
        {
            errors.Add(At("stages"), "give either rings + barriers or stages, not both");
            return null;
        }

        if (doc.Stages is not null)
        {
            return FromStages(doc.Stages);
        }

        if (doc.Rings is null || doc.Barriers is null)
        {
            errors.Add(At(doc.Rings is null ? "rings" : "barriers"), "the phase structure is missing: give rings and barriers, or stages");
            return null;
        }

        var ok = true;
        var ringOf = Membership(doc.Rings, "rings", "ring", ref ok);
        var groupOf = Membership(doc.Barriers, "barriers", "barrier group", ref ok);
        ok &= Unplaced(ringOf, "ring", "rings") & Unplaced(groupOf, "barrier group", "barriers");
        if (!ok)
        {
            return null;
        }

        for (var r = 0; r < doc.Rings.Count; r++)
        {
            var order = new List<int>();
            foreach (var g in doc.Rings[r].Select(p => groupOf[p]))
            {
                if (order.Count > 0 && order[^1] == g)
                {
                    continue;
                }

                if (order.Contains(g))
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{At("rings")}[{r}]"),
                        string.Create(CultureInfo.InvariantCulture, $"the phases of barrier group {g + 1} are not contiguous in ring {r + 1}"));
                    ok = false;
                }
                else if (order.Count > 0 && order[^1] > g)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{At("rings")}[{r}]"),
                        string.Create(CultureInfo.InvariantCulture, $"ring {r + 1} serves barrier group {g + 1} after group {order[^1] + 1}; every ring must follow the barriers in order"));
                    ok = false;
                }

                order.Add(g);
            }
        }

        return ok ? new RingStructure(ToReadOnly(doc.Rings), ToReadOnly(doc.Barriers)) : null;
    }

    private RingStructure? FromStages(List<List<int>> stages)
    {
        var ok = true;
        var stageOf = Membership(stages, "stages", "stage", ref ok);
        ok &= Unplaced(stageOf, "stage", "stages");
        if (!ok)
        {
            return null;
        }

        var ringCount = stages.Max(s => s.Count);
        var rings = new List<IReadOnlyList<int>>();
        for (var r = 0; r < ringCount; r++)
        {
            rings.Add([.. stages.Where(s => s.Count > r).Select(s => s[r])]);
        }

        return new RingStructure(rings, ToReadOnly(stages));
    }

    private static List<IReadOnlyList<int>> ToReadOnly(List<List<int>> lists) => lists.ConvertAll(l => (IReadOnlyList<int>)[.. l]);

    /// <summary>Maps each phase to the index of the set holding it; reports unknown phases, empty sets and phases in two sets.</summary>
    private Dictionary<int, int> Membership(List<List<int>> sets, string field, string what, ref bool ok)
    {
        var result = new Dictionary<int, int>();
        for (var s = 0; s < sets.Count; s++)
        {
            var setPath = string.Create(CultureInfo.InvariantCulture, $"{At(field)}[{s}]");
            if (sets[s].Count == 0)
            {
                errors.Add(setPath, $"a {what} needs at least one phase");
                ok = false;
            }

            for (var k = 0; k < sets[s].Count; k++)
            {
                var id = sets[s][k];
                var at = string.Create(CultureInfo.InvariantCulture, $"{setPath}[{k}]");
                if (!phasePaths.ContainsKey(id))
                {
                    errors.Add(at, string.Create(CultureInfo.InvariantCulture, $"unknown phase {id}"));
                    ok = false;
                }
                else if (result.TryGetValue(id, out var other))
                {
                    errors.Add(at, other == s
                        ? string.Create(CultureInfo.InvariantCulture, $"phase {id} is listed twice in {what} {s + 1}")
                        : string.Create(CultureInfo.InvariantCulture, $"phase {id} is in {what} {other + 1} and {what} {s + 1}; a phase belongs to exactly one {what}"));
                    ok = false;
                }
                else
                {
                    result.Add(id, s);
                }
            }
        }

        return result;
    }

    private bool Unplaced(Dictionary<int, int> membership, string what, string field)
    {
        var ok = true;
        foreach (var (id, pp) in phasePaths.Where(kv => !membership.ContainsKey(kv.Key)))
        {
            errors.Add(pp, string.Create(CultureInfo.InvariantCulture, $"phase {id} is in no {what} (add it to {field})"));
            ok = false;
        }

        return ok;
    }

    private ConflictAnalysis? ResolveConflicts(RingStructure? structure)
    {
        if (geometryIncomplete)
        {
            return null;
        }

        var analyzer = new ConflictAnalyzer(legOrder, movements.Values, crosswalks.Values);
        var analysis = analyzer.Analyze([.. phases.Values]);
        foreach (var c in analysis.SelfConflicts())
        {
            errors.Add(phasePaths[c.PhaseId], $"elements of this phase conflict: {c.Reason}");
        }

        var derived = analysis.PhaseConflicts();
        var given = GivenConflicts();
        if (given is not null)
        {
            foreach (var ((a, b), reasons) in derived.Where(d => !given.ContainsKey(d.Key)))
            {
                errors.Add(At("conflicts"), string.Create(CultureInfo.InvariantCulture,
                    $"phases {a} and {b} conflict but the pair [{a}, {b}] is missing: {Describe(reasons)}"));
            }
        }

        if (structure is not null)
        {
            foreach (var ((a, b), reasons) in derived.Where(d => Concurrent(structure, d.Key.PhaseA, d.Key.PhaseB)))
            {
                errors.Add(At(doc.Stages is null ? "barriers" : "stages"), string.Create(CultureInfo.InvariantCulture,
                    $"phases {a} and {b} can run together ({Where(structure, a, b)}) but conflict: {Describe(reasons)}"));
            }

            foreach (var ((a, b), at) in given ?? [])
            {
                if (Concurrent(structure, a, b))
                {
                    errors.Add(at, string.Create(CultureInfo.InvariantCulture,
                        $"phases {a} and {b} are listed as conflicting but can run together ({Where(structure, a, b)})"));
                }
            }
        }

        foreach (var (a, b) in given?.Keys ?? Enumerable.Empty<(int, int)>())
        {
            foreach (var ga in analysis.Groups.Where(g => g.PhaseId == a))
            {
                foreach (var gb in analysis.Groups.Where(g => g.PhaseId == b))
                {
                    analysis.Matrix.Set(ga.Index, gb.Index);
                }
            }
        }

        return analysis;
    }

    private static string Describe(IReadOnlyList<string> reasons) =>
        string.Join("; ", reasons.Take(MaxReasonsShown))
        + (reasons.Count > MaxReasonsShown ? string.Create(CultureInfo.InvariantCulture, $"; and {reasons.Count - MaxReasonsShown} more") : string.Empty);

    private static bool Concurrent(RingStructure s, int a, int b) => s.RingOf(a) != s.RingOf(b) && s.BarrierGroupOf(a) == s.BarrierGroupOf(b);

    private static string Where(RingStructure s, int a, int b) => string.Create(CultureInfo.InvariantCulture,
        $"rings {s.RingOf(a) + 1} and {s.RingOf(b) + 1}, barrier group {s.BarrierGroupOf(a) + 1}");

    /// <summary>The given phase pairs (lower id first) with their element paths; null when the file gives none.</summary>
    private Dictionary<(int, int), string>? GivenConflicts()
    {
        if (doc.Conflicts is null)
        {
            return null;
        }

        var result = new Dictionary<(int, int), string>();
        for (var i = 0; i < doc.Conflicts.Count; i++)
        {
            var pair = doc.Conflicts[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{At("conflicts")}[{i}]");
            if (pair.Count != 2 || pair[0] == pair[1])
            {
                errors.Add(at, "a conflict is a pair of two different phase ids, for example [2, 4]");
                continue;
            }

            var unknown = pair.Where(p => !phases.ContainsKey(p)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add(at, $"unknown phase {string.Join(" and ", unknown)}");
                continue;
            }

            result.TryAdd((Math.Min(pair[0], pair[1]), Math.Max(pair[0], pair[1])), at);
        }

        return result;
    }

    private List<Detector> ResolveDetectors()
    {
        var result = new List<Detector>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (doc.Detectors?.Count ?? 0); i++)
        {
            var d = doc.Detectors![i];
            var dp = ErrorSink.Item(path, "detectors", i, d.Id);
            var ok = CheckId(d.Id, dp, "detector", id => !ids.Add(id));
            DetectorKind? kind = d.Kind switch
            {
                "stopbar" => DetectorKind.StopBar,
                "advance" => DetectorKind.Advance,
                "cctv" => DetectorKind.Cctv,
                _ => null,
            };
            if (kind is null)
            {
                if (d.Kind is null)
                {
                    errors.Missing(ErrorSink.Field(dp, "kind"));
                }
                else
                {
                    errors.Add(ErrorSink.Field(dp, "kind"), $"unknown detector kind \"{d.Kind}\" (stopbar, advance or cctv)");
                }

                ok = false;
            }

            ok &= Range(d.DistanceM, ErrorSink.Field(dp, "distanceM"), 0, 1000, "m", required: false);
            var laneNumbers = DetectorLanes(d, dp, ref ok);
            if (!ok || laneNumbers is null)
            {
                continue;
            }

            var served = lanes.Where(l => l.LegId == d.Leg && laneNumbers.Contains(l.Index)).SelectMany(l => l.MovementIds).Distinct().ToList();
            var detectorPhases = d.Phases ?? [.. phases.Values.Where(p => p.Movements.Any(m => served.Contains(m.MovementId))).Select(p => p.Id)];
            for (var k = 0; k < (d.Phases?.Count ?? 0); k++)
            {
                if (!phases.ContainsKey(d.Phases![k]))
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{dp}.phases[{k}]"), string.Create(CultureInfo.InvariantCulture, $"unknown phase {d.Phases[k]}"));
                    ok = false;
                }
            }

            if (detectorPhases.Count == 0 && !geometryIncomplete)
            {
                errors.Add(dp, "no phase serves the lanes of this detector; give phases");
                ok = false;
            }

            if (ok)
            {
                var distance = d.DistanceM ?? (kind == DetectorKind.Advance ? 60.0 : 0.0);
                result.Add(new Detector(d.Id!, kind!.Value, d.Leg!, laneNumbers, distance, served, detectorPhases));
            }
        }

        return result;
    }

    private List<int>? DetectorLanes(DetectorDocument d, string dp, ref bool ok)
    {
        if (d.Leg is null)
        {
            errors.Missing(ErrorSink.Field(dp, "leg"));
            return null;
        }

        if (!legs.TryGetValue(d.Leg, out var leg))
        {
            if (geometryIncomplete)
            {
                return null;
            }

            errors.Add(ErrorSink.Field(dp, "leg"), $"unknown leg \"{d.Leg}\"{Known(legs.Keys)}");
            return null;
        }

        if (leg.InboundLanes == 0)
        {
            errors.Add(ErrorSink.Field(dp, "leg"), $"leg {leg.Id} has no approach lanes to detect on");
            return null;
        }

        if (d.Lanes is null)
        {
            return [.. Enumerable.Range(1, leg.InboundLanes)];
        }

        for (var k = 0; k < d.Lanes.Count; k++)
        {
            if (d.Lanes[k] < 1 || d.Lanes[k] > leg.InboundLanes || d.Lanes.IndexOf(d.Lanes[k]) < k)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{dp}.lanes[{k}]"), string.Create(CultureInfo.InvariantCulture,
                    $"lane {d.Lanes[k]} is unknown or repeated: leg {leg.Id} has approach lanes 1..{leg.InboundLanes}"));
                ok = false;
            }
        }

        return d.Lanes;
    }

    private ControllerOptions ResolveController(RingStructure? structure)
    {
        var c = doc.Controller;
        if (c is null)
        {
            return ControllerOptions.Default;
        }

        var cp = At("controller");
        RestMode? rest = c.Rest switch
        {
            null or "red" => RestMode.Red,
            "green" => RestMode.Green,
            _ => null,
        };
        if (rest is null)
        {
            errors.Add(ErrorSink.Field(cp, "rest"), $"unknown rest mode \"{c.Rest}\" (red or green)");
        }

        var restPhases = KnownPhases(c.RestPhases, ErrorSink.Field(cp, "restPhases"));
        var dualEntry = KnownPhases(c.DualEntry, ErrorSink.Field(cp, "dualEntry"));
        if (rest == RestMode.Green && restPhases.Count == 0)
        {
            errors.Add(ErrorSink.Field(cp, "restPhases"), "rest in green needs at least one rest phase");
        }

        if (structure is not null)
        {
            for (var i = 0; i < restPhases.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (!Concurrent(structure, restPhases[i], restPhases[j]))
                    {
                        errors.Add(ErrorSink.Field(cp, "restPhases"), string.Create(CultureInfo.InvariantCulture,
                            $"rest phases {restPhases[j]} and {restPhases[i]} cannot rest together (they must be in different rings of one barrier group)"));
                    }
                }
            }
        }

        Range(c.StartupAllRedSeconds, ErrorSink.Field(cp, "startupAllRedSeconds"), 0, 60, "s", required: false);
        return new ControllerOptions(rest ?? RestMode.Red, restPhases, dualEntry, c.AllowWalkTruncationOnPreempt ?? false, c.StartupAllRedSeconds ?? 4.0);
    }

    private List<int> KnownPhases(List<int>? ids, string listPath)
    {
        var result = new List<int>();
        for (var k = 0; k < (ids?.Count ?? 0); k++)
        {
            if (phases.ContainsKey(ids![k]))
            {
                result.Add(ids[k]);
            }
            else
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{listPath}[{k}]"), string.Create(CultureInfo.InvariantCulture, $"unknown phase {ids[k]}"));
            }
        }

        return result;
    }
}
