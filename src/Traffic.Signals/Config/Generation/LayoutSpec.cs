namespace Traffic.Signals.Config.Generation;

/// <summary>The axis of the main street (the street served by phase 2).</summary>
public enum MainAxis
{
    EastWest,
    NorthSouth,
}

/// <summary>
/// One leg as a template should build it. <paramref name="Lanes"/> is the number of through lanes
/// of the carriageway in each direction (turn pockets come on top where the layout has them);
/// <paramref name="GradePercent"/> is positive uphill towards the intersection.
/// </summary>
public sealed record LegSpec(double BearingDeg, double SpeedKmh, int Lanes, double GradePercent = 0);

/// <summary>
/// What a layout template needs to build one intersection. The four compass legs are always given;
/// a layout uses the ones it has (a tee drops one side leg, a mid-block crossing both). The roles
/// (main street A and C, side street B and D, clockwise A, B, C, D) come from
/// <paramref name="Axis"/> and <paramref name="Flip"/>: east-west gives A = W, B = N, C = E, D = S;
/// north-south gives A = N, B = E, C = S, D = W; <paramref name="Flip"/> turns the roles by 180 degrees.
/// A is where phase 2 enters, the side leg of a tee is D, a one-way main street flows from A to C.
/// <paramref name="Diagonal"/> is the fifth leg of a five-leg junction (default: 60 degrees clockwise
/// from B, with B's speed and one lane).
/// </summary>
public sealed record LayoutSpec(
    string Id,
    string Name,
    double X,
    double Y,
    MainAxis Axis,
    bool Flip,
    LegSpec North,
    LegSpec East,
    LegSpec South,
    LegSpec West,
    LegSpec? Diagonal = null)
{
    /// <summary>An example with exact compass bearings: main street 60 km/h, side street 40 km/h.</summary>
    public static LayoutSpec Example(string id, string name, int mainLanes = 2, int sideLanes = 1) =>
        new(
            id,
            name,
            0,
            0,
            MainAxis.EastWest,
            false,
            new LegSpec(0, 40, sideLanes),
            new LegSpec(90, 60, mainLanes),
            new LegSpec(180, 40, sideLanes),
            new LegSpec(270, 60, mainLanes));
}
