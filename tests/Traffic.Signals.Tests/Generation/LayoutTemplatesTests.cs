using CsCheck;
using Traffic.Signals.Config;
using Traffic.Signals.Config.Generation;

namespace Traffic.Signals.Tests.Generation;

public sealed class LayoutTemplatesTests
{
    public static TheoryData<string> Layouts()
    {
        var data = new TheoryData<string>();
        foreach (var name in LayoutTemplates.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ExampleFollowsTheAgreedConflictSemantics(string layout)
    {
        var inter = LayoutTemplates.Example(layout).Intersections!.Single();

        Assert.Empty(SemanticsCheck.Problems(inter));
        Assert.Equal(layout, inter.Layout);
    }

    [Fact]
    public void EveryLayoutIsValidInEveryOrientationWithJitterAndLaneCounts()
    {
        var gen =
            from layout in Gen.OneOf(LayoutTemplates.Names.ToArray())
            from northSouth in Gen.Bool
            from flip in Gen.Bool
            from jitter in Gen.Double[-6, 6].Array[5]
            from lanes in Gen.Int[1, 3].Array[5]
            from speeds in Gen.Int[3, 7].Array[4]
            select (layout, Spec: new LayoutSpec(
                "I001",
                "x",
                0,
                0,
                northSouth ? MainAxis.NorthSouth : MainAxis.EastWest,
                flip,
                new LegSpec(Bearing(0 + jitter[0]), speeds[0] * 10, lanes[0]),
                new LegSpec(Bearing(90 + jitter[1]), speeds[1] * 10, lanes[1]),
                new LegSpec(Bearing(180 + jitter[2]), speeds[2] * 10, lanes[2]),
                new LegSpec(Bearing(270 + jitter[3]), speeds[3] * 10, lanes[3])));

        gen.Sample(
            t =>
            {
                var problems = SemanticsCheck.Problems(LayoutTemplates.Build(t.layout, t.Spec));
                Assert.True(problems.Count == 0, string.Join("; ", problems));
            },
            iter: 400);
    }

    [Fact]
    public void TheCheckerCatchesParallelCrosswalksWalkingBesideAProtectedLeft()
    {
        // The crosswalk across S walks with phase 6 (westbound through), which runs beside phase 1,
        // the protected westbound left into S: that must be reported, or the check above proves nothing.
        var inter = LayoutTemplates.Example(LayoutTemplates.Nema8).Intersections!.Single();
        var p2 = inter.Phases!.Single(p => p.Id == 2);
        var p6 = inter.Phases!.Single(p => p.Id == 6);
        (p2.Crosswalks, p6.Crosswalks) = (p6.Crosswalks, p2.Crosswalks);

        var problems = SemanticsCheck.Problems(inter);

        Assert.Contains(problems, p => p.Contains("phases 1 and 6", StringComparison.Ordinal) && p.Contains("E.L x crosswalk XS", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCheckerCatchesAProtectedTurnAcrossAWalkingCrosswalk()
    {
        var inter = LayoutTemplates.Example(LayoutTemplates.Tee).Intersections!.Single();
        var side = inter.Phases!.Single(p => p.Id == 4);
        (side.Protected, side.Permitted) = (side.Permitted, null);

        Assert.Contains(SemanticsCheck.Problems(inter), p => p.Contains("phase 4 conflicts with itself", StringComparison.Ordinal));
    }

    [Fact]
    public void Nema8HasDualRingEightPhases()
    {
        var inter = LayoutTemplates.Example(LayoutTemplates.Nema8).Intersections!.Single();

        Assert.Equal([[1, 2, 3, 4], [5, 6, 7, 8]], inter.Rings);
        Assert.Equal([[1, 2, 5, 6], [3, 4, 7, 8]], inter.Barriers);
        foreach (var phase in inter.Phases!)
        {
            if (phase.Id % 2 == 1)
            {
                Assert.EndsWith(".L", Assert.Single(phase.Protected!), StringComparison.Ordinal);
                Assert.Null(phase.Permitted);
                Assert.Null(phase.Crosswalks);
            }
            else
            {
                Assert.EndsWith(".T", Assert.Single(phase.Protected!), StringComparison.Ordinal);
                Assert.EndsWith(".R", Assert.Single(phase.Permitted!), StringComparison.Ordinal);
                Assert.Single(phase.Crosswalks!);
            }
        }

        // 2 and 6 are the main street (east-west in the example), 4 and 8 the side street.
        Assert.Equal(["W.T", "E.T"], new[] { 2, 6 }.Select(id => inter.Phases!.Single(p => p.Id == id).Protected![0]));
        Assert.Equal(["S.T", "N.T"], new[] { 4, 8 }.Select(id => inter.Phases!.Single(p => p.Id == id).Protected![0]));
        Assert.Equal("green", inter.Controller!.Rest);
        Assert.Equal([2, 6], inter.Controller.RestPhases);
        Assert.Equal([2, 4, 6, 8], inter.Controller.DualEntry);
    }

    [Fact]
    public void Nema8HasStopBarPerLaneGroupAdvanceAndCctvPerApproach()
    {
        var inter = LayoutTemplates.Example(LayoutTemplates.Nema8).Intersections!.Single();

        foreach (var leg in inter.Legs!)
        {
            var mine = inter.Detectors!.Where(d => d.Leg == leg.Id).ToList();
            var stop = mine.Where(d => d.Kind == "stopbar").ToList();
            Assert.Equal(2, stop.Count);
            Assert.Equal([1], stop[0].Lanes);
            Assert.Equal(Enumerable.Range(2, leg.Lanes!.Count - 1), stop[1].Lanes);
            var advance = Assert.Single(mine, d => d.Kind == "advance");
            Assert.Equal(60, advance.DistanceM);
            Assert.Equal(stop[1].Lanes, advance.Lanes);
            Assert.Single(mine, d => d.Kind == "cctv");
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void CrosswalkLengthsFollowTheLaneCounts(string layout)
    {
        var spec = LayoutSpec.Example("I001", "x", mainLanes: 3, sideLanes: 2);
        var inter = LayoutTemplates.Build(layout, spec);

        foreach (var cw in inter.Crosswalks!.Where(c => !c.Diagonal))
        {
            var leg = inter.Legs!.Single(l => l.Id == cw.Leg);
            Assert.Equal((((leg.Lanes?.Count ?? 0) + leg.OutboundLanes!.Value) * 3.5) + 1, cw.LengthM!.Value, 9);
        }
    }

    [Fact]
    public void TeeHasThreeLegsAndTheSideStreetOnD()
    {
        var spec = LayoutSpec.Example("I001", "x") with { Axis = MainAxis.NorthSouth, Flip = true };
        var inter = LayoutTemplates.Build(LayoutTemplates.Tee, spec);

        // North-south flipped: A = S, C = N, side leg D = E.
        Assert.Equal(["N", "E", "S"], inter.Legs!.Select(l => l.Id));
        Assert.Equal(["N.L"], inter.Phases!.Single(p => p.Id == 1).Protected);
        Assert.Equal(["E.L", "E.R"], inter.Phases!.Single(p => p.Id == 4).Permitted);
    }

    [Fact]
    public void FiveLegHasADiagonalLegAndThreeStages()
    {
        var inter = LayoutTemplates.Example(LayoutTemplates.FiveLeg).Intersections!.Single();

        Assert.Equal(["N", "NE", "E", "S", "W"], inter.Legs!.Select(l => l.Id));
        Assert.Equal(60, inter.Legs![1].Bearing);
        Assert.Equal(3, inter.Stages!.Count);
        Assert.Equal(5, inter.Crosswalks!.Count);
    }

    [Fact]
    public void OneWayStreetsHaveNoApproachOnTheirExitLegs()
    {
        var inter = LayoutTemplates.Example(LayoutTemplates.OneWay).Intersections!.Single();
        var legs = inter.Legs!.ToDictionary(l => l.Id!);

        // East-west example: eastbound main street, southbound side street.
        Assert.Equal(0, legs["W"].OutboundLanes);
        Assert.Equal(0, legs["N"].OutboundLanes);
        Assert.Null(legs["E"].Lanes);
        Assert.Null(legs["S"].Lanes);
        Assert.Equal(2, inter.Stages!.Count);
    }

    [Fact]
    public void MidblockHasTwoLegsAndAPedestrianOnlyPhase()
    {
        var inter = LayoutTemplates.Example(LayoutTemplates.Midblock).Intersections!.Single();
        var ped = inter.Phases!.Single(p => p.Crosswalks is not null);

        Assert.Equal(2, inter.Legs!.Count);
        Assert.Null(ped.Protected);
        Assert.Null(ped.Permitted);
        Assert.Single(ped.Crosswalks!);
    }

    [Fact]
    public void ScrambleWalksEveryCrosswalkDiagonalsIncludedInOnePedestrianPhase()
    {
        var inter = LayoutTemplates.Example(LayoutTemplates.Scramble).Intersections!.Single();
        var ped = Assert.Single(inter.Phases!, p => p.Crosswalks is not null);

        Assert.Null(ped.Protected);
        Assert.Null(ped.Permitted);
        Assert.Equal(inter.Crosswalks!.Select(c => c.Id), ped.Crosswalks);
        Assert.Equal(2, inter.Crosswalks!.Count(c => c.Diagonal));
        Assert.Equal(6, inter.Crosswalks!.Count);
    }

    [Fact]
    public void UnknownLayoutIsRejectedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => LayoutTemplates.Build("roundabout", LayoutSpec.Example("I001", "x")));

        Assert.Contains("roundabout", e.Message, StringComparison.Ordinal);
    }

    private static double Bearing(double deg) => ((deg % 360) + 360) % 360;
}
