namespace Traffic.Sumo.Runs;

/// <summary>
/// What a policy reads from the runner's detection, so the runner adds and subscribes only those
/// zones (every zone costs SUMO work on every step). <see cref="All"/> is the safe default.
/// </summary>
[Flags]
public enum SensorNeeds
{
    None = 0,

    /// <summary>Stop-bar presence per detector lane (<see cref="Traffic.Control.DetectorReading"/>): calls, gap-out.</summary>
    StopBar = 1,

    /// <summary>Halted vehicles upstream of the stop line (approach queues, movement upstream queues).</summary>
    Queue = 2,

    /// <summary>Halted vehicles downstream on the exit lanes (movement downstream queues).</summary>
    Exit = 4,

    /// <summary>Vehicles (moving or halted) in the queue zone upstream of the stop line: the approaching count of <see cref="Traffic.Control.MovementQueue"/>.</summary>
    Approach = 8,

    /// <summary>
    /// Every vehicle on the approach lanes within the zone, with its distance to the stop line and its speed
    /// (<see cref="Traffic.Control.IArrivalObserver"/>): a tracking camera's view. Read from per-vehicle subscriptions.
    /// </summary>
    Arrivals = 16,

    All = StopBar | Queue | Exit | Approach,
}
