using Traffic.Control;
using Traffic.Signals.Sequencing;

namespace Traffic.Simulation.Tests;

/// <summary>The tracked vehicles the closed loop gives a policy that schedules arrivals (<see cref="ClosedLoopOptions.TrackedArrivals"/>).</summary>
public sealed class TrackedArrivalsTests
{
    [Fact]
    public void Every_vehicle_near_a_stop_line_reaches_the_policy_once_on_its_lane_and_only_when_asked_for()
    {
        var network = Networks.SampleCorridor;
        var demand = ClosedLoopCorridorTests.CorridorDemand(1800);
        var checkedAt = SignalTime.FromSeconds(300);
        ClosedLoopRun? run = null;
        int? truth = null;
        var recorders = new List<ArrivalRecorder>();
        var registry = new PolicyRegistry();
        registry.Register("rec", "fixed time that records tracked arrivals", c =>
        {
            var r = new ArrivalRecorder(new FixedTimePolicy(c.Intersection, PolicyRegistry.FixedTimePlan(c).Plan), checkedAt, () => truth ??= Truth(run!));
            recorders.Add(r);
            return r;
        });

        run = new ClosedLoopRun(network, demand, "rec", new RunSettings(Seed: 3, DesignFlows: DesignFlows.FromDemand(demand), Registry: registry, Loop: ClosedLoopOptions.Default with { TrackedArrivals = true }));
        run.RunUntil(400);

        Assert.NotNull(truth);
        Assert.True(truth > 10, $"only {truth} vehicles near the stop lines: the check says little");
        Assert.Equal(truth, recorders.Sum(r => r.SeenAtCheck));
        Assert.All(recorders, r => Assert.InRange(r.Calls / r.Lanes, 398, 400)); // every stop-bar lane once a second
        Assert.Contains(recorders, r => r.MaxHalted > 2); // queues stand at red

        // Off by default: nothing is tracked.
        recorders.Clear();
        run = new ClosedLoopRun(network, demand, "rec", new RunSettings(Seed: 3, DesignFlows: DesignFlows.FromDemand(demand), Registry: registry));
        run.RunUntil(60);
        Assert.All(recorders, r => Assert.Equal(0, r.Calls));
    }

    [Fact]
    public void The_daegu_adaptive_runs_the_corridor_safely_on_tracked_arrivals()
    {
        var network = Networks.SampleCorridor;
        var demand = ClosedLoopCorridorTests.CorridorDemand(1800);
        var tracked = new ClosedLoopRun(network, demand, "adaptive", new RunSettings(Seed: 2, DesignFlows: DesignFlows.FromDemand(demand), Loop: ClosedLoopOptions.Default with { TrackedArrivals = true }));
        tracked.RunUntil(900);
        var m = tracked.Finish();
        Assert.Equal(0, m.SafetyFaults);
        Assert.True(m.Finished > 100, $"only {m.Finished} vehicles finished in 15 min");
    }

    /// <summary>Vehicles within 200 m of the stop line on an approach lane, counted from the vehicles on the network.</summary>
    private static int Truth(ClosedLoopRun run)
    {
        var sim = run.Simulation;
        var road = sim.Road;
        return sim.VehiclesOnNetwork().Count(v => road.ApproachOfLane(v.Lane) >= 0 && road.LaneLengthM(v.Lane) - v.Position <= 200);
    }

    private sealed class ArrivalRecorder(ISignalPolicy inner, long checkedAt, Func<int> check) : ISignalPolicy, IArrivalObserver
    {
        private readonly HashSet<int> lanes = [];

        public int Calls { get; private set; }

        public int Lanes => Math.Max(1, lanes.Count);

        public int SeenAtCheck { get; private set; }

        public int MaxHalted { get; private set; }

        public string Name => "rec";

        public void ObserveArrivals(int lane, long time, ReadOnlySpan<ApproachingVehicle> vehicles, int exitRoom)
        {
            Calls++;
            lanes.Add(lane);
            Assert.True(exitRoom >= 0);
            var halted = 0;
            foreach (var v in vehicles)
            {
                Assert.InRange(v.Distance, 0, 200);
                Assert.True(v.Speed >= 0);
                halted += v.Speed < 0.5 ? 1 : 0;
            }

            MaxHalted = Math.Max(MaxHalted, halted);
            if (time == checkedAt)
            {
                check();
                SeenAtCheck += vehicles.Length;
            }
        }

        public void Observe(in DetectorReading r) => inner.Observe(r);

        public void Observe(ApproachObservation o) => inner.Observe(o);

        public void Decide(ISignalControl control) => inner.Decide(control);
    }
}
