using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Signals.Tests.Sequencing;

/// <summary>
/// Hand-built intersections for sequencer and monitor tests, independent of the config loader.
/// Their conflict matrix is the strictest one the ring-barrier structure allows: two groups conflict
/// unless their phases may run together (same barrier group, different rings) or are the same phase.
/// </summary>
internal static class TestModels
{
    public static readonly PhaseTimings Through = new(MinGreen: 7, MaxGreen: 30, Yellow: 4, RedClearance: 2, Walk: 7, PedClearance: 12, Passage: 2);
    public static readonly PhaseTimings Left = new(MinGreen: 5, MaxGreen: 15, Yellow: 3, RedClearance: 1.5, Walk: 0, PedClearance: 0, Passage: 1.5);

    /// <summary>NEMA 8-phase dual ring: lefts 1,3,5,7; throughs 2,4,6,8 with pedestrians.</summary>
    public static Intersection Nema8(RestMode rest = RestMode.Red, bool dualEntry = false, bool walkTruncation = false) =>
        Build(
            "NEMA8",
            [[1, 2, 3, 4], [5, 6, 7, 8]],
            [[1, 2, 5, 6], [3, 4, 7, 8]],
            id => id % 2 == 0 ? (true, true, Through) : (true, false, Left),
            new ControllerOptions(rest, rest == RestMode.Green ? [2, 6] : [], dualEntry ? [2, 4, 6, 8] : [], walkTruncation, 4));

    /// <summary>Two-phase junction as a stage list, plus a pedestrian-only scramble stage (phase 9).</summary>
    public static Intersection TwoPhaseWithScramble() =>
        Build(
            "SCRAMBLE",
            [[2, 4, 9], [6, 8]],
            [[2, 6], [4, 8], [9]],
            id => id == 9 ? (false, true, Through with { MinGreen = 0, Yellow = 0, RedClearance = 2 }) : (true, id is 2 or 4, Through),
            ControllerOptions.Default);

    public static Intersection Build(
        string id,
        int[][] rings,
        int[][] barriers,
        Func<int, (bool Vehicles, bool Peds, PhaseTimings Timings)> phase,
        ControllerOptions options)
    {
        var ids = rings.SelectMany(r => r).Order().ToArray();
        var phases = new List<Phase>();
        var groups = new List<SignalGroup>();
        foreach (var p in ids)
        {
            var (veh, ped, t) = phase(p);
            if (!ped)
            {
                t = t with { Walk = 0, PedClearance = 0 };
            }

            phases.Add(new Phase(
                p,
                $"phase {p}",
                veh ? [new PhaseMovement($"M{p}", MovementMode.Protected)] : [],
                ped ? [$"X{p}"] : [],
                t));
            if (veh)
            {
                groups.Add(new SignalGroup(groups.Count, $"{p}", p, SignalGroupKind.Vehicle));
            }

            if (ped)
            {
                groups.Add(new SignalGroup(groups.Count, $"P{p}", p, SignalGroupKind.Pedestrian));
            }
        }

        var structure = new RingStructure(
            rings.Select(r => (IReadOnlyList<int>)r).ToArray(),
            barriers.Select(b => (IReadOnlyList<int>)b).ToArray());
        var conflicts = new ConflictMatrix(groups.Count);
        foreach (var a in groups)
        {
            foreach (var b in groups)
            {
                var compatible = a.PhaseId == b.PhaseId
                    || (structure.RingOf(a.PhaseId) != structure.RingOf(b.PhaseId)
                        && structure.BarrierGroupOf(a.PhaseId) == structure.BarrierGroupOf(b.PhaseId));
                if (a.Index < b.Index && !compatible)
                {
                    conflicts.Set(a.Index, b.Index);
                }
            }
        }

        return new Intersection(id, id, 0, 0, [], [], [], [], phases, structure, groups, conflicts, [], options);
    }

    /// <summary>Operator manual control showing groups <paramref name="a"/> and <paramref name="b"/> active together (from the next tick).</summary>
    public static void ShowTogether(SignalController c, int a, int b)
    {
        var s = c.Indications.ToArray();
        s[a] = c.Model.SignalGroups[a].Kind == SignalGroupKind.Vehicle ? Indication.Green : Indication.Walk;
        s[b] = c.Model.SignalGroups[b].Kind == SignalGroupKind.Vehicle ? Indication.Green : Indication.Walk;
        c.SetManual(s);
    }
}
