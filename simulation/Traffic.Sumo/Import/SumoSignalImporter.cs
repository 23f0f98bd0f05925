using System.Globalization;
using Traffic.Signals.Model;
using Traffic.Signals.Timing;

namespace Traffic.Sumo.Import;

/// <summary>
/// Reads a SUMO network's traffic lights into our intersection model.
/// <list type="bullet">
/// <item>Phases: every green phase of the tlLogic (a state with 'G' or 'g' and no 'y') is one of our
/// phases, in programme order, as a stage list (one ring, one barrier group per phase). Yellow =
/// the yellow phases that follow it (at least 3 s); red clearance = the all-red time that follows,
/// clamped to 1..2 s; minimum green 5 s; maximum green the programme's green clamped to 40..60 s.</item>
/// <item>Movements: links of the same incoming and outgoing edge that are green in exactly the same
/// phases form one movement (id "inEdge.T", T from SUMO's dir). A movement runs Permitted in a phase
/// where SUMO shows it 'g' (it yields), Protected where 'G'.</item>
/// <item>Overlaps: movements green in two or more phases of the programme become an overlap whose
/// parents are those phases (one overlap per set of phases, ids A, B, ...), so they stay green across
/// a change between two of those phases instead of timing yellow and red; its yellow and red
/// clearance are the longest of its parents'. A set that includes a phase which would keep no
/// movement of its own stays as movements of each of its phases.</item>
/// <item>Conflicts: two links conflict hard when the junction's foes bit is set, unless the programme
/// itself shows them green together with the yielding one on 'g' (permissive, like our Permitted
/// mode). Links from the same incoming edge never conflict (same entry leg). Two phases conflict
/// when any of their links conflict hard.</item>
/// <item>Detectors: one stop-bar detector per incoming lane of a controlled link.</item>
/// </list>
/// </summary>
public static class SumoSignalImporter
{
    /// <summary>The safety core's floors, not a second copy of them.</summary>
    public const double MinYellow = TimingFormulas.MinYellowS;
    public const double MinRedClearance = TimingFormulas.MinRedClearanceS;
    public const double MaxRedClearance = 2.0;
    public const double MinGreen = 5.0;
    public const double LowMaxGreen = 40.0;
    public const double HighMaxGreen = 60.0;
    public const double Passage = 2.0;

    /// <summary>Every traffic light of the network (first programme of each), ordered by id.</summary>
    public static IReadOnlyList<SumoSignal> ImportAll(SumoNet net)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<SumoSignal>();
        foreach (var logic in net.TlLogics.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            if (seen.Add(logic.Id))
            {
                result.Add(Import(net, logic));
            }
        }

        return result;
    }

    public static SumoSignal Import(SumoNet net, string tlsId) =>
        Import(net, net.TlLogics.FirstOrDefault(t => t.Id == tlsId) ?? throw new ArgumentException($"{net.Path}: no tlLogic '{tlsId}'", nameof(tlsId)));

    public static SumoSignal Import(SumoNet net, SumoTlLogic logic)
    {
        var where = $"{net.Path}: tlLogic {logic.Id} program {logic.ProgramId}";
        if (logic.Phases.Count == 0)
        {
            throw new InvalidDataException($"{where}: has no phases");
        }

        var n = logic.Phases[0].State.Length;
        if (logic.Phases.Any(p => p.State.Length != n))
        {
            throw new InvalidDataException($"{where}: phase states have different lengths");
        }

        var connections = new SumoConnection?[n];
        foreach (var c in net.Connections)
        {
            if (c.Tl == logic.Id && c.LinkIndex >= 0)
            {
                if (c.LinkIndex >= n)
                {
                    throw new InvalidDataException($"{where}: connection {c.FromLaneId}->{c.ToLaneId} has link index {c.LinkIndex}, the states have {n} links");
                }

                connections[c.LinkIndex] ??= c;
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (connections[i] is null)
            {
                throw new InvalidDataException($"{where}: no connection has link index {i}");
            }
        }

        var links = connections.Select(c => c!).ToArray();
        var greens = GreenPhases(logic);
        if (greens.Count == 0)
        {
            throw new InvalidDataException($"{where}: no green phase (a state with 'G' or 'g' and no 'y')");
        }

        var warnings = new List<string>();
        var hard = HardConflicts(net, logic, links, greens, where);
        return Build(net, logic, links, greens, hard, warnings);
    }

    /// <summary>Programme indices of the green phases with the yellow and all-red time after each.</summary>
    private static List<(int Index, double Green, double Yellow, double AllRed)> GreenPhases(SumoTlLogic logic)
    {
        var result = new List<(int, double, double, double)>();
        var count = logic.Phases.Count;
        for (var i = 0; i < count; i++)
        {
            if (!IsGreenPhase(logic.Phases[i].State))
            {
                continue;
            }

            double yellow = 0, allRed = 0;
            for (var k = 1; k < count; k++)
            {
                var next = logic.Phases[(i + k) % count];
                if (IsGreenPhase(next.State))
                {
                    break;
                }

                if (next.State.Any(c => c is 'y' or 'Y'))
                {
                    yellow += next.Duration;
                }
                else
                {
                    allRed += next.Duration;
                }
            }

            result.Add((i, logic.Phases[i].Duration, yellow, allRed));
        }

        return result;
    }

    private static bool IsGreenPhase(string state) => state.Any(c => c is 'G' or 'g') && !state.Any(c => c is 'y' or 'Y');

    private static bool[] HardConflicts(SumoNet net, SumoTlLogic logic, SumoConnection[] links, List<(int Index, double Green, double Yellow, double AllRed)> greens, string where)
    {
        var n = links.Length;
        var position = links.Select(c => RequestOf(net, logic, c, links.Length, where)).ToArray();
        var hard = new bool[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                var (ja, ia) = position[a];
                var (jb, ib) = position[b];
                // Same entry edge: lanes that merge are sorted out by the drivers, as in our same-entry-leg rule.
                if (links[a].From == links[b].From || !ReferenceEquals(ja, jb) || !(Bit(ja.Requests[ia].Foes, ib) || Bit(ja.Requests[ib].Foes, ia)))
                {
                    continue;
                }

                var permissive = greens.Any(g =>
                {
                    var s = logic.Phases[g.Index].State;
                    return IsGreen(s[a]) && IsGreen(s[b])
                        && ((s[a] == 'g' && Bit(ja.Requests[ia].Response, ib)) || (s[b] == 'g' && Bit(ja.Requests[ib].Response, ia)));
                });
                if (!permissive)
                {
                    hard[(a * n) + b] = hard[(b * n) + a] = true;
                }
            }
        }

        return hard;
    }

    /// <summary>The junction a link crosses and its row there: the position of the link's internal lane in the junction's intLanes.</summary>
    private static (SumoJunction Junction, int Row) RequestOf(SumoNet net, SumoTlLogic logic, SumoConnection c, int linkCount, string where)
    {
        if (!net.Edges.TryGetValue(c.From, out var edge) || !net.Junctions.TryGetValue(edge.To, out var junction))
        {
            throw new InvalidDataException($"{where}: link {c.LinkIndex} comes from edge '{c.From}', which has no junction at its end");
        }

        var via = c.Via;
        for (var hops = 0; via is not null && hops < 4; hops++)
        {
            var row = IndexOf(junction.IntLanes, via);
            if (row >= 0 && row < junction.Requests.Count)
            {
                return (junction, row);
            }

            // A turn that waits inside the junction continues on a second internal lane; the junction lists that one.
            var lane = via;
            via = net.Connections.FirstOrDefault(k => k.FromLaneId == lane && k.Via is not null)?.Via;
        }

        // Without internal lanes the rows follow the link indices when one light controls the whole junction.
        if (junction.Requests.Count == linkCount && c.LinkIndex < junction.Requests.Count)
        {
            return (junction, c.LinkIndex);
        }

        throw new InvalidDataException($"{where}: cannot find link {c.LinkIndex} ({c.FromLaneId}->{c.ToLaneId}) among the requests of junction {junction.Id}");
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Bit <paramref name="index"/> of a SUMO bit string (index 0 is the rightmost character).</summary>
    private static bool Bit(string bits, int index) => index < bits.Length && bits[bits.Length - 1 - index] == '1';

    private static bool IsGreen(char c) => c is 'G' or 'g';

    private static SumoSignal Build(
        SumoNet net,
        SumoTlLogic logic,
        SumoConnection[] links,
        List<(int Index, double Green, double Yellow, double AllRed)> greens,
        bool[] hard,
        List<string> warnings)
    {
        var n = links.Length;
        var legs = BuildLegs(net, links);

        // Movements: same in-edge, out-edge and set of green phases.
        var movementOf = new int[n];
        var keys = new List<(string InEdge, string OutEdge, string Pattern)>();
        var movementLinks = new List<List<int>>();
        for (var i = 0; i < n; i++)
        {
            var pattern = new string(greens.Select(g => IsGreen(logic.Phases[g.Index].State[i]) ? '1' : '0').ToArray());
            if (!pattern.Contains('1', StringComparison.Ordinal))
            {
                movementOf[i] = -1;
                continue;
            }

            var key = (links[i].From, links[i].To, pattern);
            var m = keys.IndexOf(key);
            if (m < 0)
            {
                m = keys.Count;
                keys.Add(key);
                movementLinks.Add([]);
            }

            movementOf[i] = m;
            movementLinks[m].Add(i);
        }

        var movements = new List<Movement>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var m = 0; m < keys.Count; m++)
        {
            var first = links[movementLinks[m][0]];
            var fromLeg = legs.LegOfIn[first.From];
            var toLeg = legs.LegOfOut[first.To];
            var turn = TurnOf(first.Dir);
            var id = $"{fromLeg}.{Letter(turn)}";
            if (!used.Add(id))
            {
                id = $"{fromLeg}.{Letter(turn)}:{toLeg}";
                for (var k = 2; !used.Add(id); k++)
                {
                    id = $"{fromLeg}.{Letter(turn)}:{toLeg}#{k.ToString(CultureInfo.InvariantCulture)}";
                }
            }

            var laneCount = movementLinks[m].Select(i => links[i].FromLane).Distinct().Count();
            movements.Add(new Movement(id, fromLeg, toLeg, turn, laneCount));
        }

        // Movements green in several phases become overlaps (one per set of phases), unless a phase would keep no movement of its own.
        var overlapPatterns = OverlapPatterns(keys.Select(k => k.Pattern).ToList(), greens.Count);

        // Phases, one vehicle signal group each, in programme order.
        var phases = new List<Phase>();
        var groups = new List<SignalGroup>();
        for (var p = 0; p < greens.Count; p++)
        {
            var g = greens[p];
            var s = logic.Phases[g.Index].State;
            var served = new List<PhaseMovement>();
            for (var m = 0; m < keys.Count; m++)
            {
                if (keys[m].Pattern[p] == '1' && !overlapPatterns.Contains(keys[m].Pattern))
                {
                    var permitted = movementLinks[m].Any(i => s[i] == 'g');
                    served.Add(new PhaseMovement(movements[m].Id, permitted ? MovementMode.Permitted : MovementMode.Protected));
                }
            }

            var timings = new PhaseTimings(
                MinGreen,
                Math.Clamp(Math.Round(g.Green), LowMaxGreen, HighMaxGreen),
                Math.Max(MinYellow, Math.Round(g.Yellow, 1)),
                Math.Clamp(Math.Round(g.AllRed, 1), MinRedClearance, MaxRedClearance),
                0,
                0,
                Passage);
            var id = p + 1;
            phases.Add(new Phase(id, $"programme phase {g.Index.ToString(CultureInfo.InvariantCulture)} {s}", served, [], timings));
            groups.Add(new SignalGroup(p, id.ToString(CultureInfo.InvariantCulture), id, SignalGroupKind.Vehicle));
        }

        // Overlaps: a signal group each, after the phase groups; yellow and red clearance the longest of its parents'.
        var overlaps = new List<Overlap>();
        foreach (var pattern in overlapPatterns)
        {
            var parents = Enumerable.Range(0, greens.Count).Where(p => pattern[p] == '1').ToList();
            var served = new List<PhaseMovement>();
            for (var m = 0; m < keys.Count; m++)
            {
                if (keys[m].Pattern == pattern)
                {
                    var permitted = movementLinks[m].Any(i => parents.Any(p => logic.Phases[greens[p].Index].State[i] == 'g'));
                    served.Add(new PhaseMovement(movements[m].Id, permitted ? MovementMode.Permitted : MovementMode.Protected));
                }
            }

            var id = ((char)('A' + overlaps.Count)).ToString();
            var timings = new OverlapTimings(
                MinGreen,
                parents.Max(p => phases[p].Timings.Yellow),
                parents.Max(p => phases[p].Timings.RedClearance));
            var overlap = new Overlap(id, $"links green in programme phases {string.Join(",", parents.Select(p => greens[p].Index))}", served, parents.Select(p => p + 1).ToList(), timings);
            overlaps.Add(overlap);
            groups.Add(new SignalGroup(groups.Count, overlap.GroupName, 0, SignalGroupKind.Vehicle) { OverlapId = id });
        }

        // The signal groups that show each link: its overlap's, or those of the phases it is green in.
        var groupsOfLink = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            groupsOfLink[i] = movementOf[i] < 0 ? []
                : overlapPatterns.IndexOf(keys[movementOf[i]].Pattern) is var k and >= 0 ? [greens.Count + k]
                : Enumerable.Range(0, greens.Count).Where(p => keys[movementOf[i]].Pattern[p] == '1').ToList();
        }

        bool covers(int group, int phase) => group == phase || (group >= greens.Count && overlaps[group - greens.Count].Parents.Contains(phase + 1));

        // Group-level conflicts from hard link conflicts.
        var conflicts = new ConflictMatrix(groups.Count);
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                if (!hard[(a * n) + b])
                {
                    continue;
                }

                var together = greens.FindIndex(g => IsGreen(logic.Phases[g.Index].State[a]) && IsGreen(logic.Phases[g.Index].State[b]));
                if (together >= 0)
                {
                    warnings.Add($"programme phase {greens[together].Index} shows foe links {a} and {b} green together");
                }

                foreach (var p in groupsOfLink[a])
                {
                    foreach (var q in groupsOfLink[b])
                    {
                        // Foe links the programme itself shows together (warned above) stay as SUMO has them.
                        var shownTogether = Enumerable.Range(0, greens.Count).Any(t =>
                            IsGreen(logic.Phases[greens[t].Index].State[a]) && IsGreen(logic.Phases[greens[t].Index].State[b]) && covers(p, t) && covers(q, t));
                        if (p != q && !shownTogether)
                        {
                            conflicts.Set(p, q);
                        }
                    }
                }
            }
        }

        // Lanes and stop-bar detectors: one per incoming lane of a served link.
        var lanes = new List<Lane>();
        var detectors = new List<Detector>();
        var detectorLanes = new List<string>();
        foreach (var laneId in Enumerable.Range(0, n).Where(i => movementOf[i] >= 0).Select(i => links[i].FromLaneId).Distinct())
        {
            var lane = net.Lanes[laneId];
            var edge = net.Edges[lane.EdgeId];
            var legId = legs.LegOfIn[edge.Id];
            var indexFromLeft = edge.Lanes.Count - lane.Index;
            var movementIds = Enumerable.Range(0, n)
                .Where(i => movementOf[i] >= 0 && links[i].FromLaneId == laneId)
                .Select(i => movements[movementOf[i]].Id)
                .Distinct()
                .ToList();
            var phaseIds = phases.Where(p => p.Movements.Any(pm => movementIds.Contains(pm.MovementId))
                    || overlaps.Any(o => o.Parents.Contains(p.Id) && o.Movements.Any(pm => movementIds.Contains(pm.MovementId))))
                .Select(p => p.Id).ToList();
            lanes.Add(new Lane(legId, indexFromLeft, movementIds));
            detectors.Add(new Detector(laneId, DetectorKind.StopBar, legId, [indexFromLeft], 0, movementIds, phaseIds));
            detectorLanes.Add(laneId);
        }

        var structure = new RingStructure([phases.Select(p => p.Id).ToList()], phases.Select(p => (IReadOnlyList<int>)[p.Id]).ToList());
        var junction = net.Junctions[net.Edges[links[0].From].To];
        var intersection = new Intersection(
            logic.Id,
            logic.Id,
            junction.X,
            junction.Y,
            legs.Legs,
            lanes,
            movements,
            [],
            phases,
            structure,
            groups,
            conflicts,
            detectors,
            ControllerOptions.Default)
        {
            Overlaps = overlaps,
        };

        var sumoLinks = new List<SumoLink>();
        var firstGreen = logic.Phases[greens[0].Index].State;
        for (var i = 0; i < n; i++)
        {
            var c = links[i];
            var inPhases = Enumerable.Range(0, greens.Count).Where(p => IsGreen(logic.Phases[greens[p].Index].State[i])).ToList();
            var red = logic.Phases.Any(p => p.State[i] == 's') ? 's' : 'r';
            var overlapGroup = groupsOfLink[i] is [var only] && only >= greens.Count ? only : -1;
            sumoLinks.Add(new SumoLink(
                i,
                c.FromLaneId,
                c.ToLaneId,
                movementOf[i],
                firstGreen[i],
                red,
                inPhases,
                inPhases.Select(p => logic.Phases[greens[p].Index].State[i]).ToList())
            {
                OverlapGroup = overlapGroup,
            });
        }

        return new SumoSignal(logic.Id, logic.ProgramId, intersection, sumoLinks, hard, detectorLanes, greens.Select(g => g.Green).ToList(), warnings);
    }

    /// <summary>
    /// Green patterns (one character per green phase) of movements that become overlaps: every
    /// pattern with two or more phases, except those that include a phase left with no movement of
    /// its own (those stay movements of each of their phases).
    /// </summary>
    private static List<string> OverlapPatterns(List<string> patterns, int phaseCount)
    {
        var multi = patterns.Where(p => p.Count(c => c == '1') >= 2).Distinct(StringComparer.Ordinal).ToList();
        for (var p = 0; p < phaseCount; p++)
        {
            var phase = p;
            if (!patterns.Any(x => x[phase] == '1' && !multi.Contains(x)))
            {
                multi.RemoveAll(x => x[phase] == '1');
            }
        }

        return multi.Order(StringComparer.Ordinal).Reverse().ToList();
    }

    private sealed record LegSet(IReadOnlyList<Leg> Legs, Dictionary<string, string> LegOfIn, Dictionary<string, string> LegOfOut);

    /// <summary>One leg per incoming edge; an outgoing edge joins the leg of its reverse edge, or is a leg of its own.</summary>
    private static LegSet BuildLegs(SumoNet net, SumoConnection[] links)
    {
        var inEdges = links.Select(l => l.From).Distinct().ToList();
        var outEdges = links.Select(l => l.To).Distinct().ToList();
        var legs = new List<Leg>();
        var ofIn = new Dictionary<string, string>(StringComparer.Ordinal);
        var ofOut = new Dictionary<string, string>(StringComparer.Ordinal);
        var outOfLeg = new Dictionary<string, SumoEdge>(StringComparer.Ordinal);
        foreach (var id in outEdges)
        {
            var edge = net.Edges[id];
            var reverse = inEdges.FirstOrDefault(e => net.Edges[e].From == edge.To && net.Edges[e].To == edge.From && !outOfLeg.ContainsKey(e));
            if (reverse is not null)
            {
                outOfLeg[reverse] = edge;
                ofOut[id] = reverse;
            }
        }

        foreach (var id in inEdges)
        {
            var edge = net.Edges[id];
            outOfLeg.TryGetValue(id, out var outbound);
            var shape = edge.Lanes[0].Shape;
            var bearing = shape.Count >= 2 ? Bearing(shape[^1], shape[^2]) : 0;
            legs.Add(new Leg(id, bearing, SpeedKmh(edge, outbound), 0, edge.Lanes.Count, outbound?.Lanes.Count ?? 0));
            ofIn[id] = id;
        }

        foreach (var id in outEdges.Where(e => !ofOut.ContainsKey(e)))
        {
            var edge = net.Edges[id];
            var shape = edge.Lanes[0].Shape;
            var bearing = shape.Count >= 2 ? Bearing(shape[0], shape[1]) : 0;
            var legId = ofIn.ContainsKey(id) ? id + "~out" : id;
            legs.Add(new Leg(legId, bearing, SpeedKmh(edge, null), 0, 0, edge.Lanes.Count));
            ofOut[id] = legId;
        }

        return new LegSet(legs, ofIn, ofOut);
    }

    private static double SpeedKmh(SumoEdge edge, SumoEdge? other) =>
        Math.Round(Math.Max(edge.Lanes.Max(l => l.Speed), other?.Lanes.Max(l => l.Speed) ?? 0) * 3.6, 1);

    /// <summary>Compass bearing (0 north, 90 east) from <paramref name="from"/> to <paramref name="to"/>; SUMO's y points north.</summary>
    private static double Bearing((double X, double Y) from, (double X, double Y) to)
    {
        var deg = Math.Atan2(to.X - from.X, to.Y - from.Y) * 180 / Math.PI;
        return Math.Round((deg + 360) % 360, 1);
    }

    private static Turn TurnOf(string dir) => dir switch
    {
        "l" or "L" => Turn.Left,
        "r" or "R" => Turn.Right,
        "t" => Turn.UTurn,
        _ => Turn.Through,
    };

    private static char Letter(Turn t) => t switch
    {
        Turn.Left => 'L',
        Turn.Right => 'R',
        Turn.UTurn => 'U',
        _ => 'T',
    };
}
