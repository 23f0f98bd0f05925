using Traffic.Signals.Model;

namespace Traffic.Signals.Geometry;

/// <summary>Two signal groups that must never show green together, with every element pair that makes them conflict.</summary>
public sealed record GroupConflict(int GroupA, int GroupB, IReadOnlyList<string> Reasons);

/// <summary>Two movements of one phase whose paths conflict (a configuration error).</summary>
public sealed record InternalConflict(int PhaseId, string Reason);

/// <summary>Result of <see cref="ConflictAnalyzer.Analyze"/>: signal groups, the group-level matrix and the reasons.</summary>
public sealed record ConflictAnalysis(
    IReadOnlyList<SignalGroup> Groups,
    ConflictMatrix Matrix,
    IReadOnlyList<GroupConflict> Conflicts,
    IReadOnlyList<InternalConflict> Internal)
{
    /// <summary>Conflicts between two different phases, folded from the group level, lower phase id first.</summary>
    public IReadOnlyDictionary<(int PhaseA, int PhaseB), IReadOnlyList<string>> PhaseConflicts()
    {
        var result = new SortedDictionary<(int, int), List<string>>();
        foreach (var c in Conflicts)
        {
            var a = Groups[c.GroupA].PhaseId;
            var b = Groups[c.GroupB].PhaseId;
            if (a == b)
            {
                continue;
            }

            var key = a < b ? (a, b) : (b, a);
            if (!result.TryGetValue(key, out var list))
            {
                list = [];
                result[key] = list;
            }

            list.AddRange(c.Reasons);
        }

        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);
    }

    /// <summary>Conflicts between elements of one phase: its own movements, or its movements and its own crosswalks.</summary>
    public IEnumerable<InternalConflict> SelfConflicts()
    {
        foreach (var i in Internal)
        {
            yield return i;
        }

        foreach (var c in Conflicts)
        {
            if (Groups[c.GroupA].PhaseId == Groups[c.GroupB].PhaseId)
            {
                foreach (var r in c.Reasons)
                {
                    yield return new InternalConflict(Groups[c.GroupA].PhaseId, r);
                }
            }
        }
    }
}

/// <summary>
/// Derives hard conflicts from geometry. Each leg is a point on a circle at its bearing; a movement
/// is a chord from its entry point (just before the leg's bearing, where right-hand traffic arrives)
/// to its exit point (just after the exit leg's bearing). Two movements from different legs conflict
/// when their chords cross (the endpoints interleave) or when they share an exit leg (merge), except
/// that a permitted turn yields to traffic from the opposing leg. A crosswalk on leg X conflicts with
/// every movement entering from or leaving to X, except a permitted turn (which yields to
/// pedestrians); a diagonal crosswalk conflicts with every movement. Pedestrians never conflict
/// with pedestrians.
/// </summary>
public sealed class ConflictAnalyzer
{
    /// <summary>Offset of entry and exit points from the leg's bearing on the circle, degrees.</summary>
    private const double SideOffsetDeg = 0.01;

    private readonly Dictionary<string, Leg> legs;
    private readonly Dictionary<string, Movement> movements;
    private readonly Dictionary<string, Crosswalk> crosswalks;

    public ConflictAnalyzer(IEnumerable<Leg> legs, IEnumerable<Movement> movements, IEnumerable<Crosswalk> crosswalks)
    {
        this.legs = legs.ToDictionary(l => l.Id, StringComparer.Ordinal);
        this.movements = movements.ToDictionary(m => m.Id, StringComparer.Ordinal);
        this.crosswalks = crosswalks.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>Signal groups of a phase list: per phase in id order, vehicle group "id" then pedestrian group "Pid".</summary>
    public static IReadOnlyList<SignalGroup> DeriveGroups(IEnumerable<Phase> phases)
    {
        var groups = new List<SignalGroup>();
        foreach (var p in phases.OrderBy(p => p.Id))
        {
            if (p.HasVehicles)
            {
                groups.Add(new SignalGroup(groups.Count, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Id, SignalGroupKind.Vehicle));
            }

            if (p.HasPedestrians)
            {
                groups.Add(new SignalGroup(groups.Count, "P" + p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Id, SignalGroupKind.Pedestrian));
            }
        }

        return groups;
    }

    /// <summary>Whether the chords of two movements cross (endpoints interleave; shared endpoints do not count).</summary>
    public bool Crosses(string a, string b)
    {
        var (a1, a2) = Chord(movements[a]);
        var (b1, b2) = Chord(movements[b]);
        return Between(b1, a1, a2) != Between(b2, a1, a2);
    }

    /// <summary>The reason two movements hard-conflict in the given modes, or null if they may run together.</summary>
    public string? VehicleConflict(string a, MovementMode modeA, string b, MovementMode modeB)
    {
        var ma = movements[a];
        var mb = movements[b];
        if (ma.FromLeg == mb.FromLeg)
        {
            return null;
        }

        string reason;
        if (ma.ToLeg == mb.ToLeg)
        {
            reason = $"{a} merges with {b} into {ma.ToLeg}";
        }
        else if (Crosses(a, b))
        {
            reason = $"{a} crosses {b}";
        }
        else
        {
            return null;
        }

        return Yields(ma, modeA, mb) || Yields(mb, modeB, ma) ? null : reason;
    }

    /// <summary>The reason a movement hard-conflicts with a crosswalk, or null.</summary>
    public string? CrosswalkConflict(string movement, MovementMode mode, string crosswalk)
    {
        var m = movements[movement];
        var c = crosswalks[crosswalk];
        if (c.Diagonal)
        {
            return $"{movement} crosses diagonal crosswalk {crosswalk}";
        }

        if (m.FromLeg != c.LegId && m.ToLeg != c.LegId)
        {
            return null;
        }

        return mode == MovementMode.Permitted && m.Turn != Turn.Through ? null : $"{movement} crosses crosswalk {crosswalk}";
    }

    /// <summary>Group-level conflicts of a phase list (movement modes as given in each phase).</summary>
    public ConflictAnalysis Analyze(IReadOnlyList<Phase> phases)
    {
        var byId = phases.ToDictionary(p => p.Id);
        var groups = DeriveGroups(phases);
        var matrix = new ConflictMatrix(groups.Count);
        var conflicts = new List<GroupConflict>();
        var internalConflicts = new List<InternalConflict>();

        foreach (var g in groups)
        {
            if (g.Kind == SignalGroupKind.Vehicle)
            {
                var ms = byId[g.PhaseId].Movements;
                for (var i = 0; i < ms.Count; i++)
                {
                    for (var j = i + 1; j < ms.Count; j++)
                    {
                        var r = VehicleConflict(ms[i].MovementId, ms[i].Mode, ms[j].MovementId, ms[j].Mode);
                        if (r is not null)
                        {
                            internalConflicts.Add(new InternalConflict(g.PhaseId, r));
                        }
                    }
                }
            }
        }

        for (var a = 0; a < groups.Count; a++)
        {
            for (var b = a + 1; b < groups.Count; b++)
            {
                var reasons = GroupReasons(byId[groups[a].PhaseId], groups[a].Kind, byId[groups[b].PhaseId], groups[b].Kind);
                if (reasons.Count > 0)
                {
                    matrix.Set(a, b);
                    conflicts.Add(new GroupConflict(a, b, reasons));
                }
            }
        }

        return new ConflictAnalysis(groups, matrix, conflicts, internalConflicts);
    }

    private List<string> GroupReasons(Phase pa, SignalGroupKind ka, Phase pb, SignalGroupKind kb)
    {
        var reasons = new List<string>();
        if (ka == SignalGroupKind.Pedestrian && kb == SignalGroupKind.Pedestrian)
        {
            return reasons;
        }

        if (ka == SignalGroupKind.Vehicle && kb == SignalGroupKind.Vehicle)
        {
            foreach (var x in pa.Movements)
            {
                foreach (var y in pb.Movements)
                {
                    Add(reasons, VehicleConflict(x.MovementId, x.Mode, y.MovementId, y.Mode));
                }
            }

            return reasons;
        }

        var (vehicles, peds) = ka == SignalGroupKind.Vehicle ? (pa, pb) : (pb, pa);
        foreach (var x in vehicles.Movements)
        {
            foreach (var c in peds.Crosswalks)
            {
                Add(reasons, CrosswalkConflict(x.MovementId, x.Mode, c));
            }
        }

        return reasons;
    }

    private static void Add(List<string> reasons, string? reason)
    {
        if (reason is not null)
        {
            reasons.Add(reason);
        }
    }

    /// <summary>A permitted turn yields to traffic entering from the leg opposing its own.</summary>
    private bool Yields(Movement turn, MovementMode mode, Movement other) =>
        mode == MovementMode.Permitted
        && turn.Turn != Turn.Through
        && TurnGeometry.Opposing(legs[turn.FromLeg].BearingDeg, legs[other.FromLeg].BearingDeg);

    private (double Entry, double Exit) Chord(Movement m) =>
        (TurnGeometry.Normalize(legs[m.FromLeg].BearingDeg - SideOffsetDeg),
         TurnGeometry.Normalize(legs[m.ToLeg].BearingDeg + SideOffsetDeg));

    /// <summary>Whether <paramref name="x"/> lies strictly inside the clockwise arc from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static bool Between(double x, double from, double to)
    {
        var offset = TurnGeometry.Normalize(x - from);
        return offset > 0 && offset < TurnGeometry.Normalize(to - from);
    }
}
