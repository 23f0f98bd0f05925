namespace Traffic.Control;

/// <summary>
/// Halted vehicles for one movement at <paramref name="Time"/> (ticks): <paramref name="Upstream"/> on the
/// approach lanes that feed it (within the queue zone, e.g. 200 m of the stop bar), <paramref name="Downstream"/>
/// on the lanes it empties into. <paramref name="Movement"/> indexes
/// <see cref="Traffic.Signals.Model.Intersection.Movements"/>.
/// </summary>
public readonly record struct MovementQueue(int Movement, long Time, int Upstream, int Downstream);

/// <summary>A policy that uses per-movement queues (max-pressure and the like) implements this besides <see cref="ISignalPolicy"/>.</summary>
public interface IMovementQueueObserver
{
    void Observe(in MovementQueue q);
}
