using CsCheck;
using Traffic.Signals.Geometry;
using Traffic.Signals.Model;

namespace Traffic.Signals.Tests.Config;

public sealed class ConflictAnalyzerTests
{
    private static readonly string[] LegIds = ["N", "E", "S", "W"];

    /// <summary>A 4-leg junction rotated by <paramref name="rotation"/>, legs skewed by up to 20 degrees, each with L, T and R.</summary>
    private static (List<Leg> Legs, List<Movement> Movements, List<Crosswalk> Crosswalks) Junction(double rotation, double[] skew)
    {
        var legs = new List<Leg>();
        for (var k = 0; k < 4; k++)
        {
            var bearing = TurnGeometry.Normalize(rotation + (90 * k) + (k == 0 ? 0 : skew[k - 1]));
            legs.Add(new Leg(LegIds[k], bearing, 50, 0, 3, 2));
        }

        var movements = new List<Movement>();
        foreach (var leg in legs)
        {
            foreach (var turn in new[] { Turn.Left, Turn.Through, Turn.Right })
            {
                var exit = TurnGeometry.ResolveExit(legs, leg, turn)!;
                movements.Add(new Movement($"{leg.Id}.{TurnGeometry.Code(turn)}", leg.Id, exit.Id, turn, 1));
            }
        }

        return (legs, movements, [.. legs.Select(l => new Crosswalk("X" + l.Id, l.Id, 14, false)), new Crosswalk("XD", null, 20, true)]);
    }

    private static readonly Gen<(double Rotation, double[] Skew, int Seed)> Geometries =
        Gen.Select(Gen.Double[0, 359.9], Gen.Double[-20, 20].Array[3], Gen.Int[0, int.MaxValue]);

    [Fact]
    public void Exit_legs_follow_the_turn_angle_on_a_regular_cross()
    {
        var (_, movements, _) = Junction(0, [0, 0, 0]);
        Assert.Equal(
            ["N.L>E", "N.T>S", "N.R>W", "E.L>S", "E.T>W", "E.R>N", "S.L>W", "S.T>N", "S.R>E", "W.L>N", "W.T>E", "W.R>S"],
            movements.Select(m => $"{m.Id}>{m.ToLeg}"));
    }

    [Fact]
    public void No_exit_when_no_leg_lies_in_the_turn_window()
    {
        var legs = new List<Leg> { new("E", 90, 50, 0, 2, 2), new("W", 270, 50, 0, 2, 2) };
        Assert.Null(TurnGeometry.ResolveExit(legs, legs[0], Turn.Left));
        Assert.Equal("W", TurnGeometry.ResolveExit(legs, legs[0], Turn.Through)!.Id);
        Assert.Equal("E", TurnGeometry.ResolveExit(legs, legs[0], Turn.UTurn)!.Id);
    }

    [Fact]
    public void Opposing_legs_are_180_plus_or_minus_45_degrees_apart()
    {
        Assert.True(TurnGeometry.Opposing(0, 180));
        Assert.True(TurnGeometry.Opposing(10, 235));
        Assert.False(TurnGeometry.Opposing(0, 90));
        Assert.False(TurnGeometry.Opposing(0, 134));
    }

    [Fact]
    public void Every_through_conflicts_with_every_perpendicular_through_on_random_geometries()
    {
        Geometries.Sample(g =>
        {
            var (legs, movements, crosswalks) = Junction(g.Rotation, g.Skew);
            var analyzer = new ConflictAnalyzer(legs, movements, crosswalks);
            for (var a = 0; a < 4; a++)
            {
                foreach (var b in new[] { (a + 1) % 4, (a + 3) % 4 })
                {
                    var modeA = (g.Seed >> a & 1) == 0 ? MovementMode.Protected : MovementMode.Permitted;
                    var reason = analyzer.VehicleConflict($"{LegIds[a]}.T", modeA, $"{LegIds[b]}.T", MovementMode.Permitted);
                    Assert.Equal($"{LegIds[a]}.T crosses {LegIds[b]}.T", reason);
                }

                Assert.Null(analyzer.VehicleConflict($"{LegIds[a]}.T", MovementMode.Protected, $"{LegIds[(a + 2) % 4]}.T", MovementMode.Protected));
            }
        });
    }

    [Fact]
    public void Derived_matrix_is_symmetric_and_matches_pairwise_conflicts_on_random_phase_sets()
    {
        Geometries.Sample(g =>
        {
            var (legs, movements, crosswalks) = Junction(g.Rotation, g.Skew);
            var random = new Random(g.Seed);
            var phases = Enumerable.Range(1, 4).Select(id => new Phase(
                id,
                $"p{id}",
                [.. movements.Where(_ => random.Next(4) == 0).Select(m => new PhaseMovement(m.Id, random.Next(2) == 0 ? MovementMode.Protected : MovementMode.Permitted))],
                [.. crosswalks.Where(_ => random.Next(5) == 0).Select(c => c.Id)],
                new PhaseTimings(7, 40, 3.3, 1.5, 0, 0, 2))).Where(p => p.HasVehicles || p.HasPedestrians).ToList();
            var analyzer = new ConflictAnalyzer(legs, movements, crosswalks);
            var analysis = analyzer.Analyze(phases);
            var m = analysis.Matrix;
            for (var a = 0; a < m.Size; a++)
            {
                Assert.False(m[a, a]);
                for (var b = 0; b < m.Size; b++)
                {
                    Assert.Equal(m[a, b], m[b, a]);
                }
            }

            foreach (var x in movements)
            {
                foreach (var y in movements)
                {
                    foreach (var mode in new[] { MovementMode.Protected, MovementMode.Permitted })
                    {
                        Assert.Equal(
                            analyzer.VehicleConflict(x.Id, mode, y.Id, MovementMode.Protected) is null,
                            analyzer.VehicleConflict(y.Id, MovementMode.Protected, x.Id, mode) is null);
                    }
                }
            }
        });
    }
}
