using System.Diagnostics;
using Traffic.Control;
using Traffic.Signals.Model;
using Traffic.Signals.Safety;
using Traffic.Signals.Sequencing;

namespace Traffic.Simulation;

/// <summary>
/// The closed loop in process: per intersection the real <see cref="SignalController"/> (sequencer +
/// safety monitor) and an <see cref="ISignalPolicy"/>. At every simulation step it hands each policy
/// the step's loop readings (presence at the end of the previous step and the vehicles counted during
/// it, one <see cref="DetectorReading"/> per model detector over all its lanes) and, every
/// <see cref="ClosedLoopOptions.CctvIntervalS"/>, each camera's <see cref="ApproachObservation"/>; then it
/// steps the controller tick by tick (0.1 s) to the step's time, the policy deciding after every tick,
/// and shows each movement the state its signal groups give it: Green when a phase that protects it
/// is green, GreenPermitted when only a phase that permits it is, Yellow, else Red (also in fault flash).
/// Every safety fault the monitors latch is kept in <see cref="Faults"/>. Crosswalks show walk when a phase that
/// walks them shows Walk; a push button places a pedestrian call on those phases. <see cref="ClosedLoopOptions.Failures"/>
/// change what the policy is given: a stuck-on loop reports presence and no counts, a loop without data nothing, a
/// chattering loop extra pulses and flickering presence, a camera in outage nothing; every reading arrives
/// <see cref="SensorFailures.LatencyS"/> late (rounded up to a step).
/// Usage: construct, build the <see cref="Simulation"/> with it, then <see cref="Attach"/> the simulation.
/// </summary>
public sealed class ControlledSignals : IPhaseStateView, IPedestrianSignalView
{
    private readonly Network network;
    private readonly ClosedLoopOptions options;
    private readonly SignalController[] controllers;
    private readonly ISignalPolicy[] policies;
    private readonly int[] movementBase;
    private readonly MovementSignal[] states;
    private readonly int[] movGroupStart;
    private readonly int[] movGroup;
    private readonly bool[] movProtected;
    private readonly int[][] phaseGroup;
    private readonly List<SafetyViolation> faults = [];
    private readonly int[][][] crosswalkPedGroups; // per intersection, per crosswalk: pedestrian groups of the phases walking it
    private readonly int[][][] crosswalkPhases;
    private readonly Chatter chatter;
    private readonly Queue<(long Due, DetectorReading? Reading, ApproachObservation? Observation)>[] delayed;
    private readonly Queue<(long Due, MovementQueue Queue)>[] delayedCounts;
    private readonly long latencyTicks;

    private Simulation? sim;
    private DetectorFeed[][] detectorFeeds = [];
    private (int Camera, string Leg)[][] cameraFeeds = [];
    private double stepS = 0.5;
    private double nextCctv;
    private double nextMovementCount;
    private int[] countHalted = [];
    private int[] countApproaching = [];
    private int[] countDownstream = [];
    private bool[][] countedMovements = [];
    private long controllerTimestamp;
    private long decisions;

    public ControlledSignals(Network network, Func<Intersection, ISignalPolicy> policyFor, ClosedLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(policyFor);
        this.options = options ?? ClosedLoopOptions.Default;
        this.options.Validate();
        this.network = network;
        var n = network.Intersections.Count;
        controllers = new SignalController[n];
        policies = new ISignalPolicy[n];
        movementBase = new int[n + 1];
        phaseGroup = new int[n][];
        for (var i = 0; i < n; i++)
        {
            var x = network.Intersections[i];
            var controller = new SignalController(x);
            controller.Faulted += faults.Add;
            controllers[i] = controller;
            policies[i] = policyFor(x);
            movementBase[i + 1] = movementBase[i] + x.Movements.Count;
            phaseGroup[i] = x.Phases.Select(p => x.VehicleGroupOf(p.Id)).ToArray();
        }

        crosswalkPedGroups = new int[n][][];
        crosswalkPhases = new int[n][][];
        for (var i = 0; i < n; i++)
        {
            var x = network.Intersections[i];
            crosswalkPhases[i] = x.Crosswalks.Select(c => x.Phases.Where(p => p.Crosswalks.Contains(c.Id)).Select(p => p.Id).ToArray()).ToArray();
            crosswalkPedGroups[i] = crosswalkPhases[i].Select(ps => ps.Select(x.PedestrianGroupOf).ToArray()).ToArray();
        }

        var failureErrors = this.options.Failures.Check(network);
        if (failureErrors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, failureErrors), nameof(options));
        }

        chatter = new Chatter(this.options.Failures.Seed, this.options.Failures.ChatterPulsesPerSecond);
        latencyTicks = SignalTime.FromSeconds(this.options.Failures.LatencyS);
        delayedCounts = new Queue<(long, MovementQueue)>[latencyTicks > 0 ? n : 0];
        for (var i = 0; i < delayedCounts.Length; i++)
        {
            delayedCounts[i] = new Queue<(long, MovementQueue)>();
        }

        delayed = new Queue<(long, DetectorReading?, ApproachObservation?)>[latencyTicks > 0 ? n : 0];
        for (var i = 0; i < delayed.Length; i++)
        {
            delayed[i] = new Queue<(long, DetectorReading?, ApproachObservation?)>();
        }

        states = new MovementSignal[movementBase[n]];
        movGroupStart = new int[states.Length + 1];
        var groups = new List<int>();
        var prot = new List<bool>();
        for (var i = 0; i < n; i++)
        {
            var x = network.Intersections[i];
            for (var j = 0; j < x.Movements.Count; j++)
            {
                var id = x.Movements[j].Id;
                movGroupStart[movementBase[i] + j] = groups.Count;
                foreach (var phase in x.Phases)
                {
                    foreach (var pm in phase.Movements)
                    {
                        if (pm.MovementId == id)
                        {
                            groups.Add(x.VehicleGroupOf(phase.Id));
                            prot.Add(pm.Mode == MovementMode.Protected);
                        }
                    }
                }

                // A movement an overlap serves follows the overlap's group (green with any parent, and across parent changes).
                foreach (var o in x.Overlaps)
                {
                    foreach (var pm in o.Movements)
                    {
                        if (pm.MovementId == id)
                        {
                            groups.Add(x.SignalGroups.Single(g => g.OverlapId == o.Id).Index);
                            prot.Add(pm.Mode == MovementMode.Protected);
                        }
                    }
                }

                movGroupStart[movementBase[i] + j + 1] = groups.Count;
            }
        }

        movGroup = [.. groups];
        movProtected = [.. prot];
    }

    /// <summary>The policy named <paramref name="policy"/> from <paramref name="registry"/> at every intersection, set up with the design flows.</summary>
    public static ControlledSignals Create(
        Network network,
        PolicyRegistry registry,
        string policy,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> designFlows,
        ClosedLoopOptions? options = null,
        double saturationFlowPerLane = 1800)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(designFlows);
        return new ControlledSignals(network, registry.ForNetwork(policy, new NetworkPolicyContext(network, designFlows, saturationFlowPerLane)), options);
    }

    /// <summary>Safety faults latched so far (must stay empty).</summary>
    public IReadOnlyList<SafetyViolation> Faults => faults;

    /// <summary>Wall time spent in controllers, policies and feeding them, in seconds.</summary>
    public double ControllerSeconds => Stopwatch.GetElapsedTime(0, controllerTimestamp).TotalSeconds;

    /// <summary>How many times a policy decided.</summary>
    public long Decisions => decisions;

    public SignalController Controller(int intersection) => controllers[intersection];

    public ISignalPolicy Policy(int intersection) => policies[intersection];

    /// <summary>Connects the detectors of the model to the simulation's loops and cameras. Call once, before the first step.</summary>
    public void Attach(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (!ReferenceEquals(simulation.Road.Model, network))
        {
            throw new ArgumentException($"the simulation runs network {simulation.Road.Model.Name}, these signals network {network.Name}: they must be the same instance", nameof(simulation));
        }

        var n = network.Intersections.Count;

        detectorFeeds = new DetectorFeed[n][];
        cameraFeeds = new (int, string)[n][];
        countedMovements = new bool[n][];
        for (var i = 0; i < n; i++)
        {
            var x = network.Intersections[i];
            var feeds = new List<DetectorFeed>();
            for (var d = 0; d < x.Detectors.Count; d++)
            {
                if (x.Detectors[d].Kind != DetectorKind.Cctv && simulation.LoopsOf(i, d) is { Count: > 0 } loops)
                {
                    feeds.Add(new DetectorFeed(d, [.. loops], options.Failures.Loop(x.Id, x.Detectors[d].Id)));
                }
            }

            detectorFeeds[i] = [.. feeds];
            cameraFeeds[i] = simulation.Cameras.Where(c => c.Intersection == i && !options.Failures.CameraOut(x.Id, c.Id)).Select(c => (c.Index, c.Leg)).ToArray();
            countedMovements[i] = x.Movements.Select(m => cameraFeeds[i].Any(c => c.Leg == m.FromLeg)).ToArray();
        }

        sim = simulation;
        stepS = simulation.Options.TimeStepS;
        nextCctv = options.CctvIntervalS;
        nextMovementCount = options.MovementCountIntervalS;
        var most = network.Intersections.Count == 0 ? 0 : network.Intersections.Max(x => x.Movements.Count);
        countHalted = new int[most];
        countApproaching = new int[most];
        countDownstream = new int[most];
    }

    public void AdvanceTo(double timeSeconds)
    {
        if (sim is null)
        {
            throw new InvalidOperationException("ControlledSignals: Attach the simulation before the first step");
        }

        var start = Stopwatch.GetTimestamp();
        var target = SignalTime.FromSeconds(timeSeconds);
        var cctv = timeSeconds >= nextCctv - 1e-9;
        if (cctv)
        {
            nextCctv += options.CctvIntervalS;
        }

        var movementCount = options.MovementCountIntervalS > 0 && timeSeconds >= nextMovementCount - 1e-9;
        if (movementCount)
        {
            nextMovementCount += options.MovementCountIntervalS;
        }

        var every = options.DecideEveryTicks;
        for (var i = 0; i < controllers.Length; i++)
        {
            var c = controllers[i];
            var p = policies[i];
            while (c.Now < target)
            {
                c.Step();
                var now = c.Now;
                if (now == target)
                {
                    Feed(i, p, now, cctv, movementCount);
                }

                if (every == 1 || now == target || now % every == 0)
                {
                    p.Decide(c);
                    decisions++;
                }
            }

            UpdateStates(i, c.Indications);
        }

        controllerTimestamp += Stopwatch.GetTimestamp() - start;
    }

    public MovementSignal State(int intersection, int movement) => states[movementBase[intersection] + movement];

    public bool Walk(int intersection, int crosswalk)
    {
        var shown = controllers[intersection].Indications;
        foreach (var g in crosswalkPedGroups[intersection][crosswalk])
        {
            if (shown[g] == Indication.Walk)
            {
                return true;
            }
        }

        return false;
    }

    public void PushButton(int intersection, int crosswalk)
    {
        foreach (var phase in crosswalkPhases[intersection][crosswalk])
        {
            controllers[intersection].PlacePedCall(phase);
        }
    }

    public PhaseDisplay Phase(int intersection, int phase)
    {
        var g = phaseGroup[intersection][phase];
        if (g < 0)
        {
            return PhaseDisplay.Red;
        }

        return controllers[intersection].Indications[g] switch
        {
            Indication.Green => PhaseDisplay.Green,
            Indication.Yellow => PhaseDisplay.Yellow,
            _ => PhaseDisplay.Red,
        };
    }

    private readonly List<ApproachingVehicle> arrivalBuffer = [];

    private void Feed(int i, ISignalPolicy policy, long now, bool cctv, bool movementCount)
    {
        if (movementCount && options.TrackedArrivals && policy is IArrivalObserver tracked && countedMovements[i].All(c => c))
        {
            FeedArrivals(i, tracked, now);
        }

        if (policy is IMovementQueueObserver observer)
        {
            if (movementCount)
            {
                FeedMovementCounts(i, observer, now);
            }

            if (latencyTicks > 0)
            {
                DeliverDelayedCounts(i, observer, now);
            }
        }

        var s = sim!;
        foreach (var f in detectorFeeds[i])
        {
            var presence = false;
            long count = 0;
            foreach (var loop in f.Loops)
            {
                presence |= s.LoopPresenceNow(loop);
                count += s.LoopCountNow(loop);
            }

            var delta = (int)(count - f.LastCount);
            f.LastCount = count;
            switch (f.Failure)
            {
                case LoopFailure.NoData:
                    continue;
                case LoopFailure.StuckOn:
                    presence = true;
                    delta = 0;
                    break;
                case LoopFailure.Chatter:
                    presence |= chatter.Presence();
                    delta += chatter.Pulses(stepS);
                    break;
            }

            if (delta > 0 || presence || f.LastPresence)
            {
                Deliver(i, policy, now, new DetectorReading(f.Detector, now, presence, delta), null);
            }

            f.LastPresence = presence;
        }

        if (cctv)
        {
            foreach (var (camera, leg) in cameraFeeds[i])
            {
                var r = s.ReadCamera(camera);
                Deliver(i, policy, now, null, new ApproachObservation(
                    leg, now, new VehicleCounts(r.Cars, r.Buses, r.Trucks, 0), r.QueueVehicles, r.PedestriansWaiting, r.PedestriansCrossing, r.EmergencyVehicles > 0 || r.EmergencyApproaching > 0));
            }
        }

        if (latencyTicks > 0)
        {
            // Readings whose latency has passed, in the order they were taken.
            var queue = delayed[i];
            while (queue.Count > 0 && queue.Peek().Due <= now)
            {
                var d = queue.Dequeue();
                if (d.Reading is { } reading)
                {
                    policy.Observe(reading);
                }
                else
                {
                    policy.Observe(d.Observation!);
                }
            }
        }
    }

    private void Deliver(int i, ISignalPolicy policy, long now, DetectorReading? reading, ApproachObservation? observation)
    {
        if (latencyTicks > 0)
        {
            delayed[i].Enqueue((now + latencyTicks, reading, observation));
        }
        else if (reading is { } r)
        {
            policy.Observe(r);
        }
        else
        {
            policy.Observe(observation!);
        }
    }

    /// <summary>The CCTV movement counter's reading (halted and approaching per movement in the camera zone, exit-lane queue) for a policy that takes per-movement queues.</summary>
    private void FeedMovementCounts(int i, IMovementQueueObserver observer, long now)
    {
        var n = network.Intersections[i].Movements.Count;
        var halted = countHalted.AsSpan(0, n);
        var approaching = countApproaching.AsSpan(0, n);
        var downstream = countDownstream.AsSpan(0, n);
        sim!.CountMovements(i, options.MovementZoneM, halted, approaching, downstream);
        for (var m = 0; m < n; m++)
        {
            if (!countedMovements[i][m])
            {
                continue; // the camera of its approach is out (ClosedLoopOptions.Failures)
            }

            var q = new MovementQueue(m, now, halted[m], downstream[m], approaching[m]);
            if (latencyTicks > 0)
            {
                delayedCounts[i].Enqueue((now + latencyTicks, q));
            }
            else
            {
                observer.Observe(q);
            }
        }
    }

    /// <summary>The vehicles the cameras track on each stop-bar detector's lanes, with the room behind the junction (the least over the detector's movements).</summary>
    private void FeedArrivals(int i, IArrivalObserver observer, long now)
    {
        var x = network.Intersections[i];
        for (var d = 0; d < x.Detectors.Count; d++)
        {
            arrivalBuffer.Clear();
            var room = sim!.Track(i, d, options.MovementZoneM, arrivalBuffer);
            if (room >= 0)
            {
                observer.ObserveArrivals(d, now, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(arrivalBuffer), room);
            }
        }
    }

    private void DeliverDelayedCounts(int i, IMovementQueueObserver observer, long now)
    {
        var queue = delayedCounts[i];
        while (queue.Count > 0 && queue.Peek().Due <= now)
        {
            observer.Observe(queue.Dequeue().Queue);
        }
    }

    private void UpdateStates(int i, ReadOnlySpan<Indication> shown)
    {
        for (var m = movementBase[i]; m < movementBase[i + 1]; m++)
        {
            var best = MovementSignal.Red;
            var rank = 0;
            for (var k = movGroupStart[m]; k < movGroupStart[m + 1]; k++)
            {
                switch (shown[movGroup[k]])
                {
                    case Indication.Green when movProtected[k]:
                        best = MovementSignal.Green;
                        rank = 3;
                        break;
                    case Indication.Green when rank < 2:
                        best = MovementSignal.GreenPermitted;
                        rank = 2;
                        break;
                    case Indication.Yellow when rank < 1:
                        best = MovementSignal.Yellow;
                        rank = 1;
                        break;
                }
            }

            states[m] = best;
        }
    }

    /// <summary>One model detector and the simulation loops (one per lane) that make it.</summary>
    private sealed class DetectorFeed(int detector, int[] loops, LoopFailure failure)
    {
        public LoopFailure Failure { get; } = failure;

        public int Detector { get; } = detector;

        public int[] Loops { get; } = loops;

        public long LastCount { get; set; }

        public bool LastPresence { get; set; }
    }
}
