namespace Traffic.Signals.Model;

/// <summary>
/// One road arm of an intersection. <paramref name="BearingDeg"/> is the compass direction from the
/// centre of the intersection out along the leg (0 = north, 90 = east). A one-way street has
/// <paramref name="InboundLanes"/> (towards the intersection) or <paramref name="OutboundLanes"/> equal to 0.
/// </summary>
public sealed record Leg(
    string Id,
    double BearingDeg,
    double SpeedLimitKmh,
    double GradePercent,
    int InboundLanes,
    int OutboundLanes)
{
    public double SpeedLimitMs => SpeedLimitKmh / 3.6;

    /// <summary>Approximate width of the leg's carriageway in metres (3.5 m per lane).</summary>
    public double WidthM => (InboundLanes + OutboundLanes) * Geometry.Constants.LaneWidthM;
}
