using Traffic.Signals.Model;
using Traffic.Signals.Safety;
using Traffic.Signals.Sequencing;
using Traffic.Signals.Tests.Sequencing;

namespace Traffic.Signals.Tests.Safety;

/// <summary>Each MMU rule, shown to catch a state sequence that breaks it, and to pass one that does not.</summary>
public sealed class SafetyMonitorTests
{
    private static readonly Intersection Model = TestModels.Nema8();

    private static int G(string name) => Model.SignalGroups.Single(g => g.Name == name).Index;

    /// <summary>Feeds (time in seconds, group name, indication) changes in order, returning the first fault.</summary>
    private static SafetyViolation? Feed(params (double At, string Group, Indication Show)[] changes)
    {
        var monitor = new SafetyMonitor(Model);
        var state = Model.SignalGroups
            .Select(g => g.Kind == SignalGroupKind.Vehicle ? Indication.Red : Indication.DontWalk)
            .ToArray();
        foreach (var group in changes.GroupBy(c => c.At).OrderBy(g => g.Key))
        {
            foreach (var (_, name, show) in group)
            {
                state[G(name)] = show;
            }

            var fault = monitor.Check(SignalTime.FromSeconds(group.Key), state);
            if (fault is not null)
            {
                return fault;
            }
        }

        return null;
    }

    [Fact]
    public void A_legal_phase_change_passes()
    {
        var fault = Feed(
            (10, "2", Indication.Green), (10, "P2", Indication.Walk), (17, "P2", Indication.PedClearance),
            (29, "P2", Indication.DontWalk), (30, "2", Indication.Yellow), (34, "2", Indication.Red), (36, "4", Indication.Green));
        Assert.Null(fault);
    }

    [Fact]
    public void Conflicting_greens_are_caught()
    {
        var fault = Feed((10, "2", Indication.Green), (11, "4", Indication.Green));
        Assert.Equal("conflicting-indications", fault?.Rule);
        Assert.Contains("group 4", fault!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Walk_against_a_conflicting_vehicle_green_is_caught()
    {
        var fault = Feed((10, "2", Indication.Green), (11, "P4", Indication.Walk));
        Assert.Equal("conflicting-indications", fault?.Rule);
    }

    [Fact]
    public void Compatible_greens_pass()
    {
        Assert.Null(Feed((10, "2", Indication.Green), (10, "6", Indication.Green), (10, "P6", Indication.Walk)));
    }

    [Fact]
    public void Minimum_green_cut_is_caught()
    {
        var fault = Feed((10, "2", Indication.Green), (13, "2", Indication.Yellow));
        Assert.Equal("min-green", fault?.Rule);
    }

    [Fact]
    public void Skipped_yellow_is_caught()
    {
        Assert.Equal("yellow-skipped", Feed((10, "2", Indication.Green), (20, "2", Indication.Red))?.Rule);
    }

    [Fact]
    public void Short_yellow_is_caught()
    {
        Assert.Equal("yellow-short", Feed((10, "2", Indication.Green), (20, "2", Indication.Yellow), (22, "2", Indication.Red))?.Rule);
    }

    [Fact]
    public void Skipped_red_clearance_is_caught()
    {
        var fault = Feed((10, "2", Indication.Green), (20, "2", Indication.Yellow), (24, "2", Indication.Red), (25, "4", Indication.Green));
        Assert.Equal("red-clearance-skipped", fault?.Rule);
    }

    [Fact]
    public void Cut_pedestrian_clearance_is_caught()
    {
        var fault = Feed((10, "2", Indication.Green), (10, "P2", Indication.Walk), (17, "P2", Indication.PedClearance), (20, "P2", Indication.DontWalk));
        Assert.Equal("ped-clearance-cut", fault?.Rule);
    }

    [Fact]
    public void Skipped_pedestrian_clearance_is_caught()
    {
        Assert.Equal("ped-clearance-skipped", Feed((10, "P2", Indication.Walk), (20, "P2", Indication.DontWalk))?.Rule);
    }

    [Fact]
    public void Short_walk_is_caught_unless_the_agency_allows_truncation()
    {
        Assert.Equal("walk-short", Feed((10, "P2", Indication.Walk), (12, "P2", Indication.PedClearance))?.Rule);
    }

    [Fact]
    public void Red_to_yellow_is_an_illegal_transition()
    {
        Assert.Equal("illegal-transition", Feed((10, "2", Indication.Yellow))?.Rule);
    }

    [Fact]
    public void The_fault_is_latched()
    {
        var monitor = new SafetyMonitor(Model);
        var state = new Indication[Model.SignalGroups.Count];
        for (var i = 0; i < state.Length; i++)
        {
            state[i] = Model.SignalGroups[i].Kind == SignalGroupKind.Vehicle ? Indication.Red : Indication.DontWalk;
        }

        state[G("2")] = Indication.Green;
        state[G("4")] = Indication.Green;
        var first = monitor.Check(100, state);
        Assert.NotNull(first);
        state[G("4")] = Indication.Red;
        Assert.Same(first, monitor.Check(101, state));
        Assert.True(monitor.IsFaulted);
    }

    [Fact]
    public void A_deliberately_unsafe_manual_command_trips_the_controller_into_all_red_flash()
    {
        var c = new SignalController(Model);
        SafetyViolation? reported = null;
        c.Faulted += v => reported = v;
        c.AdvanceTo(SignalTime.FromSeconds(10));
        var unsafeState = c.Indications.ToArray();
        unsafeState[G("2")] = Indication.Green;
        unsafeState[G("8")] = Indication.Green;
        c.SetManual(unsafeState);
        c.Step();
        Assert.True(c.IsFaulted);
        Assert.Equal("conflicting-indications", reported?.Rule);
        Assert.All(c.Model.SignalGroups, g => Assert.Equal(Indication.FlashRed, c.Indications[g.Index]));
        c.PlaceCall(4);
        c.AdvanceTo(c.Now + SignalTime.FromSeconds(60));
        Assert.True(c.IsFaulted, "a fault stays latched until an operator resets it");
        Assert.False(c.IsGreen(4));
        c.ResetFault();
        c.PlaceCall(4);
        c.AdvanceTo(c.Now + SignalTime.FromSeconds(10));
        Assert.True(c.IsGreen(4));
    }

    [Fact]
    public void A_safe_manual_sequence_is_accepted_and_must_end_in_all_red()
    {
        var c = new SignalController(Model);
        c.AdvanceTo(SignalTime.FromSeconds(10));
        var s = c.Indications.ToArray();
        s[G("2")] = Indication.Green;
        c.SetManual(s);
        c.AdvanceTo(c.Now + SignalTime.FromSeconds(10));
        Assert.Throws<InvalidOperationException>(c.EndManual);
        s[G("2")] = Indication.Yellow;
        c.SetManual(s);
        c.AdvanceTo(c.Now + SignalTime.FromSeconds(4));
        s[G("2")] = Indication.Red;
        c.SetManual(s);
        c.Step();
        c.EndManual();
        Assert.False(c.IsFaulted);
    }
}
