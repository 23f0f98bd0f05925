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
    private readonly TraciSubscription[] stopBar;
    private readonly TraciSubscription[] queue;
    private readonly (int[] InLanes, int[] OutLanes)[] movementLanes;
    private readonly TraciSubscription[] outLanes;
    private readonly List<string> violations = [];
    private string lastState = "";

    public SignalDriver(SumoSignal signal, ISignalPolicy policy, TraciBatch batch, string detectorPrefix, Dictionary<string, TraciSubscription> outLaneSubscriptions)
    {
        this.signal = signal;
        this.policy = policy;
        Controller = new SignalController(signal.Intersection);
        Controller.Faulted += v => violations.Add($"{signal.TlsId}: monitor fault {v.Rule}: {v.Message}");
        stopBar = signal.DetectorLanes.Select(l => batch.Subscribe(TraciDomain.LaneArea, DetectorIds.StopBar(detectorPrefix, l), TraciVar.VehicleNumber)).ToArray();
        queue = signal.DetectorLanes.Select(l => batch.Subscribe(TraciDomain.LaneArea, DetectorIds.Queue(detectorPrefix, l), TraciVar.HaltingNumber)).ToArray();

        var outIds = signal.Links.Where(l => l.Movement >= 0).Select(l => l.OutLane).Distinct().ToList();
        foreach (var lane in outIds.Where(l => !outLaneSubscriptions.ContainsKey(l)))
        {
            outLaneSubscriptions[lane] = batch.Subscribe(TraciDomain.Lane, lane, TraciVar.HaltingNumber);
        }

        outLanes = outIds.Select(l => outLaneSubscriptions[l]).ToArray();
        var detectorOfLane = signal.DetectorLanes.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        movementLanes = new (int[], int[])[signal.Intersection.Movements.Count];
        for (var m = 0; m < movementLanes.Length; m++)
        {
            var links = signal.Links.Where(l => l.Movement == m).ToList();
            movementLanes[m] = (
                links.Select(l => detectorOfLane[l.InLane]).Distinct().ToArray(),
                links.Select(l => outIds.IndexOf(l.OutLane)).Distinct().ToArray());
        }
    }

    public SignalController Controller { get; }

    public IReadOnlyList<string> Violations => violations;

    public string TlsId => signal.TlsId;

    /// <summary>Feeds this step's detector values, runs 0.1 s ticks up to <paramref name="ticks"/> and queues the new state.</summary>
    public void Advance(long ticks, TraciBatch batch)
    {
        var now = Controller.Now;
        var x = signal.Intersection;
        for (var d = 0; d < stopBar.Length; d++)
        {
            policy.Observe(new DetectorReading(d, now, stopBar[d][0].AsInt() > 0, 0));
        }

        foreach (var leg in x.Legs)
        {
            var halted = 0;
            for (var d = 0; d < queue.Length; d++)
            {
                if (x.Detectors[d].LegId == leg.Id)
                {
                    halted += queue[d][0].AsInt();
                }
            }

            if (leg.InboundLanes > 0)
            {
                policy.Observe(new ApproachObservation(leg.Id, now, default, halted, 0, 0, false));
            }
        }

        if (policy is IMovementQueueObserver queues)
        {
            for (var m = 0; m < movementLanes.Length; m++)
            {
                var (inLanes, outs) = movementLanes[m];
                var up = 0;
                foreach (var d in inLanes)
                {
                    up += queue[d][0].AsInt();
                }

                var down = 0;
                foreach (var o in outs)
                {
                    down += outLanes[o][0].AsInt();
                }

                queues.Observe(new MovementQueue(m, now, up, down));
            }
        }

        while (Controller.Now < ticks)
        {
            Controller.Step();
            policy.Decide(Controller);
        }

        var state = signal.BuildState(Controller.Indications);
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
}

/// <summary>Ids of the E2 detectors the runner adds.</summary>
internal static class DetectorIds
{
    public static string StopBar(string prefix, string lane) => $"{prefix}stop_{lane}";

    public static string Queue(string prefix, string lane) => $"{prefix}queue_{lane}";
}
