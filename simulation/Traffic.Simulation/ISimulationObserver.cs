namespace Traffic.Simulation;

/// <summary>
/// Receives vehicle events as they happen (for evaluation, recording and tests). Called on the
/// simulation thread inside <see cref="Simulation.Step"/>; keep it cheap.
/// </summary>
public interface ISimulationObserver
{
    /// <summary>A vehicle entered the network at the upstream end of an entry link.</summary>
    void Entered(in VehicleEvent e);

    /// <summary>A vehicle's front crossed a stop line.</summary>
    void CrossedStopLine(in StopLineCrossing e);

    /// <summary>A vehicle left the network at the end of an exit link.</summary>
    void Exited(in VehicleEvent e);
}

/// <summary>
/// <paramref name="Serial"/> numbers vehicles from 1 in order of entry; <paramref name="Flow"/> is the index of its route flow in the demand.
/// <paramref name="ArrivalTime"/>: when the vehicle arrived in the demand (it may have waited outside the entry link);
/// <paramref name="Stops"/>: times it came to a stop so far (speed below <see cref="Simulation.StopSpeedMs"/>, counted
/// again only after it has reached <see cref="Simulation.RestartSpeedMs"/>).
/// </summary>
public readonly record struct VehicleEvent(long Serial, double Time, int Flow, int Lane, VehicleClass Class, double ArrivalTime = 0, int Stops = 0);

/// <summary>
/// <paramref name="Time"/>: when the front crossed (interpolated inside the step);
/// <paramref name="StepStart"/>: start of the step, the time the <paramref name="Signal"/> was read.
/// <paramref name="Movement"/> is the global movement index, <paramref name="Intersection"/> the model index.
/// <paramref name="NextMovement"/>: the global index of the vehicle's movement at the next intersection, -1 when it
/// leaves the network after this one; <paramref name="NextLane"/>: the lane it entered.
/// </summary>
public readonly record struct StopLineCrossing(
    long Serial,
    double Time,
    double StepStart,
    int Intersection,
    int Movement,
    int Lane,
    MovementSignal Signal,
    double Speed,
    VehicleClass Class,
    int NextMovement = -1,
    int NextLane = -1);
