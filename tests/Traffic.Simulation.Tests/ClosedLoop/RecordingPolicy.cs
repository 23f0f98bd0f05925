using Traffic.Control;
using Traffic.Signals.Sequencing;

namespace Traffic.Simulation.Tests;

/// <summary>Wraps a policy and keeps everything it was given, with the controller time of the last decision before it arrived.</summary>
internal sealed class RecordingPolicy(ISignalPolicy inner, Action<ApproachObservation>? onCamera = null) : ISignalPolicy
{
    private long lastNow = -1;

    public string Name => "recording " + inner.Name;

    public List<(long DeliveredAfter, DetectorReading Reading)> Readings { get; } = [];

    public List<ApproachObservation> Observations { get; } = [];

    public void Observe(in DetectorReading r)
    {
        Readings.Add((lastNow, r));
        inner.Observe(r);
    }

    public void Observe(ApproachObservation o)
    {
        Observations.Add(o);
        onCamera?.Invoke(o);
        inner.Observe(o);
    }

    public void Decide(ISignalControl control)
    {
        lastNow = control.Now;
        inner.Decide(control);
    }
}
