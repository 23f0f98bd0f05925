using Traffic.Signals.Model;

namespace Traffic.Simulation.Synthetic;

/// <summary>
/// Builds a resolved model <see cref="Intersection"/> with legs N, E, S, W directly (no config file):
/// each leg has <c>lanes</c> approach lanes (1: L/T/R; 2: L+T, T+R; 3: L, T, T+R) and as many
/// outbound lanes; two phases (2 = E-W, 4 = N-S; left turns permitted), a stop-bar loop, an advance
/// loop 60 m upstream and a CCTV camera on every approach. For tests and benchmarks of the simulation.
/// </summary>
public static class FourLegIntersection
{
    private static readonly (string Id, double Bearing)[] LegIds = [("N", 0), ("E", 90), ("S", 180), ("W", 270)];

    public static Intersection Create(string id, double x, double y, double speedKmh = 50, int lanes = 2)
    {
        if (lanes is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(lanes), lanes, "1 to 3 approach lanes");
        }

        var legs = new List<Leg>();
        var laneList = new List<Lane>();
        var movements = new List<Movement>();
        var detectors = new List<Detector>();
        foreach (var (legId, bearing) in LegIds)
        {
            legs.Add(new Leg(legId, bearing, speedKmh, 0, lanes, lanes));
            var l = $"{legId}.L";
            var t = $"{legId}.T";
            var r = $"{legId}.R";
            string[][] byLane = lanes switch
            {
                1 => [[l, t, r]],
                2 => [[l, t], [t, r]],
                _ => [[l], [t], [t, r]],
            };
            for (var k = 0; k < byLane.Length; k++)
            {
                laneList.Add(new Lane(legId, k + 1, byLane[k]));
            }

            movements.Add(new Movement(l, legId, ExitLeg(legId, Turn.Left), Turn.Left, CountCarrying(byLane, l)));
            movements.Add(new Movement(t, legId, ExitLeg(legId, Turn.Through), Turn.Through, CountCarrying(byLane, t)));
            movements.Add(new Movement(r, legId, ExitLeg(legId, Turn.Right), Turn.Right, CountCarrying(byLane, r)));
            var phase = legId is "E" or "W" ? 2 : 4;
            var all = Enumerable.Range(1, lanes).ToList();
            detectors.Add(new Detector($"{id}.{legId}.SB", DetectorKind.StopBar, legId, all, 0, [l, t, r], [phase]));
            detectors.Add(new Detector($"{id}.{legId}.ADV", DetectorKind.Advance, legId, all, 60, [l, t, r], [phase]));
            detectors.Add(new Detector($"{id}.{legId}.CAM", DetectorKind.Cctv, legId, all, 0, [l, t, r], [phase]));
        }

        var v = speedKmh / 3.6;
        var yellow = Math.Max(3.0, Math.Ceiling((1 + (v / 6.1)) * 10) / 10);
        var redClearance = Math.Clamp(Math.Ceiling(((lanes * 2 * Signals.Geometry.Constants.LaneWidthM) + 6) / v * 10) / 10, 1.0, 6.0);
        var timings = new PhaseTimings(7, 40, yellow, redClearance, 0, 0, 2.0);
        var phases = new List<Phase>
        {
            new(2, "E-W", PhaseMovements("E", "W"), [], timings),
            new(4, "N-S", PhaseMovements("N", "S"), [], timings),
        };
        var conflicts = new ConflictMatrix(2);
        conflicts.Set(0, 1);
        return new Intersection(
            id,
            id,
            x,
            y,
            legs,
            laneList,
            movements,
            [],
            phases,
            new RingStructure([[2, 4]], [[2], [4]]),
            [new SignalGroup(0, "2", 2, SignalGroupKind.Vehicle), new SignalGroup(1, "4", 4, SignalGroupKind.Vehicle)],
            conflicts,
            detectors,
            ControllerOptions.Default);
    }

    /// <summary>The leg a movement from <paramref name="from"/> leaves by, on the N/E/S/W cross.</summary>
    public static string ExitLeg(string from, Turn turn)
    {
        var i = Array.FindIndex(LegIds, l => l.Id == from);
        var shift = turn switch
        {
            Turn.Through => 2,
            Turn.Left => 1,
            Turn.Right => 3,
            _ => 0,
        };
        return LegIds[(i + shift) % 4].Id;
    }

    private static List<PhaseMovement> PhaseMovements(string a, string b) =>
    [
        new($"{a}.T", MovementMode.Protected),
        new($"{a}.R", MovementMode.Protected),
        new($"{a}.L", MovementMode.Permitted),
        new($"{b}.T", MovementMode.Protected),
        new($"{b}.R", MovementMode.Protected),
        new($"{b}.L", MovementMode.Permitted),
    ];

    private static int CountCarrying(string[][] byLane, string movement) => byLane.Count(lane => lane.Contains(movement));
}
