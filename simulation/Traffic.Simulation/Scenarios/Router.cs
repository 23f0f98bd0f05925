namespace Traffic.Simulation;

/// <summary>
/// Shortest free-flow-time routes over a <see cref="RoadNetwork"/> (Dijkstra, computed once per origin).
/// Nodes are links; a movement leads from its approach link to its exit link and costs the free-flow
/// time of its path through the intersection plus the exit link. Origins are entry links, named
/// "intersection.leg" of the leg vehicles enter by (e.g. "I001.W"); destinations are exit links, named by
/// the leg vehicles leave by. Ties keep the first route found (deterministic).
/// </summary>
public sealed class Router
{
    private readonly RoadNetwork net;
    private readonly int[][] movementsFrom;
    private readonly Dictionary<int, (double[] Time, int[] Via)> trees = [];

    public Router(RoadNetwork network)
    {
        net = network ?? throw new ArgumentNullException(nameof(network));
        var lists = Enumerable.Range(0, net.Links.Count).Select(_ => new List<int>()).ToArray();
        foreach (var m in net.Movements)
        {
            lists[m.ApproachLink].Add(m.Index);
        }

        movementsFrom = lists.Select(l => l.ToArray()).ToArray();
        Origins = net.Links.Where(l => l.Kind == LinkKind.Entry).ToDictionary(l => $"{l.To}.{l.ToLeg}", l => l.Index, StringComparer.Ordinal);
        Destinations = net.Links.Where(l => l.Kind == LinkKind.Exit).ToDictionary(l => $"{l.From}.{l.FromLeg}", l => l.Index, StringComparer.Ordinal);
    }

    public RoadNetwork Network => net;

    /// <summary>Origin name -> entry link index.</summary>
    public IReadOnlyDictionary<string, int> Origins { get; }

    /// <summary>Destination name -> exit link index.</summary>
    public IReadOnlyDictionary<string, int> Destinations { get; }

    /// <summary>Free-flow seconds from the upstream end of the origin's entry link to the end of the destination's exit link; infinite when unreachable.</summary>
    public double FreeFlowTime(int originLink, int destinationLink)
    {
        var (time, _) = Tree(originLink);
        return time[destinationLink];
    }

    /// <summary>The route as (intersection id, movement id) steps, or null when unreachable.</summary>
    public IReadOnlyList<RouteStep>? Route(int originLink, int destinationLink)
    {
        var (time, via) = Tree(originLink);
        if (double.IsPositiveInfinity(time[destinationLink]))
        {
            return null;
        }

        var steps = new List<RouteStep>();
        var node = destinationLink;
        while (node != originLink)
        {
            var m = net.Movements[via[node]];
            steps.Add(new RouteStep(net.Model.Intersections[m.Intersection].Id, m.Id));
            node = m.ApproachLink;
        }

        steps.Reverse();
        return steps;
    }

    private (double[] Time, int[] Via) Tree(int origin)
    {
        if (trees.TryGetValue(origin, out var tree))
        {
            return tree;
        }

        var n = net.Links.Count;
        var time = new double[n];
        var via = new int[n];
        Array.Fill(time, double.PositiveInfinity);
        Array.Fill(via, -1);
        time[origin] = 0;
        var done = new bool[n];
        var queue = new PriorityQueue<int, double>();
        queue.Enqueue(origin, 0);
        while (queue.TryDequeue(out var link, out var t))
        {
            if (done[link])
            {
                continue;
            }

            done[link] = true;
            var here = net.Links[link];
            foreach (var g in movementsFrom[link])
            {
                var exit = net.MovExitLink[g];
                var next = net.Links[exit];
                var cost = t + (here.LengthM / here.SpeedMs) + (net.MovPath[g] / next.SpeedMs);
                if (next.Kind == LinkKind.Exit)
                {
                    cost += next.LengthM / next.SpeedMs;
                }

                if (cost < time[exit])
                {
                    time[exit] = cost;
                    via[exit] = g;
                    queue.Enqueue(exit, cost);
                }
            }
        }

        tree = (time, via);
        trees[origin] = tree;
        return tree;
    }
}
