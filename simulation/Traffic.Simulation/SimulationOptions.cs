namespace Traffic.Simulation;

/// <summary>
/// Run settings. <paramref name="EntryLinkLengthM"/>: length of the approach link on a leg fed from
/// outside the network (vehicles appear at its upstream end). <paramref name="ExitLinkLengthM"/>: length
/// of a link leaving the network (vehicles disappear at its end). <paramref name="PermittedGapS"/>:
/// a permitted left or U turn waits while an opposing through or right-turning vehicle is this many
/// seconds or less from its stop line; <paramref name="PermittedClearS"/>: and for this long after one
/// crossed. <paramref name="CctvRangeM"/>: how far upstream of the stop line a camera sees queues.
/// <paramref name="YellowStopDecelerationMs2"/>: at yellow a driver stops when it can stop at this
/// deceleration, otherwise goes. The default is the ITE design value (3.05 m/s2) the project's yellow
/// formula assumes, so a vehicle that goes always clears the stop line before red; with the
/// comfortable IDM b (2.0) a dilemma zone opens (docs/simulation.md).
/// </summary>
public sealed record SimulationOptions(
    double TimeStepS = 0.5,
    int Seed = 1,
    double EntryLinkLengthM = 300,
    double ExitLinkLengthM = 200,
    double PermittedGapS = 4.0,
    double PermittedClearS = 1.5,
    double StopBarLoopLengthM = 6.0,
    double AdvanceLoopLengthM = 2.0,
    double CctvRangeM = 150,
    double QueueSpeedMs = 2.0,
    double YellowStopDecelerationMs2 = Traffic.Signals.Geometry.Constants.DecelerationMs2)
{
    public IdmParameters Idm { get; init; } = new();

    public SensorNoise Noise { get; init; } = SensorNoise.None;

    public static SimulationOptions Default { get; } = new();

    /// <summary>Throws with every bad value named.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        void Positive(string name, double v)
        {
            if (!(v > 0) || double.IsInfinity(v))
            {
                errors.Add($"{name} must be a positive number, got {v}");
            }
        }

        Positive(nameof(TimeStepS), TimeStepS);
        Positive(nameof(EntryLinkLengthM), EntryLinkLengthM);
        Positive(nameof(ExitLinkLengthM), ExitLinkLengthM);
        Positive(nameof(PermittedGapS), PermittedGapS);
        Positive(nameof(StopBarLoopLengthM), StopBarLoopLengthM);
        Positive(nameof(AdvanceLoopLengthM), AdvanceLoopLengthM);
        Positive(nameof(CctvRangeM), CctvRangeM);
        Positive(nameof(QueueSpeedMs), QueueSpeedMs);
        Positive(nameof(YellowStopDecelerationMs2), YellowStopDecelerationMs2);
        Positive("Idm.TimeHeadwayS", Idm.TimeHeadwayS);
        Positive("Idm.MinGapM", Idm.MinGapM);
        Positive("Idm.MaxAccelerationMs2", Idm.MaxAccelerationMs2);
        Positive("Idm.ComfortableDecelerationMs2", Idm.ComfortableDecelerationMs2);
        Positive("Idm.MaxDecelerationMs2", Idm.MaxDecelerationMs2);
        Positive("Idm.Delta", Idm.Delta);
        Positive("Idm.VehicleLengthM", Idm.VehicleLengthM);
        if (!(PermittedClearS >= 0))
        {
            errors.Add($"{nameof(PermittedClearS)} must be >= 0, got {PermittedClearS}");
        }

        errors.AddRange(Noise.Errors());
        if (errors.Count > 0)
        {
            throw new SimulationConfigException("simulation options", errors);
        }
    }
}
