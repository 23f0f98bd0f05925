namespace Traffic.Signals.Config.Generation;

/// <summary>
/// Seeded generator of a synthetic arterial network shaped like Daegu's CCTV intersections (see
/// docs/network.md). East-west and north-south arterial corridors form a jittered grid; where two
/// arterials cross stands a NEMA eight-phase intersection; between and beyond the crossings lie the
/// other layouts in a fixed mix, 200..800 m apart. Only <see cref="Random"/> seeded with
/// <see cref="GeneratorOptions.Seed"/> is used, in a fixed order, so a seed always gives the same file.
/// </summary>
public static class NetworkGenerator
{
    public const double MinSpacingM = 200;
    public const double MaxSpacingM = 800;

    /// <summary>Share of each layout among the intersections that are not arterial crossings (those are all nema8).</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Mix { get; } =
    [
        new(LayoutTemplates.TwoPhase, 0.44),
        new(LayoutTemplates.Tee, 0.24),
        new(LayoutTemplates.Midblock, 0.10),
        new(LayoutTemplates.FiveLeg, 0.08),
        new(LayoutTemplates.OneWay, 0.08),
        new(LayoutTemplates.Scramble, 0.06),
    ];

    // Arterial spacing (between crossings) and spacing of the intersections between them. With
    // k intermediates the mean piece of a segment lies in 300..600 m and each boundary moves by at
    // most 10 % of a piece, so every piece stays in 240..720 m, inside 200..800.
    private const int MinArterialGapM = 1100;
    private const int MaxArterialGapM = 2000;
    private const double MinMeanPieceM = 300;
    private const double MaxMeanPieceM = 600;
    private const double BoundaryJitter = 0.1;
    private const int MaxStubIntersections = 6;
    private const int MinStubPieceM = 300;
    private const int MaxStubPieceM = 700;
    private const double CrossingJitterM = 25;
    private const double WobbleM = 10;
    private const double CorridorLegMaxTurnDeg = 6;
    private const double EndLegJitterDeg = 3;
    private const double SideLegJitterDeg = 4;
    private const double DiagonalOffsetDeg = 60;

    private static readonly string[] EastWestNames =
        ["Dalgubeol-daero", "Gukchaebosang-ro", "Taepyeong-ro", "Apsan-sunhwan-ro", "Daemyeong-ro", "Gonghang-ro", "Palgong-ro"];

    private static readonly string[] NorthSouthNames =
        ["Jungang-daero", "Sincheon-daero", "Dongdaegu-ro", "Seongdang-ro", "Waryong-ro", "Wolbae-ro", "Chilgok-jungang-daero"];

    public static NetworkDocument Generate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CorridorCount is { } given && given is < GeneratorOptions.MinCorridors or > GeneratorOptions.MaxCorridors)
        {
            throw new GeneratorOptionsException(
                $"corridor count {given} is outside {GeneratorOptions.MinCorridors}..{GeneratorOptions.MaxCorridors}");
        }

        var rng = new Random(options.Seed);
        var corridorCount = options.CorridorCount ?? rng.Next(GeneratorOptions.MinCorridors, GeneratorOptions.MaxCorridors + 1);
        var rows = (corridorCount + 1) / 2;
        var columns = corridorCount - rows;

        var ys = ArterialOffsets(rng, rows);
        var xs = ArterialOffsets(rng, columns);
        var corridors = new List<CorridorPlan>();
        for (var i = 0; i < rows; i++)
        {
            corridors.Add(NewCorridor(rng, $"C{corridors.Count + 1:00}", EastWestNames[i], MainAxis.EastWest));
        }

        for (var j = 0; j < columns; j++)
        {
            corridors.Add(NewCorridor(rng, $"C{corridors.Count + 1:00}", NorthSouthNames[j], MainAxis.NorthSouth));
        }

        var grid = new Node[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                grid[i, j] = new Node(xs[j] + Jitter(rng, CrossingJitterM), ys[i] + Jitter(rng, CrossingJitterM))
                {
                    EastWest = corridors[i],
                    NorthSouth = corridors[rows + j],
                };
            }
        }

        var slots = new List<Slot>();
        for (var c = 0; c < corridors.Count; c++)
        {
            var along = new List<Node>();
            for (var k = 0; k < (c < rows ? columns : rows); k++)
            {
                along.Add(c < rows ? grid[c, k] : grid[k, c - rows]);
            }

            slots.Add(new Slot(corridors[c], null, along[0]));
            for (var k = 0; k + 1 < along.Count; k++)
            {
                slots.Add(new Slot(corridors[c], along[k], along[k + 1]));
            }

            slots.Add(new Slot(corridors[c], along[^1], null));
        }

        Distribute(rng, slots, options.IntersectionCount - (rows * columns), rows, columns);
        foreach (var corridor in corridors)
        {
            corridor.Nodes.AddRange(LayOut(rng, corridor, slots.Where(s => s.Corridor == corridor).ToList()));
            for (var k = 0; k + 1 < corridor.Nodes.Count; k++)
            {
                corridor.Grades.Add(RandomGrade(rng));
            }
        }

        var nodes = AssignIds(corridors);
        AssignLayouts(rng, nodes, (xs[0] + xs[^1]) / 2, (ys[0] + ys[^1]) / 2);
        return Assemble($"Daegu arterial network (synthetic, seed {options.Seed})", corridors, nodes, rng);
    }

    /// <summary>
    /// Five intersections on one east-west corridor, 60 km/h, 350..450 m apart, exact compass bearings:
    /// nema8, twophase, tee, midblock, nema8. Links both ways.
    /// </summary>
    public static NetworkDocument SampleCorridor()
    {
        var corridor = new CorridorPlan("C01", "Sample-ro", MainAxis.EastWest, 60, 2, false);
        string[] layouts = [LayoutTemplates.Nema8, LayoutTemplates.TwoPhase, LayoutTemplates.Tee, LayoutTemplates.Midblock, LayoutTemplates.Nema8];
        double[] xs = [0, 450, 800, 1150, 1600];
        for (var k = 0; k < layouts.Length; k++)
        {
            corridor.Nodes.Add(new Node(xs[k], 0) { EastWest = corridor, Layout = layouts[k] });
            if (k > 0)
            {
                corridor.Grades.Add(0);
            }
        }

        var nodes = AssignIds([corridor]);
        NameNodes(nodes);
        return Assemble("Sample corridor", [corridor], nodes, rng: null);
    }

    private static CorridorPlan NewCorridor(Random rng, string id, string name, MainAxis axis)
    {
        var speed = 50 + (10 * rng.Next(3));
        var lanes = speed switch
        {
            70 => 3,
            60 => rng.Next(2, 4),
            _ => 2,
        };
        return new CorridorPlan(id, name, axis, speed, lanes, OneWayFlip: rng.Next(2) == 1);
    }

    /// <summary>Offsets of parallel arterials, each 1100..2000 m (in 10 m steps) from the previous one.</summary>
    private static double[] ArterialOffsets(Random rng, int count)
    {
        var offsets = new double[count];
        for (var i = 1; i < count; i++)
        {
            offsets[i] = offsets[i - 1] + (10 * rng.Next(MinArterialGapM / 10, (MaxArterialGapM / 10) + 1));
        }

        return offsets;
    }

    /// <summary>
    /// Gives each slot its number of intermediate intersections: every segment between crossings its
    /// minimum, then one at a time at random, to a segment with room four times in five, else to a stub.
    /// </summary>
    private static void Distribute(Random rng, List<Slot> slots, int extra, int rows, int columns)
    {
        var min = slots.Sum(s => s.Min);
        var max = slots.Sum(s => s.Max);
        if (extra < min || extra > max)
        {
            throw new GeneratorOptionsException(
                $"intersection count {extra + (rows * columns)} does not fit a {rows} x {columns} arterial grid: " +
                $"it takes {min + (rows * columns)}..{max + (rows * columns)} intersections with this seed");
        }

        foreach (var slot in slots)
        {
            slot.Count = slot.Min;
        }

        for (var left = extra - min; left > 0; left--)
        {
            var segments = slots.Where(s => !s.IsStub && s.Count < s.Max).ToList();
            var stubs = slots.Where(s => s.IsStub && s.Count < s.Max).ToList();
            var pool = (rng.NextDouble() < 0.8 && segments.Count > 0) || stubs.Count == 0 ? segments : stubs;
            pool[rng.Next(pool.Count)].Count++;
        }
    }

    /// <summary>The corridor's intersections in order (west to east, south to north) from its slots.</summary>
    private static List<Node> LayOut(Random rng, CorridorPlan corridor, List<Slot> slots)
    {
        var (ux, uy) = corridor.Axis == MainAxis.EastWest ? (1.0, 0.0) : (0.0, 1.0);
        var result = new List<Node>();
        foreach (var slot in slots)
        {
            if (slot.From is null)
            {
                var start = slot.To!;
                var stub = StubNodes(rng, corridor, start, -ux, -uy, slot.Count);
                stub.Reverse();
                result.AddRange(stub);
                result.Add(start);
            }
            else if (slot.To is null)
            {
                result.AddRange(StubNodes(rng, corridor, slot.From, ux, uy, slot.Count));
            }
            else
            {
                var (p, q) = (slot.From, slot.To);
                var (dx, dy) = (q.X - p.X, q.Y - p.Y);
                var length = Math.Sqrt((dx * dx) + (dy * dy));
                for (var m = 1; m <= slot.Count; m++)
                {
                    var t = (m + Jitter(rng, BoundaryJitter)) / (slot.Count + 1);
                    var wobble = Jitter(rng, WobbleM);
                    result.Add(new Node(p.X + (t * dx) - (wobble * dy / length), p.Y + (t * dy) + (wobble * dx / length)) { On = corridor });
                }

                result.Add(q);
            }
        }

        return result;
    }

    private static List<Node> StubNodes(Random rng, CorridorPlan corridor, Node from, double ux, double uy, int count)
    {
        var list = new List<Node>();
        var (x, y) = (from.X, from.Y);
        for (var k = 0; k < count; k++)
        {
            var piece = 10 * rng.Next(MinStubPieceM / 10, (MaxStubPieceM / 10) + 1);
            x += piece * ux;
            y += piece * uy;
            var wobble = Jitter(rng, WobbleM);
            list.Add(new Node(x - (wobble * uy), y + (wobble * ux)) { On = corridor });
        }

        return list;
    }

    /// <summary>Ids I001.. along the corridors in order: east-west corridors first, each crossing once.</summary>
    private static List<Node> AssignIds(List<CorridorPlan> corridors)
    {
        var nodes = new List<Node>();
        foreach (var corridor in corridors)
        {
            foreach (var node in corridor.Nodes)
            {
                if (node.Id.Length == 0)
                {
                    nodes.Add(node);
                    node.Id = $"I{nodes.Count:000}";
                }
            }
        }

        return nodes;
    }

    /// <summary>
    /// Crossings are nema8. Of the rest, each layout gets its share of <see cref="Mix"/> (rounded down,
    /// at least one, the remainder to twophase); scrambles go downtown, to random picks among the
    /// intermediate intersections nearest the grid centre (four candidates per scramble); the other
    /// layouts are shuffled over the remaining intersections.
    /// </summary>
    private static void AssignLayouts(Random rng, List<Node> nodes, double centreX, double centreY)
    {
        var others = new List<Node>();
        foreach (var node in nodes)
        {
            if (node.IsCrossing)
            {
                node.Layout = LayoutTemplates.Nema8;
            }
            else
            {
                others.Add(node);
            }
        }

        var quota = new int[Mix.Count];
        for (var i = 0; i < Mix.Count; i++)
        {
            quota[i] = Math.Max(1, (int)Math.Floor(Mix[i].Value * others.Count));
        }

        quota[0] += others.Count - quota.Sum();
        var scrambleIndex = Mix.Count - 1;
        var downtown = others
            .OrderBy(n => Math.Sqrt(((n.X - centreX) * (n.X - centreX)) + ((n.Y - centreY) * (n.Y - centreY))))
            .ThenBy(n => n.Id, StringComparer.Ordinal)
            .Take(Math.Min(others.Count, 4 * quota[scrambleIndex]))
            .ToList();
        Shuffle(rng, downtown);
        foreach (var node in downtown.Take(quota[scrambleIndex]))
        {
            node.Layout = Mix[scrambleIndex].Key;
        }

        var bag = new List<string>();
        for (var i = 0; i < scrambleIndex; i++)
        {
            bag.AddRange(Enumerable.Repeat(Mix[i].Key, quota[i]));
        }

        Shuffle(rng, bag);
        var next = 0;
        foreach (var node in others.Where(n => n.Layout.Length == 0))
        {
            node.Layout = bag[next++];
        }

        NameNodes(nodes);
    }

    /// <summary>Crossings "A / B"; others "Corridor n-gil" (the side street), mid-block crossings "Corridor crossing n".</summary>
    private static void NameNodes(List<Node> nodes)
    {
        foreach (var node in nodes)
        {
            if (node.IsCrossing)
            {
                node.Name = $"{node.EastWest!.Name} / {node.NorthSouth!.Name}";
                continue;
            }

            var corridor = node.Corridor;
            var number = corridor.Nodes.IndexOf(node) + 1;
            node.Name = node.Layout == LayoutTemplates.Midblock
                ? $"{corridor.Name} crossing {number}"
                : $"{corridor.Name} {number}-gil";
        }
    }

    /// <summary>Builds every intersection from its layout, then the links along each corridor, then the corridors.</summary>
    private static NetworkDocument Assemble(string name, List<CorridorPlan> corridors, List<Node> nodes, Random? rng)
    {
        var documents = new Dictionary<Node, IntersectionDocument>();
        foreach (var node in nodes)
        {
            documents[node] = LayoutTemplates.Build(node.Layout, Spec(node, rng));
        }

        var links = new List<LinkDocument>();
        foreach (var corridor in corridors)
        {
            var (forward, backward) = corridor.Axis == MainAxis.EastWest ? ("E", "W") : ("N", "S");
            for (var k = 0; k + 1 < corridor.Nodes.Count; k++)
            {
                var (p, q) = (corridor.Nodes[k], corridor.Nodes[k + 1]);
                var length = Math.Round(Distance(p, q), 1);
                AddLink(links, documents[p], forward, documents[q], backward, length, corridor.SpeedKmh);
                AddLink(links, documents[q], backward, documents[p], forward, length, corridor.SpeedKmh);
            }
        }

        return new NetworkDocument
        {
            Name = name,
            Intersections = nodes.Select(n => documents[n]).ToList(),
            Links = links,
            Corridors = corridors
                .Select(c => new CorridorDocument { Id = c.Id, Name = c.Name, Intersections = c.Nodes.Select(n => n.Id).ToList() })
                .ToList(),
        };
    }

    /// <summary>A link where the leaving leg has outbound lanes and the arriving leg approach lanes (one-way streets carry one direction).</summary>
    private static void AddLink(List<LinkDocument> links, IntersectionDocument from, string fromLeg, IntersectionDocument to, string toLeg, double length, int speed)
    {
        var outLeg = from.Legs!.Single(l => l.Id == fromLeg);
        var inLeg = to.Legs!.Single(l => l.Id == toLeg);
        if ((outLeg.OutboundLanes ?? 0) > 0 && (inLeg.Lanes?.Count ?? 0) > 0)
        {
            links.Add(new LinkDocument { From = from.Id, FromLeg = fromLeg, To = to.Id, ToLeg = toLeg, LengthM = length, SpeedKmh = speed });
        }
    }

    /// <summary>
    /// The template inputs of a node. Corridor legs point at their neighbour (turned at most 6 degrees
    /// from the compass direction), carry the corridor's speed and lanes and the grade of the segment;
    /// other legs are side streets (30/40/50 km/h, 1 or 2 lanes) or the open end of a corridor, with a
    /// few degrees of jitter. Without a random source (the sample) bearings are exact and side streets
    /// are 40 km/h, one lane (50 km/h, two lanes at a nema8).
    /// </summary>
    private static LayoutSpec Spec(Node node, Random? rng)
    {
        LegSpec Leg(string id, double nominal)
        {
            var corridor = id is "E" or "W" ? node.EastWest : node.NorthSouth;
            if (corridor is null)
            {
                var nema = node.Layout == LayoutTemplates.Nema8;
                var speed = rng is null ? (nema ? 50 : 40) : 10 * (3 + Pick(rng, [0.2, 0.6, 0.2]));
                var lanes = rng is null ? (nema ? 2 : 1) : (rng.NextDouble() < 0.7 ? 1 : 2);
                return new LegSpec(Jittered(rng, nominal, SideLegJitterDeg), speed, lanes);
            }

            var index = corridor.Nodes.IndexOf(node);
            var forward = id is "E" or "N";
            var neighbour = forward ? index + 1 : index - 1;
            if (neighbour < 0 || neighbour >= corridor.Nodes.Count)
            {
                return new LegSpec(Jittered(rng, nominal, EndLegJitterDeg), corridor.SpeedKmh, corridor.Lanes);
            }

            var other = corridor.Nodes[neighbour];
            var turn = Math.Clamp(Bearing.Difference(Bearing.Between(node.X, node.Y, other.X, other.Y), nominal), -CorridorLegMaxTurnDeg, CorridorLegMaxTurnDeg);

            // Grades[k] is the rise in per cent from Nodes[k] to Nodes[k + 1]; an approach from the next
            // node comes down it, one from the previous node goes up it.
            var grade = forward ? -corridor.Grades[index] : corridor.Grades[neighbour];
            return new LegSpec(Bearing.Normalize(Math.Round(nominal + turn, 1)), corridor.SpeedKmh, corridor.Lanes, grade);
        }

        var north = Leg("N", 0);
        var east = Leg("E", 90);
        var south = Leg("S", 180);
        var west = Leg("W", 270);
        var axis = node.IsCrossing
            ? (node.NorthSouth!.SpeedKmh > node.EastWest!.SpeedKmh ? MainAxis.NorthSouth : MainAxis.EastWest)
            : node.Corridor.Axis;
        var flip = node.Layout switch
        {
            LayoutTemplates.OneWay => node.Corridor.OneWayFlip,
            LayoutTemplates.Tee or LayoutTemplates.FiveLeg => rng is not null && rng.Next(2) == 1,
            _ => false,
        };
        var spec = new LayoutSpec(node.Id, node.Name, node.X, node.Y, axis, flip, north, east, south, west);
        if (node.Layout == LayoutTemplates.FiveLeg)
        {
            var b = Roles.Of(spec).B.Spec;
            var bearing = Jittered(rng, Bearing.Normalize(b.BearingDeg + DiagonalOffsetDeg), EndLegJitterDeg);
            spec = spec with { Diagonal = new LegSpec(bearing, b.SpeedKmh, 1) };
        }

        return spec;
    }

    private static double Jittered(Random? rng, double nominal, double amplitude) =>
        rng is null ? nominal : Bearing.Normalize(Math.Round(nominal + Jitter(rng, amplitude), 1));

    /// <summary>0 % seven times in ten, else 1..3 % up or down.</summary>
    private static double RandomGrade(Random rng) =>
        rng.NextDouble() < 0.7 ? 0 : (rng.Next(2) == 0 ? -1 : 1) * rng.Next(1, 4);

    private static double Jitter(Random rng, double amplitude) => ((2 * rng.NextDouble()) - 1) * amplitude;

    private static int Pick(Random rng, double[] weights)
    {
        var r = rng.NextDouble();
        for (var i = 0; i < weights.Length - 1; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static void Shuffle<T>(Random rng, List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private static double Distance(Node p, Node q) => Math.Sqrt(((q.X - p.X) * (q.X - p.X)) + ((q.Y - p.Y) * (q.Y - p.Y)));

    private sealed record CorridorPlan(string Id, string Name, MainAxis Axis, int SpeedKmh, int Lanes, bool OneWayFlip)
    {
        public List<Node> Nodes { get; } = [];

        public List<double> Grades { get; } = [];
    }

    /// <summary>An intersection being planned; its position is rounded to 0.1 m as written, so lengths and bearings agree with the file.</summary>
    private sealed class Node(double x, double y)
    {
        public double X { get; } = Math.Round(x, 1);

        public double Y { get; } = Math.Round(y, 1);

        public CorridorPlan? EastWest { get; set; }

        public CorridorPlan? NorthSouth { get; set; }

        /// <summary>Sets the one corridor of an intersection that is not a crossing.</summary>
        public CorridorPlan On
        {
            init
            {
                if (value.Axis == MainAxis.EastWest)
                {
                    EastWest = value;
                }
                else
                {
                    NorthSouth = value;
                }
            }
        }

        public bool IsCrossing => EastWest is not null && NorthSouth is not null;

        /// <summary>The corridor of a non-crossing intersection.</summary>
        public CorridorPlan Corridor => EastWest ?? NorthSouth!;

        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Layout { get; set; } = string.Empty;
    }

    /// <summary>Where intermediate intersections go: between two crossings, or beyond the first (From null) or last (To null).</summary>
    private sealed class Slot(CorridorPlan corridor, Node? from, Node? to)
    {
        public CorridorPlan Corridor { get; } = corridor;

        public Node? From { get; } = from;

        public Node? To { get; } = to;

        public bool IsStub => From is null || To is null;

        public int Min { get; } = from is null || to is null ? 0 : (int)Math.Ceiling(Distance(from, to) / MaxMeanPieceM) - 1;

        public int Max { get; } = from is null || to is null ? MaxStubIntersections : (int)Math.Floor(Distance(from, to) / MinMeanPieceM) - 1;

        public int Count { get; set; }
    }
}
