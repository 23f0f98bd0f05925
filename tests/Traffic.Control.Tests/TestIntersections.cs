using Traffic.Signals.Model;

namespace Traffic.Control.Tests;

/// <summary>One phase of a hand-built test intersection: movement ids, crosswalk legs and timings.</summary>
internal sealed record PhaseSpec(int Id, string[] Movements, string[] CrosswalkLegs, PhaseTimings Timings);

/// <summary>
/// Hand-built intersections for the policy tests (the config loader is another room's work). A plain
/// four-leg cross N/E/S/W; each movement on one lane unless told otherwise; a stop-bar detector per
/// vehicle phase covering its movements; conflicts taken from the ring-barrier structure (phases in
/// one ring, or in different barrier groups, conflict), which is a safe superset of the real ones.
/// </summary>
internal static class TestIntersections
{
    private static readonly string[] LegIds = ["N", "E", "S", "W"];

    public static PhaseTimings Timings(
        double minGreen = 7, double maxGreen = 40, double yellow = 3, double redClearance = 2,
        double walk = 0, double pedClearance = 0, double passage = 2) =>
        new(minGreen, maxGreen, yellow, redClearance, walk, pedClearance, passage);

    /// <summary>Two phases in one ring: 1 = east-west through, 2 = north-south through.</summary>
    public static Intersection TwoPhase(PhaseTimings? first = null, PhaseTimings? second = null, string[]? secondCrosswalks = null) =>
        Build(
            "TWO",
            [
                new PhaseSpec(1, ["W.T", "E.T"], [], first ?? Timings()),
                new PhaseSpec(2, ["N.T", "S.T"], secondCrosswalks ?? [], second ?? Timings()),
            ],
            [[1, 2]],
            [[1], [2]]);

    /// <summary>
    /// Dual-ring eight-phase NEMA: main street east-west (2 = W.T+W.R, 6 = E.T+E.R, lefts 1 = E.L, 5 = W.L),
    /// side street (4 = N.T+N.R, 8 = S.T+S.R, lefts 3 = S.L, 7 = N.L); the through phases walk the
    /// crosswalks parallel to them. Rings [1,2,3,4] and [5,6,7,8], barrier groups {1,2,5,6} and {3,4,7,8}.
    /// </summary>
    public static Intersection Nema(
        Func<int, PhaseTimings>? timings = null,
        ControllerOptions? options = null,
        IReadOnlyDictionary<string, int>? lanes = null)
    {
        timings ??= id => id % 2 == 0
            ? Timings(minGreen: 7, maxGreen: 40, yellow: 4, redClearance: 1, walk: 7, pedClearance: 10)
            : Timings(minGreen: 5, maxGreen: 20, yellow: 3, redClearance: 1, passage: 1.5);
        return Build(
            "NEMA",
            [
                new PhaseSpec(1, ["E.L"], [], timings(1)),
                new PhaseSpec(2, ["W.T", "W.R"], ["N", "S"], timings(2)),
                new PhaseSpec(3, ["S.L"], [], timings(3)),
                new PhaseSpec(4, ["N.T", "N.R"], ["E", "W"], timings(4)),
                new PhaseSpec(5, ["W.L"], [], timings(5)),
                new PhaseSpec(6, ["E.T", "E.R"], ["N", "S"], timings(6)),
                new PhaseSpec(7, ["N.L"], [], timings(7)),
                new PhaseSpec(8, ["S.T", "S.R"], ["E", "W"], timings(8)),
            ],
            [[1, 2, 3, 4], [5, 6, 7, 8]],
            [[1, 2, 5, 6], [3, 4, 7, 8]],
            options,
            lanes);
    }

    public static Intersection Build(
        string id,
        IReadOnlyList<PhaseSpec> specs,
        IReadOnlyList<IReadOnlyList<int>> rings,
        IReadOnlyList<IReadOnlyList<int>> barriers,
        ControllerOptions? options = null,
        IReadOnlyDictionary<string, int>? lanes = null)
    {
        var legs = LegIds.Select((l, i) => new Leg(l, i * 90.0, 50, 0, 2, 2)).ToList();
        var movementIds = specs.SelectMany(s => s.Movements).Distinct().ToList();
        var movements = movementIds.Select(m => MovementOf(m, lanes?.GetValueOrDefault(m, 1) ?? 1)).ToList();
        var laneList = movements
            .GroupBy(m => m.FromLeg)
            .SelectMany(g => g.Select((m, i) => new Lane(m.FromLeg, i + 1, [m.Id])))
            .ToList();

        var crosswalks = new List<Crosswalk>();
        var phases = new List<Phase>();
        foreach (var spec in specs)
        {
            var walks = new List<string>();
            foreach (var leg in spec.CrosswalkLegs)
            {
                var cw = $"X{leg}";
                if (!crosswalks.Any(c => c.Id == cw))
                {
                    crosswalks.Add(new Crosswalk(cw, leg, 14, false));
                }

                walks.Add(cw);
            }

            phases.Add(new Phase(
                spec.Id,
                $"phase {spec.Id}",
                spec.Movements.Select(m => new PhaseMovement(m, MovementMode.Protected)).ToList(),
                walks,
                spec.Timings));
        }

        var groups = new List<SignalGroup>();
        foreach (var p in phases.OrderBy(p => p.Id))
        {
            if (p.HasVehicles)
            {
                groups.Add(new SignalGroup(groups.Count, $"{p.Id}", p.Id, SignalGroupKind.Vehicle));
            }

            if (p.HasPedestrians)
            {
                groups.Add(new SignalGroup(groups.Count, $"P{p.Id}", p.Id, SignalGroupKind.Pedestrian));
            }
        }

        var structure = new RingStructure(rings, barriers);
        var conflicts = new ConflictMatrix(groups.Count);
        foreach (var a in groups)
        {
            foreach (var b in groups)
            {
                if (a.PhaseId != b.PhaseId
                    && (structure.RingOf(a.PhaseId) == structure.RingOf(b.PhaseId)
                        || structure.BarrierGroupOf(a.PhaseId) != structure.BarrierGroupOf(b.PhaseId)))
                {
                    conflicts.Set(a.Index, b.Index);
                }
            }
        }

        var detectors = phases
            .Where(p => p.HasVehicles)
            .Select(p => new Detector(
                $"D{p.Id}",
                DetectorKind.StopBar,
                movements.First(m => m.Id == p.Movements[0].MovementId).FromLeg,
                [1],
                0,
                p.Movements.Select(m => m.MovementId).ToList(),
                [p.Id]))
            .ToList();

        return new Intersection(
            id, id, 0, 0, legs, laneList, movements, crosswalks, phases, structure, groups, conflicts, detectors,
            options ?? ControllerOptions.Default);
    }

    private static Movement MovementOf(string id, int laneCount)
    {
        var from = id[..id.IndexOf('.', StringComparison.Ordinal)];
        var turn = id[^1] switch
        {
            'L' => Turn.Left,
            'R' => Turn.Right,
            'U' => Turn.UTurn,
            _ => Turn.Through,
        };
        var entry = Array.IndexOf(LegIds, from);
        var exit = turn switch
        {
            Turn.Through => (entry + 2) % 4,
            Turn.Left => (entry + 1) % 4,
            Turn.Right => (entry + 3) % 4,
            _ => entry,
        };
        return new Movement(id, from, LegIds[exit], turn, laneCount);
    }
}
