namespace Traffic.Control.Tests;

public sealed class CorridorLinkingTests
{
    private static readonly LinkingSettings Settings = new(LinkFlowPerLaneVph: 250, ReleaseFlowPerLaneVph: 180, MaxTravelTimeS: 60, MaxCycleRatio: 1.6, MinHoldS: 600);

    private static PairMeasure Pair(double eastbound, double westbound = 50, double travel = 38, double cycleA = 80, double cycleB = 90) =>
        new("I012", "I013", "eastbound", eastbound, "westbound", westbound, travel, cycleA, cycleB);

    [Fact]
    public void Links_above_the_link_flow_with_the_reason()
    {
        var link = CorridorLinking.Decide(Pair(300), null, 0, Settings);
        Assert.True(link.Linked);
        Assert.Equal("I012-I013 linked: 300 veh/h/lane eastbound >= 250, 38 s apart", link.Reason);

        var westbound = CorridorLinking.Decide(Pair(100, westbound: 260), null, 0, Settings);
        Assert.True(westbound.Linked);
        Assert.Contains("260 veh/h/lane westbound", westbound.Reason, StringComparison.Ordinal);

        var weak = CorridorLinking.Decide(Pair(200), null, 0, Settings);
        Assert.False(weak.Linked);
        Assert.Equal("I012-I013 unlinked: 200 veh/h/lane eastbound < 250", weak.Reason);
    }

    [Fact]
    public void Hysteresis_keeps_a_link_between_release_and_link_flow_and_holds_it_for_the_minimum_time()
    {
        var linked = CorridorLinking.Decide(Pair(300), null, 0, Settings);

        // 200 is below the link flow but above the release flow: stays linked.
        var between = CorridorLinking.Decide(Pair(200), linked, 1000, Settings);
        Assert.True(between.Linked);
        Assert.Equal(0, between.SinceS);
        Assert.Contains(">= release 180", between.Reason, StringComparison.Ordinal);

        // 150 < release, but only 300 s after the last change (hold 600 s): stays linked, says why.
        var early = CorridorLinking.Decide(Pair(150), CorridorLinking.Decide(Pair(300), new PairLink("I012", "I013", false, 0, ""), 700, Settings), 1000, Settings);
        Assert.True(early.Linked);
        Assert.StartsWith("I012-I013 stays linked (held 600 s since 700 s)", early.Reason, StringComparison.Ordinal);

        var released = CorridorLinking.Decide(Pair(150), between, 1000, Settings);
        Assert.False(released.Linked);
        Assert.Equal(1000, released.SinceS);
        Assert.Equal("I012-I013 unlinked: 150 veh/h/lane eastbound < release 180", released.Reason);

        // Unlinked again: 200 is not enough to link (needs 250).
        Assert.False(CorridorLinking.Decide(Pair(200), released, 2000, Settings).Linked);
        Assert.True(CorridorLinking.Decide(Pair(260), released, 2000, Settings).Linked);
    }

    [Fact]
    public void Far_apart_or_very_different_cycles_are_not_linked_whatever_the_flow()
    {
        var far = CorridorLinking.Decide(Pair(900, travel: 75), null, 0, Settings);
        Assert.False(far.Linked);
        Assert.Contains("75 s apart > 60 s", far.Reason, StringComparison.Ordinal);

        var cycles = CorridorLinking.Decide(Pair(900, cycleA: 50, cycleB: 100), null, 0, Settings);
        Assert.False(cycles.Linked);
        Assert.Contains("own cycles 50 s and 100 s differ by 2.00x > 1.6x", cycles.Reason, StringComparison.Ordinal);

        // A static rule releases a linked pair too (after the hold).
        var linked = CorridorLinking.Decide(Pair(900), null, 0, Settings);
        Assert.False(CorridorLinking.Decide(Pair(900, travel: 75), linked, 600, Settings).Linked);
    }

    [Fact]
    public void Groups_are_the_runs_of_linked_neighbours()
    {
        string[] ids = ["A", "B", "C", "D", "E", "F"];
        PairLink L(string a, string b, bool on) => new(a, b, on, 0, "");
        var groups = CorridorLinking.Groups(ids, [L("A", "B", true), L("B", "C", false), L("C", "D", true), L("D", "E", true), L("E", "F", false)]);
        Assert.Equal(2, groups.Count);
        Assert.Equal(["A", "B"], groups[0]);
        Assert.Equal(["C", "D", "E"], groups[1]);
        Assert.Empty(CorridorLinking.Groups(ids, [L("A", "B", false)]));
    }

    [Fact]
    public void Rejects_inconsistent_settings_and_a_previous_state_of_another_pair()
    {
        Assert.Throws<ArgumentException>(() => CorridorLinking.Decide(Pair(300), null, 0, Settings with { ReleaseFlowPerLaneVph = 300, LinkFlowPerLaneVph = 200 }));
        var other = new PairLink("I013", "I014", true, 0, "");
        var e = Assert.Throws<ArgumentException>(() => CorridorLinking.Decide(Pair(300), other, 0, Settings));
        Assert.Contains("I013-I014", e.Message, StringComparison.Ordinal);
    }
}
