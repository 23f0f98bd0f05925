namespace Traffic.Simulation;

/// <summary>
/// The signal state the simulated drivers see. Indices are positions in <c>Network.Intersections</c>
/// and in that intersection's <c>Movements</c>. The simulation calls <see cref="AdvanceTo"/> once
/// per step with non-decreasing times, then reads <see cref="State"/> for every movement; the state
/// holds for the whole step. A real controller (sequencer + policy) plugs in through an adapter.
/// </summary>
public interface ISignalStateView
{
    /// <summary>Brings the view to <paramref name="timeSeconds"/> (seconds since the start of the run).</summary>
    void AdvanceTo(double timeSeconds);

    MovementSignal State(int intersection, int movement);
}
