namespace Traffic.Simulation.Synthetic;

/// <summary>
/// A synthetic grid of four-leg intersections: <paramref name="Rows"/> x <paramref name="Columns"/>,
/// spacing between neighbouring rows/columns drawn from [<paramref name="MinSpacingM"/>, <paramref name="MaxSpacingM"/>]
/// (the link length), <paramref name="LanesPerApproach"/> lanes in and out on every leg.
/// </summary>
public sealed record GridSpec(
    int Rows,
    int Columns,
    double MinSpacingM = 300,
    double MaxSpacingM = 500,
    double SpeedKmh = 50,
    int LanesPerApproach = 2,
    int Seed = 1);
