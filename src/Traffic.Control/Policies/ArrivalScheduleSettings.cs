namespace Traffic.Control;

/// <summary>
/// Settings of <see cref="ArrivalSchedulePolicy"/>. A decision every <paramref name="DecisionIntervalSeconds"/>.
/// Vehicles leave a green at one per <paramref name="HeadwaySeconds"/> per lane (saturation flow), the first after
/// <paramref name="StartUpLostSeconds"/> when the green starts from red. A vehicle that has to stop is charged
/// <paramref name="StopPenaltySeconds"/> on top of its wait (braking and starting again). Vehicles slower than
/// <paramref name="HaltedSpeed"/> m/s are queued; a moving one reaches the stop bar after distance / max(speed,
/// <paramref name="MinArrivalSpeed"/>). Departures closer than <paramref name="PlatoonGapSeconds"/> are one platoon:
/// the schedules compared end the green after a whole platoon, never inside one. A green is never ended before
/// <paramref name="MinHoldSeconds"/> (nor before the phase's minimum green), and ends at <paramref name="MaxGreenSeconds"/>
/// when another stage has a vehicle. A switch must save more than <paramref name="SwitchMargin"/> vehicle-seconds.
/// A permitted movement leaves at <paramref name="PermittedShare"/> of a protected one's rate. Only the first
/// <paramref name="MaxVehiclesPerMovement"/> vehicles of a movement are scheduled. Arrivals older than
/// <paramref name="StaleSeconds"/> are not used: the policy then calls every phase (recall) until they return.
/// Beyond what is seen (about <paramref name="ViewSeconds"/> of travel: a 200 m zone at 50 km/h) vehicles are assumed to
/// keep coming at each lane's rate of moving arrivals within the view, smoothed over <paramref name="RateSmoothingSeconds"/>.
/// <paramref name="DetectorWeights"/>: approach priority, by detector id; every vehicle-second of delay of a lane is
/// multiplied by its detector's weight (1 where none is given; <see cref="MinDetectorWeight"/>..<see cref="MaxDetectorWeight"/>).
/// An engineer gives a side street whose queue blocks a junction upstream more weight; the SUMO runner's
/// <c>--calibrate-weights</c> searches them by replaying the scenario (docs/validation.md).
/// </summary>
public sealed record ArrivalScheduleSettings(
    double DecisionIntervalSeconds = 1,
    double MinHoldSeconds = 5,
    double MaxGreenSeconds = 60,
    double HeadwaySeconds = 2.0,
    double StartUpLostSeconds = 2.0,
    double StopPenaltySeconds = 2.0,
    double HaltedSpeed = 1.0,
    double MinArrivalSpeed = 4.0,
    double PlatoonGapSeconds = 3.0,
    double SwitchMargin = 0,
    double PermittedShare = 0.6,
    int MaxVehiclesPerMovement = 30,
    double StaleSeconds = 5,
    double ViewSeconds = 14,
    double RateSmoothingSeconds = 60,
    IReadOnlyDictionary<string, double>? DetectorWeights = null)
{
    public const double MinDetectorWeight = 0.1;
    public const double MaxDetectorWeight = 10;

    /// <summary>True for a weight <see cref="DetectorWeights"/> may hold (<see cref="MinDetectorWeight"/>..<see cref="MaxDetectorWeight"/>; not NaN).</summary>
    public static bool IsDetectorWeight(double weight) => weight >= MinDetectorWeight && weight <= MaxDetectorWeight;

    public static ArrivalScheduleSettings Default { get; } = new();
}
