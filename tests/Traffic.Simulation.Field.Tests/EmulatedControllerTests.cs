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
