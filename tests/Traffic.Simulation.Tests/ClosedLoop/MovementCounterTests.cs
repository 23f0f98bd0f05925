using Traffic.Control;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Simulation.Tests;

/// <summary>The CCTV movement counter the closed loop feeds to policies that take per-movement queues.</summary>
public sealed class MovementCounterTests
{
    [Fact]
    public void Policies_that_take_movement_queues_get_every_movement_every_second_as_the_vehicles_on_the_network_say()
    {
        var network = Networks.SampleCorridor;
        var demand = ClosedLoopCorridorTests.CorridorDemand(1800);
        var (registry, recorders) = Recording();
        ClosedLoopRun? run = null;
        var checkedAt = SignalTime.FromSeconds(300);
        int[]? expected = null;
        int[] Truth()
        {
            // Recount from the vehicles on the network at the moment of the reading (another path: route step -> movement).
            var sim = run!.Simulation;
            var road = sim.Road;
            var counts = new int[road.MovementCount];
            foreach (var v in sim.VehiclesOnNetwork())
            {
                if (road.ApproachOfLane(v.Lane) >= 0 && v.RoutePos < sim.RouteLength(v.Flow) && road.LaneLengthM(v.Lane) - v.Position <= 200)
                {
                    counts[sim.RouteMovement(v.Flow, v.RoutePos)]++;
                }
            }

            return counts;
        }

        run = new ClosedLoopRun(network, demand, "rec", new RunSettings(Seed: 3, DesignFlows: DesignFlows.FromDemand(demand), Registry: registry));
        foreach (var r in recorders)
        {
            r.At = (checkedAt, () => expected ??= Truth());
        }

        run.RunUntil(600);

        // Cadence: one reading per movement per second (1 s, 2 s, ... up to the last step before 600 s).
        var readings = recorders[0].Count[0];
        Assert.InRange(readings, 598, 600);
        Assert.All(recorders, r => Assert.All(r.Count, n => Assert.Equal(readings, n)));

        Assert.NotNull(expected);
        var total = 0;
        for (var i = 0; i < network.Intersections.Count; i++)
        {
            for (var m = 0; m < network.Intersections[i].Movements.Count; m++)
            {
                var q = recorders[i].Seen[m];
                Assert.Equal(expected[run.Simulation.Road.MovementIndex(i, m)], q.Approaching);
                Assert.InRange(q.Upstream, 0, q.Approaching);
                total += q.Approaching;
            }
        }

        Assert.True(total > 10, $"only {total} vehicles in the camera zones: the check says little");
        Assert.Contains(recorders, r => r.MaxUpstream > 3); // queues do form at red
    }

    [Fact]
    public void The_counter_can_be_turned_off()
    {
        var network = Networks.SampleCorridor;
        var demand = ClosedLoopCorridorTests.CorridorDemand(900);
        var (registry, recorders) = Recording();
        var run = new ClosedLoopRun(network, demand, "rec", new RunSettings(Seed: 1, DesignFlows: DesignFlows.FromDemand(demand), Registry: registry, Loop: new ClosedLoopOptions(MovementCountIntervalS: 0)));
        run.RunUntil(60);
        Assert.All(recorders, r => Assert.All(r.Count, n => Assert.Equal(0, n)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClosedLoopOptions(MovementCountIntervalS: -1).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClosedLoopOptions(MovementZoneM: 0).Validate());
    }

    [Fact]
    public void A_camera_outage_silences_the_movements_of_its_approach_and_latency_delays_the_rest()
    {
        var network = Networks.SampleCorridor;
        var x = network.Intersections[0];
        var camera = x.Detectors.First(d => d.Kind == DetectorKind.Cctv);
        var demand = ClosedLoopCorridorTests.CorridorDemand(900);
        var (registry, recorders) = Recording();
        var failures = new SensorFailures { CameraOutages = new HashSet<string> { SensorFailures.Key(x.Id, camera.Id) }, LatencyS = 2 };
        var run = new ClosedLoopRun(network, demand, "rec", new RunSettings(Seed: 1, DesignFlows: DesignFlows.FromDemand(demand), Registry: registry, Loop: new ClosedLoopOptions { Failures = failures }));
        run.RunUntil(60);
        for (var m = 0; m < x.Movements.Count; m++)
        {
            // Readings at 1..57 s arrive 2 s late (by 59.5 s); none from the approach whose camera is out.
            Assert.Equal(x.Movements[m].FromLeg == camera.LegId ? 0 : 57, recorders[0].Count[m]);
        }
    }

    /// <summary>A registry whose policy "rec" is fixed time wrapped in a <see cref="QueueRecorder"/>; the recorders in intersection order.</summary>
    private static (PolicyRegistry Registry, List<QueueRecorder> Recorders) Recording()
    {
        var recorders = new List<QueueRecorder>();
        var registry = new PolicyRegistry();
        registry.Register("rec", "fixed time that records movement queues", c =>
        {
            var r = new QueueRecorder(new FixedTimePolicy(c.Intersection, PolicyRegistry.FixedTimePlan(c).Plan), c.Intersection.Movements.Count);
            recorders.Add(r);
            return r;
        });
        return (registry, recorders);
    }

    private sealed class QueueRecorder(ISignalPolicy inner, int movements) : ISignalPolicy, IMovementQueueObserver
    {
        public int[] Count { get; } = new int[movements];

        public MovementQueue[] Seen { get; } = new MovementQueue[movements];

        /// <summary>The time whose readings are kept in <see cref="Seen"/>, and what to call then (the recount).</summary>
        public (long Time, Func<int[]> Check)? At { get; set; }

        public int MaxUpstream { get; private set; }

        public string Name => "rec";

        public void Observe(in DetectorReading r) => inner.Observe(r);

        public void Observe(ApproachObservation o) => inner.Observe(o);

        public void Observe(in MovementQueue q)
        {
            Count[q.Movement]++;
            if (At is { } at && q.Time == at.Time)
            {
                at.Check();
                Seen[q.Movement] = q;
            }

            MaxUpstream = Math.Max(MaxUpstream, q.Upstream);
        }

        public void Decide(ISignalControl control) => inner.Decide(control);
    }
}
