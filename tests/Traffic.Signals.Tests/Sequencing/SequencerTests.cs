using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Signals.Tests.Sequencing;

public sealed class SequencerTests
{
    private static long T(double seconds) => SignalTime.FromSeconds(seconds);

    /// <summary>Steps until the condition holds; fails the test if it does not within the limit.</summary>
    private static long StepUntil(SignalController c, Func<bool> condition, double limitSeconds = 600)
    {
        var end = c.Now + T(limitSeconds);
        while (!condition())
        {
            Assert.True(c.Now < end, $"condition not reached within {limitSeconds} s");
            c.Step();
            Assert.False(c.IsFaulted, c.Fault?.ToString());
        }

        return c.Now;
    }

    private static Indication Show(SignalController c, string group) =>
        c.Indications[c.Model.SignalGroups.Single(g => g.Name == group).Index];

    [Fact]
    public void Starts_in_all_red_for_the_startup_time_then_serves_the_called_phase()
    {
        var c = new SignalController(TestModels.Nema8());
        c.PlaceCall(4);
        c.AdvanceTo(T(3.9));
        Assert.All(c.Model.SignalGroups, g => Assert.False(c.Indications[g.Index].IsActive()));
        var start = StepUntil(c, () => c.IsGreen(4));
        Assert.Equal(T(4.0), start);
    }

    [Fact]
    public void Force_off_at_once_still_gives_minimum_green_then_full_yellow_and_red_clearance()
    {
        var c = new SignalController(TestModels.Nema8());
        c.PlaceCall(2);
        var green = StepUntil(c, () => c.IsGreen(2));
        c.PlaceCall(4);
        c.ForceOff(2);
        var yellow = StepUntil(c, () => Show(c, "2") == Indication.Yellow);
        Assert.Equal(T(7), yellow - green);
        var red = StepUntil(c, () => Show(c, "2") == Indication.Red);
        Assert.Equal(T(4), red - yellow);
        var next = StepUntil(c, () => c.IsGreen(4));
        Assert.Equal(T(2), next - red);
    }

    [Fact]
    public void Green_maxes_out_when_a_conflicting_call_waits()
    {
        var c = new SignalController(TestModels.Nema8());
        c.PlaceCall(2);
        var green = StepUntil(c, () => c.IsGreen(2));
        c.PlaceCall(4);
        var end = StepUntil(c, () => !c.IsGreen(2));
        Assert.Equal(T(30), end - green);
    }

    [Fact]
    public void Hold_keeps_green_past_max_until_released()
    {
        var c = new SignalController(TestModels.Nema8());
        c.PlaceCall(2);
        StepUntil(c, () => c.IsGreen(2));
        c.SetHold(2, true);
        c.PlaceCall(4);
        c.AdvanceTo(c.Now + T(100));
        Assert.True(c.IsGreen(2));
        c.SetHold(2, false);
        StepUntil(c, () => !c.IsGreen(2));
    }

    [Fact]
    public void Rest_in_green_keeps_the_main_street_until_a_conflicting_call()
    {
        var c = new SignalController(TestModels.Nema8(RestMode.Green));
        StepUntil(c, () => c.IsGreen(2) && c.IsGreen(6));
        c.ForceOff(2);
        c.ForceOff(6);
        c.AdvanceTo(c.Now + T(200));
        Assert.True(c.IsGreen(2) && c.IsGreen(6));
        c.PlaceCall(8);
        c.ForceOff(2);
        c.ForceOff(6);
        StepUntil(c, () => c.IsGreen(8));
        Assert.False(c.IsGreen(2));
    }

    [Fact]
    public void Rest_in_red_goes_to_all_red_after_a_gap_out_with_no_calls()
    {
        var c = new SignalController(TestModels.Nema8(RestMode.Red));
        c.PlaceCall(2);
        StepUntil(c, () => c.IsGreen(2));
        c.ForceOff(2);
        StepUntil(c, () => c.Ring(0).Interval == RingInterval.Idle);
        c.AdvanceTo(c.Now + T(60));
        Assert.All(c.Model.SignalGroups, g => Assert.False(c.Indications[g.Index].IsActive()));
        c.PlaceCall(4);
        var asked = c.Now;
        var served = StepUntil(c, () => c.IsGreen(4));
        Assert.True(served - asked <= 1, "a call at rest in red is served at once");
    }

    [Fact]
    public void Pedestrian_walk_and_clearance_finish_before_green_can_end()
    {
        var c = new SignalController(TestModels.Nema8());
        c.PlaceCall(2);
        c.PlacePedCall(2);
        var green = StepUntil(c, () => c.IsGreen(2));
        Assert.Equal(Indication.Walk, Show(c, "P2"));
        c.PlaceCall(4);
        c.ForceOff(2);
        var clearance = StepUntil(c, () => Show(c, "P2") == Indication.PedClearance);
        Assert.Equal(T(7), clearance - green);
        var dontWalk = StepUntil(c, () => Show(c, "P2") == Indication.DontWalk);
        Assert.Equal(T(12), dontWalk - clearance);
        var yellow = StepUntil(c, () => Show(c, "2") == Indication.Yellow);
        Assert.Equal(T(19), yellow - green);
    }

    [Fact]
    public void Rings_time_independently_inside_a_barrier_and_wait_for_each_other_at_it()
    {
        var c = new SignalController(TestModels.Nema8());
        foreach (var p in new[] { 1, 2, 5, 6, 4 })
        {
            c.PlaceCall(p);
        }

        StepUntil(c, () => c.IsGreen(1) && c.IsGreen(5));
        c.SetHold(5, true);
        c.ForceOff(1);
        StepUntil(c, () => c.IsGreen(2));
        Assert.True(c.IsGreen(5), "ring 2 keeps its left turn while ring 1 moves on to its through");
        c.ForceOff(2);
        StepUntil(c, () => c.Ring(0).Interval == RingInterval.Idle);
        c.AdvanceTo(c.Now + T(30));
        Assert.False(c.IsGreen(4), "the barrier is not crossed while ring 2 still times");
        c.SetHold(5, false);
        c.ForceOff(5);
        StepUntil(c, () => c.IsGreen(6));
        c.ForceOff(6);
        StepUntil(c, () => c.IsGreen(4));
    }

    [Fact]
    public void Dual_entry_brings_the_other_ring_in_with_a_single_call()
    {
        var c = new SignalController(TestModels.Nema8(dualEntry: true));
        c.PlaceCall(4);
        StepUntil(c, () => c.IsGreen(4));
        Assert.True(c.IsGreen(8));

        var single = new SignalController(TestModels.Nema8(dualEntry: false));
        single.PlaceCall(4);
        StepUntil(single, () => single.IsGreen(4));
        Assert.False(single.IsGreen(8));
    }

    [Fact]
    public void An_omitted_phase_is_skipped_even_when_called()
    {
        var c = new SignalController(TestModels.Nema8());
        c.SetOmit(3, true);
        c.PlaceCall(3);
        c.PlaceCall(4);
        StepUntil(c, () => c.IsGreen(4));
        Assert.False(c.IsGreen(3));
        Assert.True(c.HasCall(3));
    }

    [Fact]
    public void Preemption_ends_running_phases_through_full_clearances_dwells_and_returns()
    {
        var c = new SignalController(TestModels.Nema8());
        c.PlaceCall(2);
        c.PlacePedCall(2);
        var green = StepUntil(c, () => c.IsGreen(2));
        c.AdvanceTo(green + T(1));
        c.RequestPreemption(new PreemptionRequest("ev1", [4]));
        Assert.True(c.IsPreempted);
        var yellow = StepUntil(c, () => Show(c, "2") == Indication.Yellow);
        Assert.Equal(T(19), yellow - green); // walk 7 + clearance 12: never cut without agency consent
        var red = StepUntil(c, () => Show(c, "2") == Indication.Red);
        Assert.Equal(T(4), red - yellow);
        var dwell = StepUntil(c, () => c.IsGreen(4));
        Assert.Equal(T(2), dwell - red);
        c.PlaceCall(2);
        c.ForceOff(4);
        c.AdvanceTo(c.Now + T(120));
        Assert.True(c.IsGreen(4), "dwell holds the emergency approach until release");
        c.ReleasePreemption("ev1");
        Assert.False(c.IsPreempted);
        StepUntil(c, () => c.IsGreen(2));
    }

    [Fact]
    public void Preemption_may_shorten_walk_only_where_the_agency_allows_it()
    {
        var c = new SignalController(TestModels.Nema8(walkTruncation: true));
        c.PlaceCall(2);
        c.PlacePedCall(2);
        var green = StepUntil(c, () => c.IsGreen(2));
        c.AdvanceTo(green + T(2));
        c.RequestPreemption(new PreemptionRequest("ev1", [4]));
        var clearance = StepUntil(c, () => Show(c, "P2") == Indication.PedClearance);
        Assert.True(clearance - green < T(7));
        var dontWalk = StepUntil(c, () => Show(c, "P2") == Indication.DontWalk);
        Assert.Equal(T(12), dontWalk - clearance);
    }

    [Fact]
    public void A_preemption_whose_dwell_phases_cannot_run_together_is_refused()
    {
        var c = new SignalController(TestModels.Nema8());
        var e = Assert.Throws<ArgumentException>(() => c.RequestPreemption(new PreemptionRequest("bad", [2, 4])));
        Assert.Contains("cannot run together", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => c.RequestPreemption(new PreemptionRequest("bad", [42])));
    }

    [Fact]
    public void A_pedestrian_only_stage_walks_clears_and_hands_over()
    {
        var c = new SignalController(TestModels.TwoPhaseWithScramble());
        c.PlacePedCall(9);
        var walk = StepUntil(c, () => Show(c, "P9") == Indication.Walk);
        Assert.Equal(Indication.Red, Show(c, "2"));
        c.PlaceCall(2);
        var dontWalk = StepUntil(c, () => Show(c, "P9") == Indication.DontWalk);
        Assert.Equal(T(19), dontWalk - walk);
        var green = StepUntil(c, () => c.IsGreen(2));
        Assert.Equal(T(2), green - dontWalk);
    }
}
