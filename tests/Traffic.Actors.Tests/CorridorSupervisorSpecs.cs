using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit;
using Traffic.Control;
using Traffic.Signals.Model;
using Xunit.Abstractions;
using static Traffic.Actors.Tests.TestNetworks;

namespace Traffic.Actors.Tests;

public sealed class CorridorSupervisorSpecs : Akka.TestKit.Xunit2.TestKit
{
    private const string Corridor = "C1";
    private static readonly TimeSpan RestartLimit = TimeSpan.FromSeconds(1);
    private readonly Intersection a = Layout("nema8", "A");
    private readonly Intersection b = Layout("two-phase", "B");
    private readonly TestProbe probe;
    private readonly ArmedOutbound outbound;
    private readonly IActorRef supervisor;

    // Replies and alarms may take longer than the default 3 s while the whole suite runs on two cores (seen once).
    public CorridorSupervisorSpecs(ITestOutputHelper output)
        : base("akka.test.single-expect-default = 10s", output: output)
    {
        probe = CreateTestProbe();
        outbound = new ArmedOutbound(probe);
        supervisor = Sys.ActorOf(CorridorSupervisor.Props(Corridor, [a, b], outbound, new TrafficActorSettings(MaxRestarts: 3), m => new PoisonPolicy(m)));
    }

    private IntersectionState State(string id)
    {
        supervisor.Tell(new GetState(id));
        return ExpectMsg<IntersectionState>();
    }

    private TimingPlanIssued PlanOf(string id, TimeSpan? within = null) =>
        probe.FishForMessage<TimingPlanIssued>(p => p.IntersectionId == id, within);

    /// <summary>Everything published up to and including the first message that satisfies <paramref name="last"/>.</summary>
    private List<object> Until(Func<object, bool> last, TimeSpan? within = null)
    {
        var seen = new List<object>();
        probe.FishForMessage<object>(
            x =>
            {
                seen.Add(x);
                return last(x);
            },
            within);
        return seen;
    }

    private List<Alarm> AlarmsUntil(Func<Alarm, bool> last) => Until(x => x is Alarm alarm && last(alarm)).OfType<Alarm>().ToList();

    [Fact]
    public void A_policy_crash_restarts_the_intersection_on_its_plan_and_clock_within_a_second()
    {
        supervisor.Tell(new Tick(T0));
        supervisor.Tell(new Tick(T0 + Seconds(10)));
        var before = State("A");
        Assert.Equal((ControlMode.Free, 1L, 0), (before.Mode, before.PlanSeq, before.Restarts));
        probe.ReceiveWhile<object>(TimeSpan.FromMilliseconds(200), m => m);

        var clock = Stopwatch.StartNew();
        supervisor.Tell(new DetectorBatch("A", T0 + Seconds(10), [new DetectorReading(0, T0 + Seconds(10), true, PoisonPolicy.PoisonCount)]));
        var seen = Until(x => x is TimingPlanIssued { IntersectionId: "A" }, RestartLimit);
        clock.Stop();
        var resent = (TimingPlanIssued)seen[^1];
        Output.WriteLine($"restart after a policy crash: back on plan {resent.Seq} ({resent.Mode}) after {clock.Elapsed.TotalMilliseconds:F1} ms");

        Assert.Equal((before.PlanSeq, before.Mode, before.Plan), (resent.Seq, resent.Mode, resent.Plan));
        var alarm = Assert.Single(seen.OfType<Alarm>());
        Assert.Equal((AlarmSeverity.Warning, "intersection-restarted", "A"), (alarm.Severity, alarm.Code, alarm.IntersectionId));
        Assert.Contains("policy bug", alarm.Text);
        var after = State("A");
        Assert.Equal((ControlMode.Free, 1L, 1, T0 + Seconds(10)), (after.Mode, after.PlanSeq, after.Restarts, after.Time));

        supervisor.Tell(new Tick(T0 + Seconds(11)));
        Assert.Equal(T0 + Seconds(11), probe.FishForMessage<SpatSnapshot>(s => s.IntersectionId == "A").Time);
        Assert.Equal(0, State("B").Restarts);
    }

    [Fact]
    public void A_coordinated_intersection_comes_back_on_its_corridor_plan()
    {
        supervisor.Tell(new SetCorridorPlan(Corridor, T0, 90, new Dictionary<string, double> { ["A"] = 0, ["B"] = 30 }));
        ExpectMsg<Accepted>();
        var plan = probe.FishForMessage<TimingPlanIssued>(p => p.IntersectionId == "A" && p.Mode == ControlMode.Coordinated);
        Assert.Equal((90.0, 0.0), (plan.Plan.Cycle, plan.Plan.Offset));
        supervisor.Tell(new Tick(T0 + Seconds(5)));
        probe.ReceiveWhile<object>(TimeSpan.FromMilliseconds(200), m => m);

        outbound.Arm("A", 1);
        var clock = Stopwatch.StartNew();
        supervisor.Tell(new Tick(T0 + Seconds(6)));
        var resent = PlanOf("A", RestartLimit);
        clock.Stop();
        Output.WriteLine($"restart after an egress failure: back on coordinated plan {resent.Seq} after {clock.Elapsed.TotalMilliseconds:F1} ms");

        Assert.Equal((plan.Seq, ControlMode.Coordinated, plan.Plan), (resent.Seq, resent.Mode, resent.Plan));
        var state = State("A");
        Assert.Equal((ControlMode.Coordinated, "fixed-time", 1), (state.Mode, state.Policy, state.Restarts));
        supervisor.Tell(new GetCorridorState(Corridor));
        var corridor = ExpectMsg<CorridorState>();
        Assert.Equal((90.0, 30.0), (corridor.Cycle, corridor.Offsets["B"]));
    }

    [Fact]
    public void Repeated_crashes_put_the_intersection_on_safe_fixed_time_with_an_alarm()
    {
        supervisor.Tell(new Tick(T0));
        Assert.Equal(1, PlanOf("A").Seq);

        outbound.Arm("A", 4); // the crash, then three more while restarting: four within the window
        supervisor.Tell(new Tick(T0 + Seconds(2)));
        var alarms = AlarmsUntil(x => x.Code == "crash-loop-safe-fixed-time");
        Assert.Equal(3, alarms.Count(x => x.Code == "intersection-restarted"));
        Assert.Equal(AlarmSeverity.Critical, alarms[^1].Severity);
        var safePlan = PlanOf("A");
        Assert.Equal((ControlMode.SafeFixedTime, 2L), (safePlan.Mode, safePlan.Seq));
        var state = State("A");
        Assert.Equal((ControlMode.SafeFixedTime, "fixed-time", 4), (state.Mode, state.Policy, state.Restarts));

        // A corridor plan leaves it alone, and says so; the other intersection follows the plan.
        supervisor.Tell(new SetCorridorPlan(Corridor, T0 + Seconds(3), 100, new Dictionary<string, double> { ["A"] = 0, ["B"] = 10 }));
        ExpectMsg<Accepted>();
        Assert.Contains("not applied to A", probe.FishForMessage<Alarm>(x => x.Code == "plan-not-applied").Text);
        Assert.Equal(ControlMode.Coordinated, PlanOf("B").Mode);
        Assert.Equal(ControlMode.SafeFixedTime, State("A").Mode);

        // Only an operator takes it out: back to the corridor's plan.
        supervisor.Tell(new ResumeNormalControl("A", T0 + Seconds(4)));
        ExpectMsg<Accepted>();
        var resumed = PlanOf("A");
        Assert.Equal((ControlMode.Coordinated, 100.0, 3L), (resumed.Mode, resumed.Plan.Cycle, resumed.Seq));
    }

    [Fact]
    public void An_intersection_that_crashes_even_in_safe_fixed_time_is_stopped_loudly_and_its_messages_rejected()
    {
        supervisor.Tell(new Tick(T0));
        PlanOf("A");
        outbound.Arm("A", 1000);
        supervisor.Tell(new Tick(T0 + Seconds(2)));
        var alarms = AlarmsUntil(x => x.Code == "intersection-stopped");
        Assert.Single(alarms, x => x.Code == "crash-loop-safe-fixed-time");
        Assert.Equal(AlarmSeverity.Critical, alarms[^1].Severity);

        supervisor.Tell(new GetState("A"));
        Assert.Contains("stopped after repeated crashes", ExpectMsg<Rejected>().Reason);
        supervisor.Tell(new GetCorridorState(Corridor));
        Assert.Equal(["A"], ExpectMsg<CorridorState>().Stopped);
        Assert.True(State("B").Started);
    }

    [Fact]
    public void Messages_for_an_intersection_not_on_the_corridor_are_rejected()
    {
        supervisor.Tell(new GetState("Z9"));
        Assert.Equal("Z9", ExpectMsg<Rejected>().Target);
        supervisor.Tell(new Call("Z9", T0, 2));
        Assert.Contains("not on corridor C1", ExpectMsg<Rejected>().Reason);
        Assert.False(State("A").Started);
    }

    [Fact]
    public void A_corridor_plan_that_does_not_fit_is_rejected_whole()
    {
        supervisor.Tell(new SetCorridorPlan(Corridor, T0, 30, new Dictionary<string, double> { ["A"] = 0, ["B"] = 40, ["Q"] = 1 }));
        var reason = ExpectMsg<Rejected>().Reason;
        Output.WriteLine(reason);
        Assert.Contains("intersection 'Q' is not on this corridor", reason);
        Assert.Contains("offset 40.0 s for B must lie in [0, cycle 30.0 s)", reason);

        supervisor.Tell(new SetCorridorPlan(Corridor, T0, 60, new Dictionary<string, double> { ["A"] = 0, ["B"] = 40 }));
        reason = ExpectMsg<Rejected>().Reason;
        Output.WriteLine(reason);
        Assert.Contains("A needs a cycle of 82.2 s, not the corridor's 60.0 s", reason);
        Assert.DoesNotContain("B needs", reason);
        supervisor.Tell(new GetCorridorState(Corridor));
        Assert.Null(ExpectMsg<CorridorState>().Cycle);
    }

    [Fact]
    public void Flows_make_the_supervisor_plan_a_green_wave_with_the_full_coordinated_green_as_bandwidth()
    {
        // Three identical NEMA intersections west to east, 500 m apart at 50 km/h (36 s). Eastbound through
        // (W.T, phase 2) is the heavier direction, so the wave runs outbound: offsets 0, 36, 72 s (mod cycle)
        // and, the greens being equal, the band is the whole phase-2 green.
        var (xs, corridor) = WestEastNema();
        var wave = Sys.ActorOf(CorridorSupervisor.Props("W1", xs, outbound, TrafficActorSettings.Default, null, corridor));
        IReadOnlyDictionary<string, double> flows = xs[0].Movements.ToDictionary(m => m.Id, m => m.Id switch { "W.T" => 900.0, "E.T" => 400.0, _ => 150.0 });
        wave.Tell(new CorridorFlows("W1", T0, xs.ToDictionary(x => x.Id, _ => flows)));
        ExpectMsg<Accepted>();

        var own = Webster.Plan(xs[0], flows).Plan;
        wave.Tell(new GetCorridorState("W1"));
        var state = ExpectMsg<CorridorState>();
        Assert.Equal(Math.Ceiling(own.Cycle), state.Cycle);
        var cycle = state.Cycle!.Value;
        Assert.False(state.InboundPeak);
        double After(string id) => (state.Offsets[id] - state.Offsets["A"] + cycle) % cycle; // offsets put the phase-2 green start on the wave
        Assert.Equal(36 % cycle, After("B"), 1);
        Assert.Equal(72 % cycle, After("C"), 1);
        var green = Webster.Plan(xs[0], flows, WebsterSettings.Default with { MinCycle = cycle, MaxCycle = cycle }).Plan.Split(2).Green;
        Assert.Equal(green, state.OutboundBandwidth!.Value, 1);
        Assert.True(state.InboundBandwidth < state.OutboundBandwidth, $"inbound {state.InboundBandwidth} s");

        Alarm? published = null;
        TimingPlanIssued? issued = null;
        Until(x =>
        {
            published ??= x is Alarm { Code: "corridor-plan" } a ? a : null;
            issued ??= x is TimingPlanIssued { IntersectionId: "B", Mode: ControlMode.Coordinated } p ? p : null;
            return published is not null && issued is not null;
        });
        Assert.Contains("outbound", published!.Text, StringComparison.Ordinal);
        Assert.Equal(state.Offsets["B"], issued!.Plan.Offset);

        // Renewed only after CoordinationRenewCycles cycles: an earlier flow update keeps the plan.
        IReadOnlyDictionary<string, double> reversed = flows.ToDictionary(f => f.Key, f => f.Key switch { "W.T" => 400.0, "E.T" => 900.0, _ => f.Value });
        wave.Tell(new CorridorFlows("W1", T0 + Seconds(cycle), xs.ToDictionary(x => x.Id, _ => reversed)));
        ExpectMsg<Accepted>();
        wave.Tell(new GetCorridorState("W1"));
        Assert.False(ExpectMsg<CorridorState>().InboundPeak);
        wave.Tell(new CorridorFlows("W1", T0 + Seconds(cycle * 5), xs.ToDictionary(x => x.Id, _ => reversed)));
        ExpectMsg<Accepted>();
        wave.Tell(new GetCorridorState("W1"));
        var after = ExpectMsg<CorridorState>();
        Assert.True(after.InboundPeak);
        var inboundGreen = Webster.Plan(xs[0], reversed, WebsterSettings.Default with { MinCycle = after.Cycle!.Value, MaxCycle = after.Cycle!.Value }).Plan.Split(6).Green;
        Assert.Equal(inboundGreen, after.InboundBandwidth!.Value, 1);
    }

    [Fact]
    public void Flows_link_and_unlink_neighbours_with_the_reason_and_split_the_corridor_into_groups()
    {
        var (xs, corridor) = WestEastNema();
        var settings = TrafficActorSettings.Default with { CoordinationRenewCycles = 1, Linking = LinkingSettings.Default with { MinHoldS = 0 } };
        var wave = Sys.ActorOf(CorridorSupervisor.Props("W1", xs, outbound, settings, null, corridor));
        IReadOnlyDictionary<string, double> heavy = xs[0].Movements.ToDictionary(m => m.Id, m => m.Id switch { "W.T" => 900.0, "E.T" => 400.0, _ => 150.0 });
        wave.Tell(new CorridorFlows("W1", T0, xs.ToDictionary(x => x.Id, _ => heavy)));
        ExpectMsg<Accepted>();
        var links = AlarmsUntil(a => a.Code == "corridor-link" && a.Text.Contains("B-C", StringComparison.Ordinal));
        Assert.Contains(links, a => a.Text.StartsWith("corridor W1: A-B linked: ", StringComparison.Ordinal) && a.Text.Contains("eastbound >= 250", StringComparison.Ordinal));
        wave.Tell(new GetCorridorState("W1"));
        var state = ExpectMsg<CorridorState>();
        Assert.Equal(["A", "B", "C"], Assert.Single(state.Groups).IntersectionIds);
        Assert.All(state.Links, l => Assert.True(l.Linked, l.Reason));

        // C's traffic falls away (and B's from C): B-C is released, A-B stays, C runs free.
        IReadOnlyDictionary<string, double> light = heavy.ToDictionary(f => f.Key, _ => 40.0);
        IReadOnlyDictionary<string, double> bFlows = heavy.ToDictionary(f => f.Key, f => f.Key.StartsWith("E.", StringComparison.Ordinal) ? 40.0 : f.Value);
        var cycle = state.Cycle!.Value;
        wave.Tell(new CorridorFlows("W1", T0 + Seconds(cycle * 2), new Dictionary<string, IReadOnlyDictionary<string, double>> { ["A"] = heavy, ["B"] = bFlows, ["C"] = light }));
        ExpectMsg<Accepted>();
        var released = AlarmsUntil(a => a.Code == "corridor-link").Single(a => a.Code == "corridor-link");
        Output.WriteLine(released.Text);
        Assert.StartsWith("corridor W1: B-C unlinked: ", released.Text, StringComparison.Ordinal);
        wave.Tell(new GetCorridorState("W1"));
        var after = ExpectMsg<CorridorState>();
        var group = Assert.Single(after.Groups);
        Assert.Equal(["A", "B"], group.IntersectionIds);
        Assert.Equal(["A", "B"], group.Offsets.Keys.Order());
        Assert.False(after.Links.Single(l => l.From == "B").Linked);
        Assert.True(after.Links.Single(l => l.From == "A").Linked);
        var free = probe.FishForMessage<TimingPlanIssued>(p => p.IntersectionId == "C");
        Assert.Equal(ControlMode.Free, free.Mode);
    }
}
