namespace Traffic.Simulation;

/// <summary>
/// How <see cref="ControlledSignals"/> runs the controllers. <paramref name="DecideEveryTicks"/>: the policy
/// decides every this many 0.1 s ticks (and always at the tick where new detector readings arrive);
/// 1 = every tick. <paramref name="CctvIntervalS"/>: how often each camera reports to its policy.
/// <paramref name="MovementCountIntervalS"/>: how often the CCTV movement counter gives a policy that
/// implements <see cref="Traffic.Control.IMovementQueueObserver"/> one <see cref="Traffic.Control.MovementQueue"/>
/// per movement (halted and approaching vehicles within <paramref name="MovementZoneM"/> of the stop line,
/// halted per exit lane downstream); 0 = never (policies then see loops and leg observations only).
/// <see cref="Failures"/>: failed loops and cameras and the latency of every reading (what the policy is given;
/// the simulation's sensors themselves stay exact, their noise is <see cref="SimulationOptions.Noise"/>).
/// </summary>
public sealed record ClosedLoopOptions(int DecideEveryTicks = 1, double CctvIntervalS = 5.0, double MovementCountIntervalS = 1.0, double MovementZoneM = 200)
{
    public static ClosedLoopOptions Default { get; } = new();

    public SensorFailures Failures { get; init; } = SensorFailures.None;

    /// <summary>
    /// With the movement counts, also give a policy that implements <see cref="Traffic.Control.IArrivalObserver"/> the
    /// vehicles the cameras track on each stop-bar detector's lanes within <see cref="MovementZoneM"/> (distance and
    /// speed), as a tracking camera would; not at an intersection with a camera out. Off by default.
    /// </summary>
    public bool TrackedArrivals { get; init; }

    public void Validate()
    {
        if (DecideEveryTicks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DecideEveryTicks), DecideEveryTicks, "closed loop: the policy must decide at least every tick count >= 1");
        }

        if (!(CctvIntervalS > 0) || double.IsInfinity(CctvIntervalS))
        {
            throw new ArgumentOutOfRangeException(nameof(CctvIntervalS), CctvIntervalS, "closed loop: the CCTV interval must be a positive number of seconds");
        }

        if (!(MovementCountIntervalS >= 0) || double.IsInfinity(MovementCountIntervalS))
        {
            throw new ArgumentOutOfRangeException(nameof(MovementCountIntervalS), MovementCountIntervalS, "closed loop: the movement count interval must be >= 0 s (0 = off)");
        }

        if (!(MovementZoneM > 0) || double.IsInfinity(MovementZoneM))
        {
            throw new ArgumentOutOfRangeException(nameof(MovementZoneM), MovementZoneM, "closed loop: the movement counter's zone must be a positive number of metres");
        }
    }
}
