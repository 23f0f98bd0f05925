using Traffic.Signals.Model;

namespace Traffic.Simulation.Synthetic;

/// <summary>
/// A grid network (intersection ids "R00C00", row 0 in the north, column 0 in the west) and a
/// demand over it: vehicles enter on every boundary leg and either go straight across or turn left
/// or right once, at an intersection drawn uniformly along their way, then go straight to the edge.
/// </summary>
public static class SyntheticGrid
{
    public static string Id(int row, int column) => $"R{row:D2}C{column:D2}";

    public static Network Build(GridSpec spec)
    {
        if (spec.Rows < 1 || spec.Columns < 1)
        {
            throw new ArgumentException($"grid {spec.Rows}x{spec.Columns}: rows and columns must be at least 1", nameof(spec));
        }

        if (!(spec.MinSpacingM >= 10 && spec.MaxSpacingM >= spec.MinSpacingM))
        {
            throw new ArgumentException($"grid spacing [{spec.MinSpacingM}, {spec.MaxSpacingM}] m: need 10 <= min <= max", nameof(spec));
        }

        var random = new Random(spec.Seed);
        var colSpacing = Enumerable.Range(0, Math.Max(0, spec.Columns - 1)).Select(_ => Draw(random, spec)).ToArray();
        var rowSpacing = Enumerable.Range(0, Math.Max(0, spec.Rows - 1)).Select(_ => Draw(random, spec)).ToArray();
        var intersections = new List<Intersection>();
        var y = 0.0;
        for (var r = 0; r < spec.Rows; r++)
        {
            var x = 0.0;
            for (var c = 0; c < spec.Columns; c++)
            {
                intersections.Add(FourLegIntersection.Create(Id(r, c), x, y, spec.SpeedKmh, spec.LanesPerApproach));
                x += c < colSpacing.Length ? colSpacing[c] : 0;
            }

            y -= r < rowSpacing.Length ? rowSpacing[r] : 0;
        }

        var links = new List<Link>();
        for (var r = 0; r < spec.Rows; r++)
        {
            for (var c = 0; c < spec.Columns; c++)
            {
                if (c + 1 < spec.Columns)
                {
                    links.Add(new Link(Id(r, c), "E", Id(r, c + 1), "W", colSpacing[c], spec.SpeedKmh));
                    links.Add(new Link(Id(r, c + 1), "W", Id(r, c), "E", colSpacing[c], spec.SpeedKmh));
                }

                if (r + 1 < spec.Rows)
                {
                    links.Add(new Link(Id(r, c), "S", Id(r + 1, c), "N", rowSpacing[r], spec.SpeedKmh));
                    links.Add(new Link(Id(r + 1, c), "N", Id(r, c), "S", rowSpacing[r], spec.SpeedKmh));
                }
            }
        }

        return new Network($"grid-{spec.Rows}x{spec.Columns}", intersections, links, []);
    }

    /// <summary>
    /// <paramref name="vehiclesPerHour"/> spread evenly over the boundary entries; at each entry a share
    /// <paramref name="straightShare"/> goes straight across, the rest turns once (left and right alike).
    /// </summary>
    public static Demand Demand(GridSpec spec, double vehiclesPerHour, double straightShare = 0.5)
    {
        var entries = new List<(int Row, int Column, string Leg)>();
        for (var c = 0; c < spec.Columns; c++)
        {
            entries.Add((0, c, "N"));
            entries.Add((spec.Rows - 1, c, "S"));
        }

        for (var r = 0; r < spec.Rows; r++)
        {
            entries.Add((r, 0, "W"));
            entries.Add((r, spec.Columns - 1, "E"));
        }

        var perEntry = vehiclesPerHour / entries.Count;
        var flows = new List<RouteFlow>();
        foreach (var (row, column, leg) in entries)
        {
            var name = $"{Id(row, column)}.{leg}";
            flows.Add(new RouteFlow($"{name}.straight", Walk(spec, row, column, leg, -1, Turn.Through), perEntry * straightShare));
            var across = leg is "N" or "S" ? spec.Rows : spec.Columns;
            foreach (var turn in new[] { Turn.Left, Turn.Right })
            {
                for (var at = 0; at < across; at++)
                {
                    flows.Add(new RouteFlow($"{name}.{turn}{at}", Walk(spec, row, column, leg, at, turn), perEntry * (1 - straightShare) / (2 * across)));
                }
            }
        }

        return new Demand(flows);
    }

    private static List<RouteStep> Walk(GridSpec spec, int row, int column, string fromLeg, int turnAt, Turn turn)
    {
        var steps = new List<RouteStep>();
        while (row >= 0 && row < spec.Rows && column >= 0 && column < spec.Columns)
        {
            var t = steps.Count == turnAt ? turn : Turn.Through;
            var code = t switch
            {
                Turn.Left => "L",
                Turn.Right => "R",
                _ => "T",
            };
            steps.Add(new RouteStep(Id(row, column), $"{fromLeg}.{code}"));
            var exit = FourLegIntersection.ExitLeg(fromLeg, t);
            (row, column, fromLeg) = exit switch
            {
                "N" => (row - 1, column, "S"),
                "S" => (row + 1, column, "N"),
                "E" => (row, column + 1, "W"),
                _ => (row, column - 1, "E"),
            };
        }

        return steps;
    }

    private static double Draw(Random random, GridSpec spec) =>
        Math.Round(spec.MinSpacingM + (random.NextDouble() * (spec.MaxSpacingM - spec.MinSpacingM)));
}
