namespace Traffic.Simulation;

/// <summary>
/// Intelligent Driver Model (Treiber, Hennecke, Helbing 2000):
/// a = A [1 - (v/v0)^Delta - (s*/s)^2], s* = S0 + max(0, v T + v dv / (2 sqrt(A B))),
/// with v0 the lane's speed limit, s the bumper-to-bumper gap to the leader and dv the closing speed.
/// The defaults were tuned so a queue released on green discharges at 1800-1950 veh/h/lane at
/// 50-60 km/h (docs/simulation.md): the textbook T = 1.5 s caps IDM's flow near 1470 veh/h at 50 km/h.
/// </summary>
/// <param name="TimeHeadwayS">Desired time headway T (s).</param>
/// <param name="MinGapM">Jam gap s0 (m) between stopped vehicles.</param>
/// <param name="MaxAccelerationMs2">Maximum acceleration A (m/s2).</param>
/// <param name="ComfortableDecelerationMs2">Comfortable deceleration B (m/s2).</param>
/// <param name="MaxDecelerationMs2">Physical braking limit (m/s2); IDM may ask for more in emergencies.</param>
/// <param name="Delta">Free-road acceleration exponent.</param>
/// <param name="VehicleLengthM">Vehicle length (m); the jam spacing is length + s0.</param>
public sealed record IdmParameters(
    double TimeHeadwayS = 1.0,
    double MinGapM = 2.0,
    double MaxAccelerationMs2 = 1.7,
    double ComfortableDecelerationMs2 = 2.0,
    double MaxDecelerationMs2 = 9.0,
    double Delta = 4.0,
    double VehicleLengthM = 5.0)
{
    /// <summary>Road length one stopped vehicle takes (length + jam gap).</summary>
    public double JamSpacingM => VehicleLengthM + MinGapM;
}
