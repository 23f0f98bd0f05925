using Traffic.Control;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Actors.Tests;

/// <summary>Actuated control that throws on a detector reading with <see cref="PoisonCount"/>: a policy bug.</summary>
internal sealed class PoisonPolicy(Intersection model) : ISignalPolicy
{
    public const int PoisonCount = 666;

    private readonly ActuatedPolicy inner = new(model, ActuatedSettings.Default);

    public string Name => "poisonable actuated";

    public void Observe(in DetectorReading r)
    {
        if (r.Count == PoisonCount)
        {
            throw new InvalidOperationException($"policy bug on detector {r.Detector}");
        }

        inner.Observe(r);
    }

    public void Observe(ApproachObservation o) => inner.Observe(o);

    public void Decide(ISignalControl control) => inner.Decide(control);
}
