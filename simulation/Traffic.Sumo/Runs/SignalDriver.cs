using Traffic.Control;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using Traffic.Sumo.Import;
using Traffic.Sumo.Traci;

namespace Traffic.Sumo.Runs;

/// <summary>
/// One traffic light under one of our policies: detector values in, our sequencer and safety monitor
/// stepped at 0.1 s, SUMO state string out. Counts safety violations: faults the monitor latched,
/// and (independently) any state string that shows two hard-conflicting links active together.
/// </summary>
internal sealed class SignalDriver
{
    private readonly SumoSignal signal;
    private readonly ISignalPolicy policy;
    private readonly ZoneSensor?[] stopBar;
    private readonly ZoneSensor?[] queue;
    private readonly (ZoneSensor?[] In, ZoneSensor?[] Out)[] movementZones;
    private readonly ZoneSensor?[][] approachZones;
    private readonly SensorNeeds needs;
    private readonly List<string> violations = [];
    private string lastState = "";
    private Indication[] lastIndications = [];

    private readonly ArrivalSensors? arrivals;
    private readonly int index;

    /// <param name="arrivals">The approaching vehicles of every light (null when the policy does not read them); this light is its <paramref name="index"/>-th.</param>
    public SignalDriver(SumoSignal signal, ISignalPolicy policy, Sensors sensors, ArrivalSensors? arrivals = null, int index = 0)
    {
        this.arrivals = arrivals;
        this.index = index;
        this.signal = signal;
        this.policy = policy;
        Controller = new SignalController(signal.Intersection);
        Controller.Faulted += v => violations.Add($"{signal.TlsId}: monitor fault {v.Rule}: {v.Message}");
        needs = sensors.Needs;
        stopBar = signal.DetectorLanes.Select(sensors.StopBar).ToArray();
        queue = signal.DetectorLanes.Select(sensors.Queue).ToArray();
        movementZones = new (ZoneSensor?[], ZoneSensor?[])[signal.Intersection.Movements.Count];
        approachZones = new ZoneSensor?[signal.Intersection.Movements.Count][];
        for (var m = 0; m < movementZones.Length; m++)
        {
            var links = signal.Links.Where(l => l.Movement == m).ToList();
            movementZones[m] = (
                links.Select(l => l.InLane).Distinct().Select(sensors.Queue).ToArray(),
                links.Select(l => l.OutLane).Distinct().Select(sensors.Exit).ToArray());
            approachZones[m] = links.Select(l => l.InLane).Distinct().Select(sensors.Approach).ToArray();
        }
    }

    public SignalController Controller { get; }

    public IReadOnlyList<string> Violations => violations;

    public string TlsId => signal.TlsId;

    /// <summary>Feeds this step's detector values, runs 0.1 s ticks up to <paramref name="ticks"/> and queues the new state.</summary>
    public void Advance(long ticks, TraciBatch batch)
    {
        var now = Controller.Now;
        for (var d = 0; d < stopBar.Length; d++)
        {
            if (stopBar[d] is { } zone)
            {
                policy.Observe(new DetectorReading(d, now, zone.Value > 0, 0));
            }
        }

        if (needs.HasFlag(SensorNeeds.Queue))
        {
            ObserveApproaches(now);
        }

        if (policy is IMovementQueueObserver queues && needs.HasFlag(SensorNeeds.Queue))
        {
            for (var m = 0; m < movementZones.Length; m++)
            {
                var (inZones, outZones) = movementZones[m];
                var approaching = needs.HasFlag(SensorNeeds.Approach) ? Sum(approachZones[m]) : -1;
                queues.Observe(new MovementQueue(m, now, Sum(inZones), Sum(outZones), approaching));
            }
        }

        if (arrivals is not null && policy is IArrivalObserver observer)
        {
            for (var lane = 0; lane < signal.DetectorLanes.Count; lane++)
            {
                observer.ObserveArrivals(lane, now, arrivals.Of(index, lane), arrivals.ExitRoom(index, lane));
            }
        }

        while (Controller.Now < ticks)
        {
            Controller.Step();
            policy.Decide(Controller);
        }

        // The state string only changes with the indications: most steps skip building it.
        var indications = Controller.Indications;
        if (indications.SequenceEqual(lastIndications))
        {
            return;
        }

        if (lastIndications.Length != indications.Length)
        {
            lastIndications = new Indication[indications.Length];
        }

        indications.CopyTo(lastIndications);
        var state = signal.BuildState(indications);
        if (state != lastState)
        {
            foreach (var (a, b) in signal.ConflictingActiveLinks(state))
            {
                violations.Add($"{signal.TlsId} at {SignalTime.ToSeconds(Controller.Now)} s: links {a} and {b} active together in {state}");
            }

            batch.SetTrafficLightState(signal.TlsId, state);
            lastState = state;
        }
    }

    private static int Sum(ZoneSensor?[] zones)
    {
        var n = 0;
        foreach (var z in zones)
        {
            n += z?.Value ?? 0;
        }

        return n;
    }

    private void ObserveApproaches(long now)
    {
        var x = signal.Intersection;
        foreach (var leg in x.Legs)
        {
            var halted = 0;
            for (var d = 0; d < queue.Length; d++)
            {
                if (x.Detectors[d].LegId == leg.Id)
                {
                    halted += queue[d]?.Value ?? 0;
                }
            }

            if (leg.InboundLanes > 0)
            {
                policy.Observe(new ApproachObservation(leg.Id, now, default, halted, 0, 0, false));
            }
        }
    }
}
