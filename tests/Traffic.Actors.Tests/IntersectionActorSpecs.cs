using Akka.Actor;
using Akka.TestKit;
using Traffic.Control;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using Xunit.Abstractions;
using static Traffic.Actors.Tests.TestNetworks;

namespace Traffic.Actors.Tests;

public sealed class IntersectionActorSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private const string Id = "I010";
    private readonly Intersection model = Layout("nema8");

    // nema8 detectors: 0 = W-L stop bar (phase 5), 1 = W-TR advance (phase 2), 2 = N-ALL stop bar (phases 3 and 8).
    private const int NorthStopBar = 2;

    private (IActorRef Actor, TestProbe Out) Start(Func<Intersection, ISignalPolicy>? policy = null)
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(IntersectionActor.Props(model, new ActorOutbound(probe), new PlanBook(), freePolicy: policy));
        actor.Tell(new Tick(T0));
        var issued = probe.ExpectMsg<TimingPlanIssued>();
        Assert.Equal((1L, ControlMode.Free, T0), (issued.Seq, issued.Mode, issued.ValidFrom));
        return (actor, probe);
    }

    private static DetectorBatch Presence(long time, bool on) => new(Id, time, [new DetectorReading(NorthStopBar, time, on, on ? 1 : 0)]);

    private IntersectionState State(IActorRef actor)
    {
        actor.Tell(new GetState(Id));
        return ExpectMsg<IntersectionState>();
    }

    private static List<SpatSnapshot> Spats(TestProbe probe, int count) =>
        Enumerable.Range(0, count).Select(_ => probe.ExpectMsg<SpatSnapshot>()).ToList();

    private static int GreenSeconds(IEnumerable<SpatSnapshot> spats, string group) =>
        spats.Count(s => s.Groups.Single(g => g.Name == group).Indication == Indication.Green);

    [Fact]
    public void Emits_spat_once_per_second_of_event_time_matching_its_controller()
    {
        var (actor, probe) = Start();
        actor.Tell(Presence(T0 + Seconds(5), true));
        ExpectMsg<Accepted>();
        actor.Tell(Presence(T0 + Seconds(6), false));
        ExpectMsg<Accepted>();
        actor.Tell(new Tick(T0 + Seconds(60)));

        // The same controller and policy driven by hand: step, decide; observe after reaching the input's time.
        var reference = new SignalController(model, T0);
        var policy = new ActuatedPolicy(model, ActuatedSettings.Default);
        var spats = Spats(probe, 60);
        for (var k = 0; k < 60; k++)
        {
            var spat = spats[k];
            Assert.Equal(T0 + Seconds(k + 1), spat.Time);
            while (reference.Now < spat.Time)
            {
                reference.Step();
                policy.Decide(reference);
            }

            foreach (var g in model.SignalGroups)
            {
                var timing = reference.Timing(g.Index);
                var expected = new SignalGroupSpat(g.Name, g.Kind, reference.Indications[g.Index], timing.MinEnd, timing.MaxEnd);
                Assert.Equal(expected, spat.Groups[g.Index]);
            }

            if (spat.Time == T0 + Seconds(5) || spat.Time == T0 + Seconds(6))
            {
                policy.Observe(Presence(spat.Time, spat.Time == T0 + Seconds(5)).Readings[0]);
            }
        }

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.True(GreenSeconds(spats, "8") > 0, "the north call was never served: the comparison saw no phase change");
        Assert.Equal(T0 + Seconds(60), State(actor).Time);
    }

    [Fact]
    public void A_detector_pulse_calls_its_phase_and_continuous_presence_extends_it()
    {
        int Run(params bool[] presence)
        {
            var (actor, probe) = Start();
            for (var k = 0; k < presence.Length; k++)
            {
                actor.Tell(Presence(T0 + Seconds(5 + k), presence[k]));
                ExpectMsg<Accepted>();
            }

            actor.Tell(new Tick(T0 + Seconds(60)));
            var green = GreenSeconds(Spats(probe, 60), "8");
            Sys.Stop(actor);
            return green;
        }

        var none = Run();
        var pulse = Run(true, false);
        var held = Run(true);
        Output.WriteLine($"phase 8 green seconds in 60 s: no detection {none}, pulse {pulse}, continuous presence {held}");
        Assert.Equal(0, none);
        Assert.InRange(pulse, 5, 12); // minimum green 7 s, then gap-out
        Assert.True(held >= 35, $"continuous presence gave only {held} s of green; expected extension to max green (40 s)");
    }

    [Fact]
    public void Preemption_reaches_the_sequencer_and_bad_dwell_sets_are_rejected()
    {
        var (actor, _) = Start();
        actor.Tell(new Preempt(Id, T0 + Seconds(10), "ev1", [2, 4]));
        Assert.Contains("cannot run together", ExpectMsg<Rejected>().Reason);
        actor.Tell(new Preempt(Id, T0 + Seconds(10), "ev1", [99]));
        Assert.Contains("no phase 99", ExpectMsg<Rejected>().Reason);

        actor.Tell(new Preempt(Id, T0 + Seconds(10), "ev1", [4, 8]));
        ExpectMsg<Accepted>();
        actor.Tell(new Tick(T0 + Seconds(40)));
        var state = State(actor);
        Assert.True(state.Preempted);
        var active = state.Groups.Where(g => g.Indication.IsActive()).Select(g => g.Name).ToList();
        Assert.Equal(["4", "8"], active);

        actor.Tell(new ReleasePreempt(Id, T0 + Seconds(41), "ev1"));
        ExpectMsg<Accepted>();
        Assert.False(State(actor).Preempted);
    }

    [Fact]
    public void A_call_command_is_served_and_an_unknown_phase_is_rejected()
    {
        var (actor, probe) = Start();
        actor.Tell(new Call(Id, T0 + Seconds(1), 4));
        ExpectMsg<Accepted>();
        actor.Tell(new Call(Id, T0 + Seconds(1), 12));
        Assert.Contains("no phase 12", ExpectMsg<Rejected>().Reason);
        actor.Tell(new Tick(T0 + Seconds(30)));
        Assert.True(GreenSeconds(Spats(probe, 30), "4") > 0);
    }

    [Fact]
    public void Bad_detector_input_is_rejected_and_the_actor_carries_on()
    {
        var (actor, _) = Start();
        actor.Tell(new DetectorBatch(Id, T0 + Seconds(2), [new DetectorReading(7, T0, true, 1), new DetectorReading(0, T0, true, -2)]));
        var rejected = ExpectMsg<Rejected>();
        Assert.Equal(Id, rejected.Target);
        Assert.Contains("detector index 7 is not in 0..2", rejected.Reason);
        Assert.Contains("(detector W-L): negative count -2", rejected.Reason);

        actor.Tell(new CctvCounts(Id, T0 + Seconds(3), [new ApproachObservation("Q", T0, default, 0, 0, 0, false)]));
        Assert.Contains("unknown leg 'Q'", ExpectMsg<Rejected>().Reason);

        var state = State(actor);
        Assert.Equal(2, state.RejectedInputs);
        Assert.Equal(T0 + Seconds(3), state.Time);
    }

    [Fact]
    public void Tracked_arrivals_reach_a_policy_that_schedules_them()
    {
        var spy = new ArrivalSpy();
        var (actor, _) = Start(_ => spy);
        actor.Tell(new TrackedArrivals(Id, T0 + Seconds(2), [new LaneArrivals(NorthStopBar, [new ApproachingVehicle(3, 0), new ApproachingVehicle(90, 12)], 5)]));
        ExpectMsg<Accepted>();
        Assert.Equal([(NorthStopBar, T0 + Seconds(2), 2, 5)], spy.Calls);
    }

    [Fact]
    public void Bad_tracked_arrivals_are_rejected_naming_the_lane_and_nothing_reaches_the_policy()
    {
        var spy = new ArrivalSpy();
        var (actor, _) = Start(_ => spy);
        actor.Tell(new TrackedArrivals(Id, T0 + Seconds(2), [new LaneArrivals(7, [], 0), new LaneArrivals(0, [new ApproachingVehicle(-1, 3)], 4)]));
        var reason = ExpectMsg<Rejected>().Reason;
        Assert.Contains("lanes[0]: detector index 7 is not in 0..2", reason);
        Assert.Contains("lanes[1] (detector W-L): a negative or undefined distance", reason);
        Assert.Empty(spy.Calls);
    }

    [Fact]
    public void The_adaptive_free_policy_gives_green_to_a_tracked_vehicle_before_it_reaches_the_stop_line()
    {
        var (actor, probe) = Start(IntersectionActor.AdaptiveFreePolicy());
        actor.Tell(new Tick(T0 + Seconds(30)));
        var before = Spats(probe, 30);
        Assert.Equal(0, GreenSeconds(before.TakeLast(5), "8"));

        // A lone vehicle coming from the north at 12 m/s, 200 m out at t = 30 s: at the stop line at t = 46 s.
        var greenAt = -1;
        for (var k = 1; k <= 20 && greenAt < 0; k++)
        {
            var distance = Math.Max(0, 200 - (12.0 * k));
            actor.Tell(new TrackedArrivals(Id, T0 + Seconds(30 + k), [new LaneArrivals(NorthStopBar, [new ApproachingVehicle(distance, distance > 0 ? 12 : 0)], int.MaxValue)]));
            ExpectMsg<Accepted>();
            var spats = Spats(probe, 1);
            if (GreenSeconds(spats, "8") > 0)
            {
                greenAt = k;
            }
        }

        Assert.InRange(greenAt, 1, 16);
    }

    [Fact]
    public void With_a_following_field_the_free_plan_says_follow_and_the_policys_decisions_go_out_as_commands()
    {
        var probe = CreateTestProbe();
        var settings = TrafficActorSettings.Default with { FieldFollowsFreePolicy = true };
        var actor = Sys.ActorOf(IntersectionActor.Props(model, new ActorOutbound(probe), new PlanBook(), settings, IntersectionActor.AdaptiveFreePolicy(settings)));
        actor.Tell(new Tick(T0));
        var issued = probe.ExpectMsg<TimingPlanIssued>();
        Assert.True(issued.Follow);

        // A vehicle waiting on the north stop bar: the adaptive policy serves it, and the field is told.
        actor.Tell(Presence(T0 + Seconds(1), true));
        ExpectMsg<Accepted>();
        actor.Tell(new Tick(T0 + Seconds(40)));
        var commands = probe.ReceiveWhile<object>(TimeSpan.FromSeconds(3), o => o, msgs: 2000).OfType<FieldCommandIssued>().ToList();
        Assert.Contains(commands, c => c.Kind == FieldCommandKind.Call && c.Phases.Intersect([4, 8]).Any());
        Assert.Contains(commands, c => c.Kind == FieldCommandKind.Omit);
        Assert.All(commands, c => Assert.Equal(Id, c.IntersectionId));
    }

    [Fact]
    public void Without_a_following_field_no_commands_go_out()
    {
        var (actor, probe) = Start(IntersectionActor.AdaptiveFreePolicy());
        actor.Tell(Presence(T0 + Seconds(1), true));
        ExpectMsg<Accepted>();
        actor.Tell(new Tick(T0 + Seconds(40)));
        var all = probe.ReceiveWhile<object>(TimeSpan.FromSeconds(2), o => o, msgs: 2000);
        Assert.DoesNotContain(all, o => o is FieldCommandIssued);
        Assert.Contains(all, o => o is SpatSnapshot);
    }

    private sealed class ArrivalSpy : ISignalPolicy, IArrivalObserver
    {
        public List<(int Lane, long Time, int Vehicles, int ExitRoom)> Calls { get; } = [];

        public string Name => "spy";

        public void ObserveArrivals(int lane, long time, ReadOnlySpan<ApproachingVehicle> vehicles, int exitRoom) => Calls.Add((lane, time, vehicles.Length, exitRoom));

        public void Observe(in DetectorReading r)
        {
        }

        public void Observe(ApproachObservation o)
        {
        }

        public void Decide(ISignalControl control)
        {
        }
    }

    [Fact]
    public void Late_inputs_never_turn_the_clock_back_and_far_future_ones_are_rejected()
    {
        var (actor, _) = Start();
        actor.Tell(new Tick(T0 + Seconds(10)));
        actor.Tell(Presence(T0 + Seconds(5), true));
        ExpectMsg<Accepted>();
        var state = State(actor);
        Assert.Equal((T0 + Seconds(10), 1), (state.Time, state.LateInputs));

        actor.Tell(Presence(T0 + Seconds(7200), true));
        Assert.Contains("ahead of the intersection clock", ExpectMsg<Rejected>().Reason);
        Assert.Equal(T0 + Seconds(10), State(actor).Time);
    }

    [Fact]
    public void A_safety_violation_raises_a_fault_and_an_alarm_and_shows_in_state()
    {
        var (actor, probe) = Start();
        actor.Tell(new Tick(T0 + Seconds(10)));
        Spats(probe, 10);
        var (a, b) = model.Conflicts.Pairs().First();
        var manual = model.SignalGroups
            .Select(g => g.Index == a || g.Index == b
                ? (g.Kind == SignalGroupKind.Vehicle ? Indication.Green : Indication.Walk)
                : (g.Kind == SignalGroupKind.Vehicle ? Indication.Red : Indication.DontWalk))
            .ToList();
        actor.Tell(new ManualControl(Id, T0 + Seconds(10), manual));
        ExpectMsg<Accepted>();
        actor.Tell(new Tick(T0 + Seconds(11)));

        var fault = probe.ExpectMsg<SafetyFault>();
        Assert.Equal(Id, fault.IntersectionId);
        var alarm = probe.ExpectMsg<Alarm>();
        Assert.Equal((AlarmSeverity.Critical, "safety-fault", Id), (alarm.Severity, alarm.Code, alarm.IntersectionId));
        var spat = probe.ExpectMsg<SpatSnapshot>();
        Assert.All(spat.Groups, g => Assert.Equal(Indication.FlashRed, g.Indication));
        Assert.Equal(fault.Violation, State(actor).Fault);

        actor.Tell(new ResetFault(Id, T0 + Seconds(12)));
        ExpectMsg<Accepted>();
        Assert.Null(State(actor).Fault);
        Assert.Equal("safety-fault-reset", probe.FishForMessage<Alarm>(_ => true).Code);
    }

    [Fact]
    public void Plans_are_numbered_acknowledged_and_checked()
    {
        var (actor, probe) = Start();
        var plan = NominalPlan.AtCycle(model, TrafficActorSettings.Default, 100, 25);
        actor.Tell(new SetIntersectionPlan(Id, T0 + Seconds(2), ControlMode.Coordinated, plan));
        ExpectMsg<Accepted>();
        var issued = probe.FishForMessage<TimingPlanIssued>(_ => true);
        Assert.Equal((2L, ControlMode.Coordinated, plan, T0 + Seconds(2)), (issued.Seq, issued.Mode, issued.Plan, issued.ValidFrom));

        actor.Tell(new SetIntersectionPlan(Id, T0 + Seconds(3), ControlMode.Coordinated, plan with { Offset = 100 }));
        Assert.Contains("offset 100.0 s must lie in [0, cycle 100.0 s)", ExpectMsg<Rejected>().Reason);

        actor.Tell(new PlanAck(Id, T0 + Seconds(3), 5));
        Assert.Contains("latest plan issued is 2", ExpectMsg<Rejected>().Reason);
        actor.Tell(new PlanAck(Id, T0 + Seconds(3), 2));
        ExpectMsg<Accepted>();
        var state = State(actor);
        Assert.Equal((ControlMode.Coordinated, "fixed-time", 2L, 2L), (state.Mode, state.Policy, state.PlanSeq, state.AckedSeq));
    }

    [Fact]
    public void Field_faults_raise_an_alarm_once_per_change()
    {
        var (actor, probe) = Start();
        actor.Tell(new ControllerStatus(Id, T0 + Seconds(1), [2, 6], [], ["cabinet door open"], 1));
        ExpectMsg<Accepted>();
        actor.Tell(new ControllerStatus(Id, T0 + Seconds(2), [2, 6], [], ["cabinet door open"], 2));
        ExpectMsg<Accepted>();
        actor.Tell(new ControllerStatus(Id, T0 + Seconds(3), [9], [], [], 3));
        Assert.Contains("unknown phase(s) 9", ExpectMsg<Rejected>().Reason);

        var alarms = probe.ReceiveWhile<object>(TimeSpan.FromMilliseconds(300), m => m).OfType<Alarm>().ToList();
        Assert.Equal("field-fault", Assert.Single(alarms).Code);
        Assert.Equal(2, State(actor).FieldStatus!.Heartbeat);
    }
}
