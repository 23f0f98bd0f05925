using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using ControlReading = Traffic.Control.DetectorReading;

namespace Traffic.Simulation.Field;

/// <summary>
/// The emulated field controllers of a network, as the signals the simulated drivers see. Simulated
/// second 0 is controller tick <see cref="StartTick"/>. <see cref="ObserveLoops"/> wires the simulated
/// loops to their controllers (local detection, as in a cabinet) once per simulation step.
/// </summary>
public sealed class FieldControllers : ISignalStateView
{
    private readonly EmulatedController[] controllers;
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private (int Controller, int Detector)[] loopDetector = [];
    private long[] lastLoopCount = [];
    private int[] detectorBase = [];
    private int[] detectorCount = [];
    private bool[] detectorPresence = [];
    private LoopFailure[] detectorFailure = [];
    private SensorFailures failures = SensorFailures.None;
    private Chatter chatter = new(1, 0);
    private bool wired;

    public FieldControllers(Network network, long startTick)
    {
        StartTick = startTick;
        controllers = [.. network.Intersections.Select(i => new EmulatedController(i, startTick))];
        for (var i = 0; i < controllers.Length; i++)
        {
            index[controllers[i].Model.Id] = i;
        }
    }

    public long StartTick { get; }

    public IReadOnlyList<EmulatedController> Controllers => controllers;

    public EmulatedController this[string intersectionId] =>
        index.TryGetValue(intersectionId, out var i) ? controllers[i] : throw new KeyNotFoundException($"no field controller for intersection {intersectionId}");

    public bool TryGet(string intersectionId, out EmulatedController controller)
    {
        var found = index.TryGetValue(intersectionId, out var i);
        controller = found ? controllers[i] : null!;
        return found;
    }

    /// <summary>
    /// Fails loops and cameras: the controllers report each as a fault, and local detection sees a
    /// stuck-on loop as always occupied, a loop without data as empty, a chattering one with extra pulses.
    /// </summary>
    public void Fail(SensorFailures sensorFailures)
    {
        failures = sensorFailures;
        chatter = new Chatter(sensorFailures.Seed, sensorFailures.ChatterPulsesPerSecond);
        wired = false;
        foreach (var c in controllers)
        {
            foreach (var d in c.Model.Detectors)
            {
                if (SensorFailures.FaultCode(failures.Loop(c.Model.Id, d.Id), d.Id) is { } code)
                {
                    c.SetFault(code, true);
                }

                if (failures.CameraOut(c.Model.Id, d.Id))
                {
                    c.SetFault($"cameraOutage:{d.Id}", true);
                }
            }
        }
    }

    public long TickAt(double simulatedSeconds) => StartTick + SignalTime.FromSeconds(simulatedSeconds);

    public void AdvanceTo(double timeSeconds)
    {
        var tick = TickAt(timeSeconds);
        foreach (var c in controllers)
        {
            c.AdvanceTo(tick);
        }
    }

    public MovementSignal State(int intersection, int movement) => controllers[intersection].State(movement);

    /// <summary>Gives every controller the count and presence of each of its detectors in the last step (lanes of one detector summed).</summary>
    public void ObserveLoops(Simulation sim)
    {
        if (!wired || loopDetector.Length != sim.Loops.Count)
        {
            WireLoops(sim);
        }

        Array.Clear(detectorCount);
        Array.Clear(detectorPresence);
        for (var l = 0; l < loopDetector.Length; l++)
        {
            var r = sim.ReadLoop(l);
            var (c, d) = loopDetector[l];
            var k = detectorBase[c] + d;
            detectorCount[k] += (int)(r.Count - lastLoopCount[l]);
            detectorPresence[k] |= r.Presence;
            lastLoopCount[l] = r.Count;
        }

        var tick = TickAt(sim.Time);
        for (var c = 0; c < controllers.Length; c++)
        {
            var detectors = controllers[c].Model.Detectors;
            for (var d = 0; d < detectors.Count; d++)
            {
                var k = detectorBase[c] + d;
                if (detectors[d].Kind != DetectorKind.Cctv)
                {
                    var (presence, count) = detectorFailure[k] switch
                    {
                        LoopFailure.StuckOn => (true, 0),
                        LoopFailure.NoData => (false, 0),
                        LoopFailure.Chatter => (detectorPresence[k] || chatter.Presence(), detectorCount[k] + chatter.Pulses(sim.Options.TimeStepS)),
                        _ => (detectorPresence[k], detectorCount[k]),
                    };
                    controllers[c].Observe(new ControlReading(d, tick, presence, count));
                }
            }
        }
    }

    private void WireLoops(Simulation sim)
    {
        wired = true;
        detectorBase = new int[controllers.Length + 1];
        for (var c = 0; c < controllers.Length; c++)
        {
            detectorBase[c + 1] = detectorBase[c] + controllers[c].Model.Detectors.Count;
        }

        detectorCount = new int[detectorBase[^1]];
        detectorPresence = new bool[detectorBase[^1]];
        detectorFailure = new LoopFailure[detectorBase[^1]];
        for (var c = 0; c < controllers.Length; c++)
        {
            var model = controllers[c].Model;
            for (var d = 0; d < model.Detectors.Count; d++)
            {
                detectorFailure[detectorBase[c] + d] = failures.Loop(model.Id, model.Detectors[d].Id);
            }
        }

        lastLoopCount = new long[sim.Loops.Count];
        loopDetector = new (int, int)[sim.Loops.Count];
        foreach (var loop in sim.Loops)
        {
            var detectors = controllers[loop.Intersection].Model.Detectors;
            var d = 0;
            while (detectors[d].Id != loop.Id)
            {
                d++;
            }

            loopDetector[loop.Index] = (loop.Intersection, d);
        }
    }
}
