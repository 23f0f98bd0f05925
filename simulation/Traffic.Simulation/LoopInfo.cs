using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// One inductive loop: lane <paramref name="LaneIndex"/> (1-based from the left) of leg <paramref name="Leg"/>
/// of a model detector. It covers [<paramref name="FromM"/>, <paramref name="ToM"/>] in the coordinates of global
/// lane <paramref name="Lane"/> (metres from the upstream end; the stop line is at the lane's length).
/// </summary>
public sealed record LoopInfo(int Index, string Id, DetectorKind Kind, int Intersection, string Leg, int LaneIndex, int Lane, double FromM, double ToM);

/// <summary>Cumulative since the start: <paramref name="Count"/> vehicles, <paramref name="OccupiedS"/> seconds with a vehicle over the loop.</summary>
public readonly record struct LoopReading(string Id, double Time, long Count, double OccupiedS, bool Presence);

/// <summary>A CCTV camera watching the approach on <paramref name="Leg"/>; <paramref name="Approach"/> indexes <see cref="RoadNetwork.Approaches"/>.</summary>
public sealed record CameraInfo(int Index, string Id, int Intersection, string Leg, int Approach);

/// <summary>
/// A camera reading: vehicles by class that crossed the stop line during the <paramref name="IntervalS"/>
/// seconds before <paramref name="Time"/>, and the queue now. <paramref name="PedestriansWaiting"/> and
/// <paramref name="PedestriansCrossing"/>: at and in the crosswalk across the camera's leg now;
/// <paramref name="EmergencyApproaching"/>: emergency vehicles on the approach within the camera's range now.
/// </summary>
public readonly record struct CctvReading(
    string Id,
    double Time,
    double IntervalS,
    int Cars,
    int Buses,
    int Trucks,
    int EmergencyVehicles,
    int QueueVehicles,
    double QueueLengthM,
    int PedestriansWaiting = 0,
    int PedestriansCrossing = 0,
    int EmergencyApproaching = 0);
