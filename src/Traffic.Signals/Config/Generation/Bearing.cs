namespace Traffic.Signals.Config.Generation;

/// <summary>Compass arithmetic (degrees, 0 = north, clockwise).</summary>
internal static class Bearing
{
    private static readonly string[] Points = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];

    public static double Normalize(double deg)
    {
        var d = deg % 360;
        return d < 0 ? d + 360 : d;
    }

    /// <summary>Signed difference a - b in (-180, 180].</summary>
    public static double Difference(double a, double b)
    {
        var d = Normalize(a - b);
        return d > 180 ? d - 360 : d;
    }

    /// <summary>Bearing from (x1, y1) to (x2, y2), x east and y north.</summary>
    public static double Between(double x1, double y1, double x2, double y2) =>
        Normalize(Math.Atan2(x2 - x1, y2 - y1) * 180 / Math.PI);

    public static string CompassPoint(double deg) =>
        Points[(int)Math.Round(Normalize(deg) / 45, MidpointRounding.AwayFromZero) % 8];
}
