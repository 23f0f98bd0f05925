using Traffic.Signals.Geometry;
using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// Path lengths through an intersection, from the legs' bearings and lane counts. Every stop line
/// sits at radius R = (widest leg's carriageway)/2 + 2 m from the centre. A movement runs from the
/// middle of its entry leg's inbound lanes (right of the centre line, right-hand traffic) to the
/// middle of its exit leg's outbound lanes, along a circular arc tangent to both headings:
/// length = chord * (phi/2) / sin(phi/2), phi the heading change.
/// </summary>
public static class IntersectionGeometry
{
    private const double StopLineSetbackM = 2.0;

    public static double Radius(Intersection intersection)
    {
        var widest = 0.0;
        foreach (var leg in intersection.Legs)
        {
            widest = Math.Max(widest, leg.WidthM);
        }

        return (widest / 2) + StopLineSetbackM;
    }

    public static double PathLength(Intersection intersection, Movement movement)
    {
        var from = intersection.Leg(movement.FromLeg);
        var to = intersection.Leg(movement.ToLeg);
        var r = Radius(intersection);
        var inOffset = Constants.LaneWidthM * Math.Max(1, from.InboundLanes) / 2;
        var outOffset = Constants.LaneWidthM * Math.Max(1, to.OutboundLanes) / 2;

        // Entry: on leg "from", heading (from + 180); the driver's right is (from + 270).
        var (ex, ey) = Add(Unit(from.BearingDeg, r), Unit(from.BearingDeg + 270, inOffset));

        // Exit: on leg "to", heading "to"; the driver's right is (to + 90).
        var (xx, xy) = Add(Unit(to.BearingDeg, r), Unit(to.BearingDeg + 90, outOffset));
        var chord = Math.Sqrt(((xx - ex) * (xx - ex)) + ((xy - ey) * (xy - ey)));

        var phi = Math.Abs(Wrap(to.BearingDeg - (from.BearingDeg + 180))) * Math.PI / 180;
        var factor = phi < 1e-6 ? 1.0 : phi / 2 / Math.Sin(phi / 2);
        return Math.Max(1.0, chord * factor);
    }

    /// <summary>Angle in (-180, 180].</summary>
    internal static double Wrap(double deg)
    {
        var d = deg % 360;
        if (d > 180)
        {
            d -= 360;
        }
        else if (d <= -180)
        {
            d += 360;
        }

        return d;
    }

    private static (double X, double Y) Unit(double bearingDeg, double length)
    {
        var rad = bearingDeg * Math.PI / 180;
        return (length * Math.Sin(rad), length * Math.Cos(rad));
    }

    private static (double X, double Y) Add((double X, double Y) a, (double X, double Y) b) => (a.X + b.X, a.Y + b.Y);
}
