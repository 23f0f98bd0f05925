using Traffic.Signals.Geometry;
using Traffic.Signals.Model;

namespace Traffic.Signals.Tests.Config;

public sealed class LayoutFixtureTests
{
    [Theory]
    [InlineData("nema8")]
    [InlineData("two-phase")]
    [InlineData("tee")]
    [InlineData("five-leg")]
    [InlineData("one-way")]
    [InlineData("midblock")]
    [InlineData("scramble")]
    public void Every_layout_loads_with_a_symmetric_matrix_and_complete_timings(string name)
    {
        var i = Fixtures.Intersection(name);
        Assert.Equal(i.SignalGroups.Count, i.Conflicts.Size);
        for (var a = 0; a < i.Conflicts.Size; a++)
        {
            Assert.False(i.Conflicts[a, a]);
            for (var b = 0; b < i.Conflicts.Size; b++)
            {
                Assert.Equal(i.Conflicts[a, b], i.Conflicts[b, a]);
            }
        }

        foreach (var p in i.Phases)
        {
            Assert.True(p.Timings.RedClearance >= 1.0, $"phase {p.Id} red clearance");
            Assert.True(p.Timings.MaxGreen >= p.Timings.MinGreen, $"phase {p.Id} greens");
            Assert.True(!p.HasVehicles || p.Timings.Yellow >= 3.0, $"phase {p.Id} yellow");
            Assert.Equal(p.HasPedestrians, p.Timings.Walk > 0);
        }
    }

    [Fact]
    public void Nema8_derives_the_dual_ring_conflicts()
    {
        var i = Fixtures.Intersection("nema8");
        Assert.True(Fixtures.PhasesConflict(i, 2, 4));
        Assert.True(Fixtures.PhasesConflict(i, 1, 2));
        Assert.True(Fixtures.PhasesConflict(i, 1, 6) is false);
        Assert.False(Fixtures.PhasesConflict(i, 2, 6));
        Assert.False(Fixtures.PhasesConflict(i, 1, 5));
        Assert.False(Fixtures.PhasesConflict(i, 4, 8));
        Assert.False(Fixtures.PhasesConflict(i, 3, 7));

        // P2 (crosswalk XS) conflicts with phase 1 (E.L turns into S, protected), not with phase 5.
        Assert.True(i.Conflicts[i.PedestrianGroupOf(2), i.VehicleGroupOf(1)]);
        Assert.False(i.Conflicts[i.PedestrianGroupOf(2), i.VehicleGroupOf(5)]);
        Assert.Equal(["1", "2", "P2", "3", "4", "P4", "5", "6", "P6", "7", "8", "P8"], i.SignalGroups.Select(g => g.Name));
        Assert.Equal([[1, 2, 3, 4], [5, 6, 7, 8]], i.Structure.Rings.Select(r => r.ToArray()));
        Assert.Equal(RestMode.Green, i.Options.Rest);
        Assert.Equal([2, 6], i.Options.RestPhases);
    }

    [Fact]
    public void Nema8_resolves_lanes_movements_timings_and_detectors()
    {
        var i = Fixtures.Intersection("nema8");
        var wt = i.Movements.Single(m => m.Id == "W.T");
        Assert.Equal(("W", "E", Turn.Through, 2), (wt.FromLeg, wt.ToLeg, wt.Turn, wt.Lanes));
        Assert.Equal("S", i.Movements.Single(m => m.Id == "W.R").ToLeg);
        Assert.Equal("N", i.Movements.Single(m => m.Id == "W.L").ToLeg);
        Assert.Equal(12, i.Lanes.Count);

        // Phase 2: 60 km/h -> ITE 3.8 s; red = (widest other leg E, (3+3)*3.5 = 21 m, + 6) / 16.667 = 1.62 -> 1.7;
        // XS 18 m: clearance 18/1.07 = 16.82 -> 16.9; walk max(7, 19.78 - 16.9) = 7.0.
        var t = i.Phase(2).Timings;
        Assert.Equal(new PhaseTimings(7.0, 40.0, 3.8, 1.7, 7.0, 16.9, 2.0), t);

        // Phase 3 is a left-turn-only phase at 50 km/h: 1 + 13.889/6.1 = 3.28 -> 3.3; red (21 + 6) / 13.889 = 1.94 -> 2.0.
        Assert.Equal(new PhaseTimings(5.0, 20.0, 3.3, 2.0, 0, 0, 1.5), i.Phase(3).Timings);

        var wl = i.Detectors.Single(d => d.Id == "W-L");
        Assert.Equal([5], wl.Phases);
        Assert.Equal(0.0, wl.DistanceM);
        var wtr = i.Detectors.Single(d => d.Id == "W-TR");
        Assert.Equal([2], wtr.Phases);
        Assert.Equal(["W.T", "W.R"], wtr.MovementIds);
        Assert.Equal([3, 8], i.Detectors.Single(d => d.Id == "N-ALL").Phases);
    }

    [Fact]
    public void Two_phase_allows_the_permitted_left_against_opposing_through_only()
    {
        var i = Fixtures.Intersection("two-phase");
        var analyzer = new ConflictAnalyzer(i.Legs, i.Movements, i.Crosswalks);
        Assert.Null(analyzer.VehicleConflict("N.L", MovementMode.Permitted, "S.T", MovementMode.Protected));
        Assert.Equal("N.L crosses S.T", analyzer.VehicleConflict("N.L", MovementMode.Protected, "S.T", MovementMode.Protected));
        Assert.Equal("N.L crosses E.T", analyzer.VehicleConflict("N.L", MovementMode.Permitted, "E.T", MovementMode.Protected));
        Assert.Null(analyzer.VehicleConflict("N.L", MovementMode.Permitted, "S.R", MovementMode.Permitted));
        Assert.Equal("W.R merges with N.T into S", analyzer.VehicleConflict("W.R", MovementMode.Permitted, "N.T", MovementMode.Protected));
        Assert.Null(analyzer.VehicleConflict("W.R", MovementMode.Permitted, "E.L", MovementMode.Protected));
        Assert.True(Fixtures.PhasesConflict(i, 1, 2));
        Assert.Equal(2, i.Phases.Count);
        Assert.Equal(10.0, i.Phase(2).Timings.MinGreen);

        // S at 50 km/h, -2 %: 1 + 13.889 / (6.1 - 0.392) = 3.43 -> 3.5 beats N's flat 3.3; red (14 + 6) / 13.889 = 1.44 -> 1.5.
        Assert.Equal((3.5, 1.5), (i.Phase(1).Timings.Yellow, i.Phase(1).Timings.RedClearance));
        Assert.Equal((3.8, 1.2), (i.Phase(2).Timings.Yellow, i.Phase(2).Timings.RedClearance));

        // Detector defaults: stop bar at 0 m on every lane, advance at 60 m, cctv at the given 30 m.
        Assert.Equal([1, 2], i.Detectors[0].Lanes);
        Assert.Equal([1], i.Detectors[0].Phases);
        Assert.Equal(60.0, i.Detectors[1].DistanceM);
        Assert.Equal([2], i.Detectors[1].Phases);
        Assert.Equal(30.0, i.Detectors[2].DistanceM);
        Assert.Equal(5.0, i.Options.StartupAllRedSeconds);
    }

    [Fact]
    public void Tee_resolves_turns_by_angle_and_lets_the_permitted_left_run_with_the_main_street()
    {
        var i = Fixtures.Intersection("tee");
        Assert.Equal("S", i.Movements.Single(m => m.Id == "W.R").ToLeg);
        Assert.Equal("S", i.Movements.Single(m => m.Id == "E.L").ToLeg);
        Assert.Equal("W", i.Movements.Single(m => m.Id == "S.L").ToLeg);
        Assert.Equal("E", i.Movements.Single(m => m.Id == "S.R").ToLeg);
        Assert.True(Fixtures.PhasesConflict(i, 1, 2));
        var analyzer = new ConflictAnalyzer(i.Legs, i.Movements, i.Crosswalks);
        Assert.Equal("S.L crosses W.T", analyzer.VehicleConflict("S.L", MovementMode.Protected, "W.T", MovementMode.Protected));
        Assert.Equal("S.L merges with E.T into W", analyzer.VehicleConflict("S.L", MovementMode.Protected, "E.T", MovementMode.Protected));
        Assert.Equal("E.L merges with W.R into S", analyzer.VehicleConflict("E.L", MovementMode.Protected, "W.R", MovementMode.Protected));
    }

    [Fact]
    public void Five_leg_resolves_the_skewed_leg_and_its_conflicts()
    {
        var i = Fixtures.Intersection("five-leg");
        Assert.Equal("S", i.Movements.Single(m => m.Id == "NE.T").ToLeg);
        Assert.Equal("E", i.Movements.Single(m => m.Id == "NE.L").ToLeg);
        Assert.Equal("E", i.Movements.Single(m => m.Id == "S.R").ToLeg);
        Assert.Equal("NE", i.Movements.Single(m => m.Id == "S.R:NE").ToLeg);
        Assert.Equal("W", i.Movements.Single(m => m.Id == "N.R").ToLeg);
        Assert.True(Fixtures.PhasesConflict(i, 1, 3));
        Assert.True(Fixtures.PhasesConflict(i, 2, 3));
        Assert.True(Fixtures.PhasesConflict(i, 1, 2));
    }

    [Fact]
    public void One_way_streets_have_one_way_legs_and_conflict_across_phases()
    {
        var i = Fixtures.Intersection("one-way");
        Assert.Equal((0, 2), (i.Leg("S").InboundLanes, i.Leg("S").OutboundLanes));
        Assert.Equal((2, 0), (i.Leg("N").InboundLanes, i.Leg("N").OutboundLanes));
        Assert.Equal(["N.T", "N.R", "E.L", "E.T"], i.Movements.Select(m => m.Id));
        Assert.Equal("S", i.Movements.Single(m => m.Id == "E.L").ToLeg);
        Assert.True(Fixtures.PhasesConflict(i, 1, 2));
    }

    [Fact]
    public void Midblock_crossing_has_a_pedestrian_only_phase_with_its_defaults()
    {
        var i = Fixtures.Intersection("midblock");
        var ped = i.Phase(2);
        Assert.False(ped.HasVehicles);
        Assert.Equal(-1, i.VehicleGroupOf(2));

        // 14 m: clearance 14/1.07 = 13.08 -> 13.1; walk max(7, 15.38 - 13.1) = 7.0; max green = walk + clearance.
        Assert.Equal(new PhaseTimings(0, 20.1, 0, 2.0, 7.0, 13.1, 0), ped.Timings);

        // Vehicle red: widest other leg 4 lanes = 14 m; (14 + 6) / 13.889 = 1.44 -> 1.5.
        Assert.Equal(1.5, i.Phase(1).Timings.RedClearance);
        Assert.True(i.Conflicts[i.VehicleGroupOf(1), i.PedestrianGroupOf(2)]);
    }

    [Fact]
    public void Scramble_diagonals_conflict_with_every_vehicle_movement()
    {
        var i = Fixtures.Intersection("scramble");
        Assert.True(Fixtures.PhasesConflict(i, 1, 3));
        Assert.True(Fixtures.PhasesConflict(i, 2, 3));
        var analyzer = new ConflictAnalyzer(i.Legs, i.Movements, i.Crosswalks);
        foreach (var m in i.Movements)
        {
            Assert.NotNull(analyzer.CrosswalkConflict(m.Id, MovementMode.Permitted, "XD1"));
        }

        Assert.Null(analyzer.CrosswalkConflict("N.R", MovementMode.Permitted, "XW"));
        Assert.Equal("N.T crosses crosswalk XN", analyzer.CrosswalkConflict("N.T", MovementMode.Protected, "XN"));
        Assert.Null(analyzer.CrosswalkConflict("E.T", MovementMode.Protected, "XN"));
    }
}
