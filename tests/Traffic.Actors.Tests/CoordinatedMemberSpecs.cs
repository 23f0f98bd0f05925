using Akka.Actor;
using Akka.TestKit;
using Traffic.Control;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using Xunit.Abstractions;
using static Traffic.Actors.Tests.TestNetworks;

namespace Traffic.Actors.Tests;

/// <summary>Coordinated members run <see cref="CoordinatedPolicy"/> on their corridor plan, not fixed time.</summary>
public sealed class CoordinatedMemberSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private const string Id = "X1";

    // two-phase: phase 1 north-south (detector 0, D-N stop bar), phase 2 east-west (coordinated).
    private const int NorthStopBar = 0;
    private readonly Intersection model = Layout("two-phase", Id);

    private static long Mod(long a, long m) => ((a % m) + m) % m;

    private string VehicleGroup(int phase) => model.SignalGroups.First(g => g.PhaseId == phase && g.Kind == SignalGroupKind.Vehicle).Name;

    private DetectorBatch North(long time, bool on) => new(Id, time, [new DetectorReading(NorthStopBar, time, on, on ? 1 : 0)]);

    /// <summary>SPaT snapshots published up to and including event time <paramref name="until"/>.</summary>
    private static List<SpatSnapshot> SpatsUntil(TestProbe probe, long until)
    {
        var spats = new List<SpatSnapshot>();
        probe.FishForMessage<object>(x =>
        {
            if (x is SpatSnapshot s)
            {
                spats.Add(s);
                return s.Time >= until;
            }

            return false;
        });
        return spats;
    }

    /// <summary>The green runs of a signal group: (first second shown green, seconds green).</summary>
    private static List<(long Start, int Seconds)> GreenRuns(IReadOnlyList<SpatSnapshot> spats, string group)
    {
        var runs = new List<(long, int)>();
        for (var k = 0; k < spats.Count; k++)
        {
            if (spats[k].Groups.Single(g => g.Name == group).Indication != Indication.Green)
            {
                continue;
            }

            if (k > 0 && spats[k - 1].Groups.Single(g => g.Name == group).Indication == Indication.Green)
            {
                runs[^1] = (runs[^1].Item1, runs[^1].Item2 + 1);
            }
            else
            {
                runs.Add((spats[k].Time, 1));
            }
        }

        return runs;
    }

    private (IActorRef Actor, TestProbe Out) Start()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(IntersectionActor.Props(model, new ActorOutbound(probe), new PlanBook()));
        actor.Tell(new Tick(T0));
        return (actor, probe);
    }

    [Fact]
    public void A_member_on_a_corridor_plan_holds_its_coordinated_window_and_gives_unused_side_time_to_it_then_returns_to_its_own_policy()
    {
        var (actor, probe) = Start();
        var plan = NominalPlan.AtCycle(model, TrafficActorSettings.Default, 60, 10);
        var cycle = plan.CycleTicks;
        var start = Seconds(CorridorPlanner.GreenWindow(plan, 2).Start);
        var coordination = new MemberCoordination([2], NominalPlan.DefaultFlows(model, TrafficActorSettings.Default));

        // Heavy north-south demand (detector held occupied): the side phase runs to its force-off every cycle.
        actor.Tell(North(T0 + Seconds(1), true));
        ExpectMsg<Accepted>();
        actor.Tell(new SetIntersectionPlan(Id, T0 + Seconds(2), ControlMode.Coordinated, plan, coordination));
        ExpectMsg<Accepted>();
        actor.Tell(new GetState(Id));
        Assert.Equal((ControlMode.Coordinated, "coordinated"), ExpectMsg<IntersectionState>() is var s ? (s.Mode, s.Policy) : default);

        var heavyEnd = T0 + Seconds(242);
        actor.Tell(new Tick(heavyEnd));
        var heavy = SpatsUntil(probe, heavyEnd);
        Output.WriteLine($"phase 1 runs {string.Join(" ", GreenRuns(heavy, VehicleGroup(1)).Select(r => $"{SignalTime.ToSeconds(r.Start - T0)}+{r.Seconds}"))}");
        Output.WriteLine($"phase 2 runs {string.Join(" ", GreenRuns(heavy, VehicleGroup(2)).Select(r => $"{SignalTime.ToSeconds(r.Start - T0)}+{r.Seconds}"))}");
        var onsets = GreenRuns(heavy, VehicleGroup(2)).Where(r => r.Start > T0 + Seconds(62)).Select(r => r.Start).ToList();
        Output.WriteLine($"phase-2 onsets under heavy side demand, s into the cycle after its planned start: {string.Join(", ", onsets.Select(t => SignalTime.ToSeconds(Mod(t - plan.OffsetTicks - start, cycle))))}");
        Assert.True(onsets.Count >= 3, $"{onsets.Count} coordinated greens");
        Assert.All(onsets, t => Assert.InRange(Mod(t - plan.OffsetTicks - start, cycle), 0, Seconds(1)));

        // Demand goes; one vehicle calls the side phase: it gaps out and the coordinated phase starts early.
        actor.Tell(North(heavyEnd, false));
        ExpectMsg<Accepted>();
        var pulse = T0 + Seconds(255);
        actor.Tell(new Tick(pulse));
        actor.Tell(North(pulse, true));
        ExpectMsg<Accepted>();
        actor.Tell(North(pulse + Seconds(1), false));
        ExpectMsg<Accepted>();
        var lightEnd = T0 + Seconds(420);
        actor.Tell(new Tick(lightEnd));
        var light = SpatsUntil(probe, lightEnd);
        var side = GreenRuns(light, VehicleGroup(1)).Where(r => r.Start > pulse).ToList();
        var served = Assert.Single(side);
        var sideGreen = plan.Split(1).Green;
        var coordinatedRun = GreenRuns(light, VehicleGroup(2)).First(r => r.Start > served.Start);
        var early = SignalTime.ToSeconds(Mod(plan.OffsetTicks + start - coordinatedRun.Start, cycle));
        Output.WriteLine($"side phase served {served.Seconds} s of its {sideGreen} s green; coordinated green then started {early} s before its planned start and lasted {coordinatedRun.Seconds} s (planned {plan.Split(2).Green} s)");
        Assert.True(served.Seconds < sideGreen - 5, $"side green {served.Seconds} s of {sideGreen} s");
        Assert.True(early >= 5, $"coordinated green started {early} s early");
        Assert.True(coordinatedRun.Seconds > plan.Split(2).Green + 5, $"coordinated green {coordinatedRun.Seconds} s");

        // Released inside the coordinated window (the phase held green): back to its own (free) policy, which
        // is not bound by the coordinated policy's hold: a north-south call is served.
        var release = coordinatedRun.Start + ((lightEnd - coordinatedRun.Start) / cycle * cycle) + cycle + Seconds(early + 2);
        actor.Tell(new SetIntersectionPlan(Id, release, ControlMode.Free, null));
        ExpectMsg<Accepted>();
        actor.Tell(new GetState(Id));
        var released = ExpectMsg<IntersectionState>();
        Assert.Equal((ControlMode.Free, "actuated"), (released.Mode, released.Policy));
        actor.Tell(North(release + Seconds(1), true));
        ExpectMsg<Accepted>();
        actor.Tell(North(release + Seconds(2), false));
        ExpectMsg<Accepted>();
        actor.Tell(new Tick(release + Seconds(60)));
        var after = SpatsUntil(probe, release + Seconds(60));
        Assert.Contains(GreenRuns(after, VehicleGroup(1)), r => r.Start > release);
    }

    [Fact]
    public void Coordinated_phases_that_are_not_the_members_are_rejected()
    {
        var (actor, probe) = Start();
        var plan = NominalPlan.AtCycle(model, TrafficActorSettings.Default, 60, 10);
        actor.Tell(new SetIntersectionPlan(Id, T0 + Seconds(1), ControlMode.Coordinated, plan, new MemberCoordination([2, 7])));
        Assert.Contains("coordinated phases [2,7] must be one or more of its phases (1,2)", ExpectMsg<Rejected>().Reason);
        actor.Tell(new GetState(Id));
        Assert.Equal("actuated", ExpectMsg<IntersectionState>().Policy);
    }

    [Fact]
    public void A_corridor_planned_from_flows_runs_the_coordinated_policy_across_a_restart_and_its_own_policy_when_released()
    {
        var probe = CreateTestProbe();
        var outbound = new ArmedOutbound(probe);
        var (xs, corridor) = WestEastNema();
        var wave = Sys.ActorOf(CorridorSupervisor.Props("W1", xs, outbound, TrafficActorSettings.Default, null, corridor));
        IReadOnlyDictionary<string, double> flows = xs[0].Movements.ToDictionary(m => m.Id, m => m.Id switch { "W.T" => 900.0, "E.T" => 400.0, _ => 150.0 });
        wave.Tell(new CorridorFlows("W1", T0, xs.ToDictionary(x => x.Id, _ => flows)));
        ExpectMsg<Accepted>();
        var plan = probe.FishForMessage<TimingPlanIssued>(p => p.IntersectionId == "B" && p.Mode == ControlMode.Coordinated);

        IntersectionState StateOf(string id)
        {
            wave.Tell(new GetState(id));
            return ExpectMsg<IntersectionState>();
        }

        Assert.All(xs, x => Assert.Equal((ControlMode.Coordinated, "coordinated"), (StateOf(x.Id).Mode, StateOf(x.Id).Policy)));

        wave.Tell(new Tick(T0 + Seconds(5)));
        probe.ReceiveWhile<object>(TimeSpan.FromMilliseconds(200), m => m);
        outbound.Arm("B", 1);
        wave.Tell(new Tick(T0 + Seconds(6)));
        var resent = probe.FishForMessage<TimingPlanIssued>(p => p.IntersectionId == "B", TimeSpan.FromSeconds(5));
        Assert.Equal((plan.Seq, ControlMode.Coordinated, plan.Plan), (resent.Seq, resent.Mode, resent.Plan));
        var restarted = StateOf("B");
        Assert.Equal((ControlMode.Coordinated, "coordinated", 1), (restarted.Mode, restarted.Policy, restarted.Restarts));

        wave.Tell(new ReleaseCorridorPlan("W1", T0 + Seconds(7)));
        ExpectMsg<Accepted>();
        var free = StateOf("B");
        Assert.Equal((ControlMode.Free, "actuated"), (free.Mode, free.Policy));
    }
}
