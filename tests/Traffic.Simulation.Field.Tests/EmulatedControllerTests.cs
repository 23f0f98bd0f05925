using Traffic.Mqtt.Contract;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Simulation.Field.Tests;

public sealed class EmulatedControllerTests
{
    private static readonly Network Network = Corridor.Load();
    private static readonly Intersection Nema = Network.Intersection("I001");
    private static readonly long T0 = FieldClockTicks(Corridor.Start);

    private static long FieldClockTicks(DateTimeOffset t) => FieldClock.ToTicks(t);

    private static Traffic.Mqtt.Contract.TimingPlan Wire(double cycle, long seq, double validAfterS = 0, double offset = 0) =>
        PlanTranslation.ToWire(Corridor.Plan(Nema, cycle, offset), Nema, $"p{seq}", "traffic-service", seq, Corridor.Start, Corridor.Start.AddSeconds(validAfterS));

    private static SignalCommand Command(CommandKind kind, int[] phases, string? preemptId = null, bool pedestrian = false) => new()
    {
        Source = "traffic-service",
        Seq = 1,
        Time = Corridor.Start,
        Command = kind,
        Phases = phases,
        PreemptId = preemptId,
        Pedestrian = pedestrian,
    };

    [Fact]
    public void A_plan_that_does_not_fit_is_refused_with_the_reasons_and_the_local_plan_goes_on()
    {
        var c = new EmulatedController(Nema, T0);
        var bad = Wire(90, 5) with { CycleS = 100 };
        var (accepted, reason) = c.ReceivePlan(bad);
        Assert.False(accepted);
        Assert.Contains("barrier groups sum to 90.0 s, not the cycle 100.0 s", reason, StringComparison.Ordinal);
        var unknown = Wire(90, 6) with { Phases = [.. Wire(90, 6).Phases, new PhaseSplit { Phase = 12, SplitS = 10, MinGreenS = 5, MaxGreenS = 10 }] };
        Assert.Contains("phase 12 is not configured", c.ReceivePlan(unknown).Reason, StringComparison.Ordinal);
        c.AdvanceTo(T0 + 600);
        Assert.Equal(0, c.PlanSeq);
        Assert.Equal("actuated", c.PolicyName);
        Assert.Equal(2, c.PlansRefused);
    }

    [Fact]
    public void A_plan_runs_from_valid_from_a_resend_changes_nothing_and_an_older_plan_is_refused()
    {
        var c = new EmulatedController(Nema, T0);
        Assert.True(c.ReceivePlan(Wire(90, 10, validAfterS: 30)).Accepted);
        c.AdvanceTo(T0 + 299);
        Assert.Equal(0, c.PlanSeq);
        c.AdvanceTo(T0 + 300);
        Assert.Equal(10, c.PlanSeq);
        Assert.Equal("fixed-time", c.PolicyName);

        Assert.Equal((true, (string?)null), c.ReceivePlan(Wire(90, 10)));
        Assert.Equal(1, c.PlansAccepted);
        var (accepted, reason) = c.ReceivePlan(Wire(90, 9));
        Assert.False(accepted);
        Assert.Contains("older than plan seq 10", reason, StringComparison.Ordinal);
    }

    private static Traffic.Mqtt.Contract.TimingPlan FollowPlan(long seq) => Wire(90, seq) with { CycleS = 0, OffsetS = 0, Follow = true };

    [Fact]
    public void A_following_controller_decides_nothing_itself_and_runs_the_services_calls_omits_and_force_offs()
    {
        var c = new EmulatedController(Nema, T0);
        Assert.True(c.ReceivePlan(FollowPlan(1)).Accepted);
        var tick = T0 + 10;
        c.AdvanceTo(tick);
        Assert.True(c.Following);
        Assert.Equal("follow", c.PolicyName);

        // A vehicle on its own loop calls nothing: only the service's commands do.
        c.Observe(new Traffic.Control.DetectorReading(0, tick, true, 1));
        c.AdvanceTo(tick += 100);
        var greenWithoutCalls = c.GreenPhases().ToList();

        Assert.DoesNotContain(4, greenWithoutCalls);
        Assert.Null(c.Apply(Command(CommandKind.Omit, [2, 6])));
        Assert.Null(c.Apply(Command(CommandKind.ForceOff, [2, 6])));
        Assert.Null(c.Apply(Command(CommandKind.Call, [4, 8])));
        c.AdvanceTo(tick += 300);
        Assert.Contains(4, c.GreenPhases());
        Assert.DoesNotContain(2, c.GreenPhases());
        Assert.Null(c.Apply(Command(CommandKind.Unomit, [2, 6])));
        Assert.Null(c.Apply(Command(CommandKind.Call, [2, 6])));
        Assert.Null(c.Apply(Command(CommandKind.ForceOff, [4, 8])));
        c.AdvanceTo(tick += 200);
        Assert.Contains(2, c.GreenPhases());
        Assert.Equal((2, 1, 2), (c.CommandsByKind[CommandKind.Call], c.CommandsByKind[CommandKind.Omit], c.CommandsByKind[CommandKind.ForceOff]));
    }

    [Fact]
    public void A_following_controller_goes_back_to_its_local_plan_after_30_s_without_the_service_and_says_so()
    {
        var c = new EmulatedController(Nema, T0);
        c.ReceivePlan(FollowPlan(1));
        c.AdvanceTo(T0 + 10);
        Assert.Null(c.Apply(Command(CommandKind.Omit, [4, 8])));
        c.AdvanceTo(T0 + 10 + 290); // 29 s after the last command
        Assert.True(c.Following);
        c.AdvanceTo(T0 + 10 + 320);
        Assert.False(c.Following);
        Assert.Equal("actuated", c.PolicyName);
        Assert.Contains("followTimeout", c.Faults());

        // The local plan serves phase 4 again when a vehicle calls it: the service's omit was lifted.
        var loop = Nema.Detectors.Select((d, k) => (d, k)).First(x => x.d.Kind == DetectorKind.StopBar && x.d.Phases.Contains(4)).k;
        var served = false;
        for (var t = T0 + 330; t < T0 + 3000 && !served; t += 10)
        {
            c.Observe(new Traffic.Control.DetectorReading(loop, t, true, 1));
            c.AdvanceTo(t);
            served = c.GreenPhases().Contains(4);
        }

        Assert.True(served, "phase 4 never came back after the timeout");
    }

    [Fact]
    public void A_call_that_comes_with_the_force_off_of_its_green_phase_is_served_in_the_next_cycle()
    {
        Assert.Equal(["2,6", "3,7"], AfterForceOffOf37(callAgain: true).Take(2));
        var control = AfterForceOffOf37(callAgain: false);
        Assert.True(!control.Contains("3,7"), string.Join(" ", control)); // the control: without the call, no second service
    }

    /// <summary>Phases 3 and 7 green (held) in follow mode, then in one instant: force-off 3 and 7, (call 3 and 7 again), call 2 and 6; the greens that follow.</summary>
    private static List<string> AfterForceOffOf37(bool callAgain)
    {
        var c = new EmulatedController(Nema, T0);
        c.ReceivePlan(FollowPlan(1));
        var tick = T0 + 10;
        c.AdvanceTo(tick);
        Assert.Null(c.Apply(Command(CommandKind.Omit, [1, 4, 5, 8])));
        Assert.Null(c.Apply(Command(CommandKind.Call, [3, 7])));
        for (var k = 0; k < 600 && !c.GreenPhases().Contains(3); k++)
        {
            c.AdvanceTo(++tick);
        }

        Assert.Null(c.Apply(Command(CommandKind.Hold, [3, 7])));
        c.AdvanceTo(tick += 100); // past the minimum green
        Assert.Equal([3, 7], c.GreenPhases().Order());
        Assert.Null(c.Apply(Command(CommandKind.ForceOff, [3, 7])));
        if (callAgain)
        {
            Assert.Null(c.Apply(Command(CommandKind.Call, [3, 7])));
        }

        Assert.Null(c.Apply(Command(CommandKind.Call, [2, 6])));
        var sequence = new List<string>();
        for (var k = 0; k < 1200; k++)
        {
            c.AdvanceTo(++tick);
            var now = string.Join(",", c.GreenPhases().Order());
            if (now.Length > 0 && (sequence.Count == 0 || sequence[^1] != now))
            {
                sequence.Add(now);
            }

            if (now == "2,6" && c.Controller.Ring(0).IntervalStart <= tick - 100)
            {
                Assert.Null(c.Apply(Command(CommandKind.ForceOff, [2, 6])));
            }
        }

        return sequence;
    }

    [Fact]
    public void Follow_on_a_coordinated_plan_is_refused()
    {
        var c = new EmulatedController(Nema, T0);
        var (accepted, reason) = c.ReceivePlan(Wire(90, 1) with { Follow = true });
        Assert.False(accepted);
        Assert.Contains("follow is for free operation", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Hold_keeps_a_phase_green_past_the_plan_until_released()
    {
        var c = new EmulatedController(Nema, T0);
        c.ReceivePlan(Wire(90, 1));
        var tick = T0;
        while (!c.Controller.IsGreen(2))
        {
            c.AdvanceTo(++tick);
        }

        Assert.Null(c.Apply(Command(CommandKind.Hold, [2])));
        c.AdvanceTo(tick + 1200); // two minutes, more than a cycle
        Assert.True(c.Controller.IsGreen(2));
        Assert.Contains(2, c.GreenPhases());

        Assert.Null(c.Apply(Command(CommandKind.Release, [2])));
        var released = tick + 1200;
        var ended = false;
        for (var t = released + 1; t <= released + 900; t++)
        {
            c.AdvanceTo(t);
            ended |= !c.Controller.IsGreen(2);
        }

        Assert.True(ended, "phase 2 stayed green after the release");
        Assert.True(c.LastGreenStart(2) > released, "phase 2 did not come round again within a cycle");
    }

    [Fact]
    public void Preempt_dwells_in_the_requested_phase_and_release_returns_to_normal()
    {
        var c = new EmulatedController(Nema, T0);
        c.ReceivePlan(Wire(90, 1));
        c.AdvanceTo(T0 + 200);
        Assert.Null(c.Apply(Command(CommandKind.Preempt, [4], "ambulance-1")));
        c.AdvanceTo(T0 + 200 + 600);
        Assert.Equal(ControllerMode.Preempt, c.Mode);
        Assert.True(c.Controller.IsGreen(4));
        Assert.Null(c.Apply(Command(CommandKind.Release, [], "ambulance-1")));
        c.AdvanceTo(T0 + 200 + 700);
        Assert.Equal(ControllerMode.Normal, c.Mode);
        Assert.Empty(c.Faults());
    }

    [Fact]
    public void Commands_naming_unknown_phases_are_refused_and_pedestrian_calls_are_reported_until_walk()
    {
        var c = new EmulatedController(Nema, T0);
        Assert.Contains("phase(s) 9", c.Apply(Command(CommandKind.Call, [9])), StringComparison.Ordinal);
        Assert.Contains("needs a preemptId", c.Apply(Command(CommandKind.Preempt, [4])), StringComparison.Ordinal);
        Assert.Equal(2, c.CommandsRefused);

        Assert.Null(c.Apply(Command(CommandKind.Call, [4], pedestrian: true)));
        Assert.Equal([4], c.PedCalls());
        var walk = Nema.PedestrianGroupOf(4);
        var tick = T0;
        while (c.Controller.Indications[walk] != Indication.Walk && tick < T0 + 3000)
        {
            c.AdvanceTo(++tick);
        }

        Assert.Equal(Indication.Walk, c.Controller.Indications[walk]);
        Assert.Empty(c.PedCalls());
    }
}
