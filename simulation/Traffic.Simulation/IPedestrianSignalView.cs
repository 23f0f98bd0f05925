namespace Traffic.Simulation;

/// <summary>
/// A signal view that also shows the pedestrian signals (the real controllers do; the stand-in views do not, and
/// with them no pedestrians are simulated). Crosswalk k of intersection i is <c>Network.Intersections[i].Crosswalks[k]</c>;
/// it shows walk when a phase that walks it shows Walk on its pedestrian group. Read after <see cref="ISignalStateView.AdvanceTo"/>.
/// </summary>
public interface IPedestrianSignalView : ISignalStateView
{
    bool Walk(int intersection, int crosswalk);

    /// <summary>A pedestrian pressed the button of a crosswalk (only when <see cref="PedestrianDemand.PushButtons"/> is on).</summary>
    void PushButton(int intersection, int crosswalk);
}
