namespace Traffic.Control;

/// <summary>
/// One vehicle on the approach to a movement, as a tracking camera (or a microsimulation) sees it:
/// <paramref name="Distance"/> metres to the stop bar and <paramref name="Speed"/> in m/s.
/// </summary>
public readonly record struct ApproachingVehicle(double Distance, double Speed);

/// <summary>
/// A policy that uses the individual vehicles approaching the intersection (their distances and speeds) implements
/// this besides <see cref="ISignalPolicy"/>. The unit is an approach lane, named by its stop-bar detector's index
/// in <see cref="Traffic.Signals.Model.Intersection.Detectors"/> (its movements are the detector's). The source calls it
/// once per lane per update, with every vehicle it sees on that lane and the lanes that lead only into it (an empty
/// span when there is none) and the room left on the lanes its movements empty into (queued vehicles that still fit
/// before the junction would be blocked; <see cref="int.MaxValue"/> when unknown), then the policy decides.
/// </summary>
public interface IArrivalObserver
{
    void ObserveArrivals(int lane, long time, ReadOnlySpan<ApproachingVehicle> vehicles, int exitRoom);
}
