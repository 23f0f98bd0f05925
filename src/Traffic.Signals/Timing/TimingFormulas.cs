using Traffic.Signals.Geometry;

namespace Traffic.Signals.Timing;

/// <summary>
/// Default interval lengths (seconds) from the standard engineering formulas, each rounded UP to
/// the next 0.1 s so that a computed value is never shorter than the formula asks for.
/// See docs/config.md for the numbers.
/// </summary>
public static class TimingFormulas
{
    /// <summary>Yellow is never shorter than this, whatever the formula gives.</summary>
    public const double MinYellowS = 3.0;

    public const double MinRedClearanceS = 1.0;

    public const double MaxRedClearanceS = 6.0;

    public const double MinWalkS = 7.0;

    /// <summary>
    /// ITE kinematic yellow change interval: Y = t + v / (2a + 2gG), with t = 1.0 s, a = 3.05 m/s2,
    /// g = 9.81 m/s2, v the approach speed (m/s) and G the grade as a decimal (uphill positive).
    /// Not floored at <see cref="MinYellowS"/>; callers apply that floor.
    /// </summary>
    public static double IteYellow(double speedKmh, double gradePercent)
    {
        var v = speedKmh / 3.6;
        var denominator = (2 * Constants.DecelerationMs2) + (2 * Constants.Gravity * gradePercent / 100.0);
        return RoundUp(Constants.PerceptionReactionS + (v / denominator));
    }

    /// <summary>Red clearance R = (W + L) / v with L = 6 m vehicle length, clamped to [1.0, 6.0] s.</summary>
    public static double RedClearance(double widthM, double speedKmh)
    {
        var v = speedKmh / 3.6;
        var r = (widthM + Constants.VehicleLengthM) / v;
        return RoundUp(Math.Clamp(r, MinRedClearanceS, MaxRedClearanceS));
    }

    /// <summary>Pedestrian clearance (flashing don't walk): crossing length at 1.07 m/s.</summary>
    public static double PedClearance(double lengthM) => RoundUp(lengthM / Constants.PedWalkSpeedMs);

    /// <summary>
    /// Walk: at least 7 s, and long enough that walk + clearance covers the whole crossing at the
    /// slow walking speed of 0.91 m/s.
    /// </summary>
    public static double Walk(double lengthM, double pedClearance) =>
        RoundUp(Math.Max(MinWalkS, (lengthM / Constants.PedSlowWalkSpeedMs) - pedClearance));

    /// <summary>Rounds up to the next 0.1 s, ignoring floating-point noise below 1e-7 s.</summary>
    public static double RoundUp(double seconds) => Math.Ceiling((seconds * 10.0) - 1e-6) / 10.0;

    /// <summary>True when <paramref name="seconds"/> is a whole number of tenths of a second.</summary>
    public static bool IsTenths(double seconds) => Math.Abs((seconds * 10.0) - Math.Round(seconds * 10.0)) < 1e-6;
}
