namespace Traffic.Simulation.Field;

/// <summary>
/// How a field run goes. <see cref="Speed"/>: simulated seconds per wall second (1 = real time,
/// <see cref="double.PositiveInfinity"/> = as fast as possible). <see cref="Start"/>: the event time of
/// simulated second 0 (default: now, whole second; then, in real time, second s is paced to the wall-clock
/// instant Start + s, as controllers on NTP time). Detector batches every <see cref="DetectorIntervalS"/>,
/// CCTV counts every <see cref="CctvIntervalS"/>, tracked vehicles (the cameras' tracks within <see cref="TrackRangeM"/> of
/// each stop line) every <see cref="TracksIntervalS"/> (0 = none), controller status (the heartbeat) every
/// <see cref="HeartbeatS"/>; each a multiple of the simulation time step. <see cref="Scenario"/> and the
/// simulation seed go into a recording's header.
/// </summary>
public sealed record FieldOptions
{
    public double Speed { get; init; } = 1;

    public double DurationS { get; init; } = 3600;

    public DateTimeOffset? Start { get; init; }

    public double DetectorIntervalS { get; init; } = 1;

    public double CctvIntervalS { get; init; } = 5;

    public double TracksIntervalS { get; init; } = 1;

    public double TrackRangeM { get; init; } = 200;

    public double HeartbeatS { get; init; } = 1;

    public string Scenario { get; init; } = "";

    public SimulationOptions Simulation { get; init; } = SimulationOptions.Default;

    /// <summary>Failed loops and cameras, and the latency of detector and CCTV messages.</summary>
    public SensorFailures Failures { get; init; } = SensorFailures.None;

    /// <summary>Throws an <see cref="ArgumentException"/> naming every bad value.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (!(Speed > 0))
        {
            errors.Add($"field options: Speed must be > 0 (or infinity for as fast as possible), got {Speed}");
        }

        if (!(DurationS > 0) || double.IsInfinity(DurationS))
        {
            errors.Add($"field options: DurationS must be a positive number, got {DurationS}");
        }

        var dt = Simulation.TimeStepS;
        foreach (var (name, value) in new[] { (nameof(DetectorIntervalS), DetectorIntervalS), (nameof(CctvIntervalS), CctvIntervalS), (nameof(HeartbeatS), HeartbeatS) })
        {
            var steps = value / dt;
            if (!(value > 0) || double.IsInfinity(value) || Math.Abs(steps - Math.Round(steps)) > 1e-6)
            {
                errors.Add($"field options: {name} must be a positive multiple of the time step {dt} s, got {value}");
            }
        }

        var trackSteps = TracksIntervalS / dt;
        if (TracksIntervalS != 0 && (!(TracksIntervalS > 0) || double.IsInfinity(TracksIntervalS) || Math.Abs(trackSteps - Math.Round(trackSteps)) > 1e-6))
        {
            errors.Add($"field options: TracksIntervalS must be 0 (no tracks) or a positive multiple of the time step {dt} s, got {TracksIntervalS}");
        }

        if (!(TrackRangeM > 0) || double.IsInfinity(TrackRangeM))
        {
            errors.Add($"field options: TrackRangeM must be a positive number of metres, got {TrackRangeM}");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
        }
    }
}
