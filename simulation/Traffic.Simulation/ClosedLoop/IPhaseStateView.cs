namespace Traffic.Simulation;

/// <summary>What a phase's vehicle signals show, for the ATSPM measures (split failures).</summary>
public enum PhaseDisplay : byte
{
    Red,
    Yellow,
    Green,
}

/// <summary>
/// A signal view that also knows phases (the real controller does; the stand-in views do not).
/// Phase k of intersection i is <c>Network.Intersections[i].Phases[k]</c>; read after <see cref="ISignalStateView.AdvanceTo"/>.
/// </summary>
public interface IPhaseStateView : ISignalStateView
{
    PhaseDisplay Phase(int intersection, int phase);
}
