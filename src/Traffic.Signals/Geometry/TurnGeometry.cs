using Traffic.Signals.Model;

namespace Traffic.Signals.Geometry;

/// <summary>
/// Angles between legs, right-hand traffic. The turn angle of a path from leg A to leg B is
/// (bearing(B) - (bearing(A) + 180)) mod 360: 0 straight on, 90 right, 270 left.
/// </summary>
public static class TurnGeometry
{
    /// <summary>Legs whose bearings differ by 180 +- this many degrees oppose each other.</summary>
    public const double OpposingToleranceDeg = 45.0;

    public static double Normalize(double degrees)
    {
        var d = degrees % 360.0;
        return d < 0 ? d + 360.0 : d;
    }

    public static double TurnAngle(double entryBearing, double exitBearing) =>
        Normalize(exitBearing - (entryBearing + 180.0));

    public static bool Opposing(double bearingA, double bearingB) =>
        Math.Abs(Normalize(bearingA - bearingB) - 180.0) <= OpposingToleranceDeg;

    /// <summary>The turn-angle window a turn must fall in, and its ideal angle.</summary>
    public static (double Ideal, double From, double To) Window(Turn turn) => turn switch
    {
        Turn.Through => (0.0, -45.0, 45.0),
        Turn.Right => (90.0, 30.0, 150.0),
        Turn.Left => (270.0, 210.0, 330.0),
        _ => (0.0, 0.0, 0.0),
    };

    /// <summary>Whether a path from <paramref name="entry"/> to <paramref name="exit"/> fits <paramref name="turn"/>.</summary>
    public static bool Fits(Turn turn, Leg entry, Leg exit)
    {
        if (turn == Turn.UTurn || entry.Id == exit.Id)
        {
            return turn == Turn.UTurn && entry.Id == exit.Id;
        }

        var (_, from, to) = Window(turn);
        var angle = TurnAngle(entry.BearingDeg, exit.BearingDeg);
        var signed = angle > 180.0 && from < 0 ? angle - 360.0 : angle;
        return signed >= from && signed <= to;
    }

    /// <summary>
    /// The exit leg of <paramref name="turn"/> from <paramref name="entry"/>: the leg whose turn angle
    /// is closest to the turn's ideal angle inside its window (U = the entry leg itself); null if none.
    /// </summary>
    public static Leg? ResolveExit(IReadOnlyList<Leg> legs, Leg entry, Turn turn)
    {
        if (turn == Turn.UTurn)
        {
            return entry;
        }

        var (ideal, _, _) = Window(turn);
        Leg? best = null;
        var bestDistance = double.MaxValue;
        foreach (var leg in legs)
        {
            if (leg.Id == entry.Id || !Fits(turn, entry, leg))
            {
                continue;
            }

            var angle = TurnAngle(entry.BearingDeg, leg.BearingDeg);
            var distance = Math.Abs(Normalize(angle - ideal + 180.0) - 180.0);
            if (distance < bestDistance)
            {
                best = leg;
                bestDistance = distance;
            }
        }

        return best;
    }

    public static string Code(Turn turn) => turn switch
    {
        Turn.Left => "L",
        Turn.Through => "T",
        Turn.Right => "R",
        _ => "U",
    };

    public static Turn? Parse(string code) => code switch
    {
        "L" => Turn.Left,
        "T" => Turn.Through,
        "R" => Turn.Right,
        "U" => Turn.UTurn,
        _ => null,
    };
}
