namespace Traffic.Simulation;

/// <summary>
/// ATSPM measures of one intersection over a run. <paramref name="Arrivals"/>: vehicles whose free-flow
/// arrival at a stop line fell in the run; <paramref name="ArrivalsOnGreen"/>: those that would have
/// arrived while their movement showed green (protected or permitted). <paramref name="PhaseGreens"/>:
/// vehicle phase greens ended (and measured) in the run; <paramref name="SplitFailures"/>: those with a
/// stop-bar loop occupied more than 80 % of both the first 5 s of green and the first 5 s of red after it.
/// </summary>
public sealed record IntersectionMetrics(string Id, long Arrivals, long ArrivalsOnGreen, int PhaseGreens, int SplitFailures)
{
    public double ArrivalsOnGreenPercent => Arrivals == 0 ? 0 : 100.0 * ArrivalsOnGreen / Arrivals;
}

/// <summary>
/// The evaluation of one run (docs/simulation.md, "Evaluation"). Delays are control delays: time in
/// the system since arrival in the demand minus the free-flow time of the distance covered.
/// <paramref name="MeanDelayS"/> is over every vehicle that arrived (finished trips, vehicles still on the
/// network and vehicles still waiting to enter, the last two with their delay so far);
/// <paramref name="MeanTripDelayS"/>, <paramref name="MeanTravelTimeS"/> and <paramref name="P95TravelTimeS"/>
/// over finished trips; <paramref name="StopsPerVehicle"/> over vehicles that entered.
/// <paramref name="ThroughputVph"/>: trips finished per hour of run. <paramref name="MaxQueueVehicles"/>: the most
/// vehicles slower than 2 m/s on one approach at a 5 s sample, at <paramref name="MaxQueueWhere"/>.
/// <paramref name="SpillbackLaneSeconds"/>: lane-seconds in which an approach lane's front vehicle had the
/// signal to go but the lane beyond was full. <paramref name="SplitFailures"/> and <paramref name="PhaseGreens"/>
/// are 0 when the signal view knows no phases. <paramref name="SafetyFaults"/>: faults latched by the
/// safety monitors (must be 0); <paramref name="RedOvershoots"/>: steps a vehicle was held at the line on red
/// after failing to stop (0 expected).
/// </summary>
public sealed record RunMetrics(
    string Policy,
    int Seed,
    double DurationS,
    long Arrived,
    long Entered,
    long Finished,
    long OnNetwork,
    long WaitingToEnter,
    double MeanDelayS,
    double MeanTripDelayS,
    double StopsPerVehicle,
    double ThroughputVph,
    double MeanTravelTimeS,
    double P95TravelTimeS,
    int MaxQueueVehicles,
    string MaxQueueWhere,
    double SpillbackLaneSeconds,
    double ArrivalsOnGreenPercent,
    int PhaseGreens,
    int SplitFailures,
    int SafetyFaults,
    long RedOvershoots,
    double WallSeconds,
    IReadOnlyList<IntersectionMetrics> Intersections)
{
    public double SplitFailurePercent => PhaseGreens == 0 ? 0 : 100.0 * SplitFailures / PhaseGreens;

    /// <summary>Pedestrians that arrived at a crosswalk in the run.</summary>
    public long Pedestrians { get; init; }

    /// <summary>Mean and 95th percentile (nearest rank) of the pedestrians' wait from arrival to starting to cross; those still waiting count with their wait so far.</summary>
    public double MeanPedestrianWaitS { get; init; }

    public double P95PedestrianWaitS { get; init; }

    /// <summary>Emergency-vehicle trips finished, their mean travel time (arrival in the demand to leaving) and mean control delay.</summary>
    public int EmergencyTrips { get; init; }

    public double MeanEmergencyTravelS { get; init; }

    public double MeanEmergencyDelayS { get; init; }

    /// <summary>Bus trips finished and their mean control delay.</summary>
    public int BusTrips { get; init; }

    public double MeanBusDelayS { get; init; }

    /// <summary>Arrivals at the stop lines of <see cref="EvaluationOptions.PeakMovements"/> (the peak-direction through movements of coordinated corridors) and those on green.</summary>
    public long PeakArrivals { get; init; }

    public long PeakArrivalsOnGreen { get; init; }

    public double PeakArrivalsOnGreenPercent => PeakArrivals == 0 ? 0 : 100.0 * PeakArrivalsOnGreen / PeakArrivals;
}
