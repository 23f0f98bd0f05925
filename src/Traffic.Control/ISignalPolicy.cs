using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// A control policy: it observes detector readings and CCTV observations and, once per 0.1 s tick
/// after the sequencer has advanced, gives the sequencer its requests (calls, holds, force-offs,
/// omits). Decisions depend only on the inputs and on event time (<see cref="ISignalControl.Now"/>),
/// never on the wall clock or unseeded randomness, so a replay gives the same commands.
/// </summary>
public interface ISignalPolicy
{
    string Name { get; }

    void Observe(in DetectorReading r);

    void Observe(ApproachObservation o);

    void Decide(ISignalControl control);
}
