namespace Traffic.Signals.Geometry;

/// <summary>Physical constants used by the timing formulas (see docs/config.md and DOMAIN.md).</summary>
public static class Constants
{
    public const double LaneWidthM = 3.5;
    public const double VehicleLengthM = 6.0;
    public const double PerceptionReactionS = 1.0;
    public const double DecelerationMs2 = 3.05;
    public const double Gravity = 9.81;
    public const double PedWalkSpeedMs = 1.07;
    public const double PedSlowWalkSpeedMs = 0.91;
}
