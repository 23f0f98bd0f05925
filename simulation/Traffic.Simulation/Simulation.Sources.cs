namespace Traffic.Simulation;

// Demand: routes, Poisson arrivals at the entry links, insertion onto the network.
public sealed partial class Simulation
{
    private readonly Random arrivalRandom;
    private readonly Random noiseRandom;
    private int[] routeMovements = [];
    private int[] routeStart = [];
    private int[] routeLength = [];
    private int[] laneIdentity = [];

    // One source per entry link with demand.
    private int[] sourceLink = [];
    private double[] sourceRate = [];
    private double[] sourceNext = [];
    private int[] sourceFlowStart = [];
    private int[] sourceFlows = [];
    private double[] sourceCumulative = [];
    private Queue<Pending>[] sourceWaiting = [];
    private (double Time, int Flow, VehicleClass Class)[][] sourceScheduled = [];
    private int[] sourceScheduledNext = [];
    private long nextSerial = 1;

    /// <summary>Vehicles that have arrived but wait outside an entry link for room to enter.</summary>
    public long Waiting => Generated - Entered;

    private void CompileDemand(Demand demand)
    {
        laneIdentity = new int[net.LaneCount];
        for (var l = 0; l < laneIdentity.Length; l++)
        {
            laneIdentity[l] = l;
        }

        var errors = new List<string>();
        var movements = new List<int>();
        var flowsByLink = new SortedDictionary<int, List<int>>();
        var all = demand.Flows.Concat(demand.Scheduled.Select(v => new RouteFlow(v.Id, v.Steps, 0))).ToList();
        var scheduledByLink = new Dictionary<int, List<(double, int, VehicleClass)>>();
        routeStart = new int[all.Count];
        routeLength = new int[all.Count];
        for (var f = 0; f < all.Count; f++)
        {
            var flow = all[f];
            var scheduled = f >= demand.Flows.Count ? demand.Scheduled[f - demand.Flows.Count] : null;
            var where = scheduled is null ? $"demand: flows[{f}] ({flow.Id})" : $"demand: scheduled[{f - demand.Flows.Count}] ({flow.Id})";
            if (scheduled is not null && scheduled.DeparturesS.Any(d => !(d >= 0) || double.IsInfinity(d)))
            {
                errors.Add($"{where}: departure times must be >= 0 seconds");
            }

            if (!(flow.VehiclesPerHour >= 0) || double.IsInfinity(flow.VehiclesPerHour))
            {
                errors.Add($"{where}: vehiclesPerHour must be >= 0, got {flow.VehiclesPerHour}");
            }

            if (flow.Steps.Count == 0)
            {
                errors.Add($"{where}: has no steps");
                continue;
            }

            routeStart[f] = movements.Count;
            var ok = true;
            for (var k = 0; k < flow.Steps.Count && ok; k++)
            {
                var step = flow.Steps[k];
                var stepWhere = $"{where}.steps[{k}] ({step.IntersectionId} {step.MovementId})";
                int g;
                try
                {
                    g = net.MovementIndex(step.IntersectionId, step.MovementId);
                }
                catch (ArgumentException e)
                {
                    errors.Add($"{stepWhere}: {e.Message.Split(" (Parameter")[0]}");
                    ok = false;
                    continue;
                }

                var approach = net.Movements[g].ApproachLink;
                if (k == 0 && net.LinkKinds[approach] != LinkKind.Entry)
                {
                    var link = net.Links[approach];
                    errors.Add($"{stepWhere}: a route must start on a leg fed from outside the network; leg {link.ToLeg} is fed by a link from {link.From}");
                    ok = false;
                }

                if (k > 0)
                {
                    var previousExit = net.MovExitLink[movements[^1]];
                    if (previousExit != approach)
                    {
                        var exit = net.Links[previousExit];
                        errors.Add($"{stepWhere}: does not follow the previous step, which leaves on a link to {(exit.Kind == LinkKind.Exit ? "outside the network" : exit.To + " leg " + exit.ToLeg)}");
                        ok = false;
                    }
                }

                movements.Add(g);
                if (ok && k == flow.Steps.Count - 1 && net.LinkKinds[net.MovExitLink[g]] != LinkKind.Exit)
                {
                    errors.Add($"{stepWhere}: a route must end by leaving the network; this step leads to {net.Links[net.MovExitLink[g]].To}");
                    ok = false;
                }
            }

            routeLength[f] = movements.Count - routeStart[f];
            if (ok && (flow.VehiclesPerHour > 0 || scheduled is { DeparturesS.Count: > 0 }))
            {
                var link = net.Movements[movements[routeStart[f]]].ApproachLink;
                if (scheduled is not null)
                {
                    if (!scheduledByLink.TryGetValue(link, out var times))
                    {
                        scheduledByLink[link] = times = [];
                    }

                    times.AddRange(scheduled.DeparturesS.Select(d => (d, f, scheduled.Class)));
                }

                if (!flowsByLink.TryGetValue(link, out var list))
                {
                    flowsByLink[link] = list = [];
                }

                list.Add(f);
            }
        }

        if (errors.Count > 0)
        {
            throw new SimulationConfigException("demand", errors);
        }

        routeMovements = [.. movements];
        var sources = flowsByLink.Count;
        sourceLink = new int[sources];
        sourceRate = new double[sources];
        sourceNext = new double[sources];
        sourceFlowStart = new int[sources + 1];
        sourceWaiting = new Queue<Pending>[sources];
        sourceScheduled = new (double, int, VehicleClass)[sources][];
        sourceScheduledNext = new int[sources];
        var flows = new List<int>();
        var cumulative = new List<double>();
        var s = 0;
        foreach (var (link, list) in flowsByLink)
        {
            sourceLink[s] = link;
            sourceFlowStart[s] = flows.Count;
            var sum = 0.0;
            foreach (var f in list)
            {
                if (!(all[f].VehiclesPerHour > 0))
                {
                    continue; // a timetable, not a Poisson stream
                }

                sum += all[f].VehiclesPerHour / 3600;
                flows.Add(f);
                cumulative.Add(sum);
            }

            sourceRate[s] = sum;
            sourceWaiting[s] = new Queue<Pending>(64);
            sourceNext[s] = sum > 0 ? NextGap(sum) : double.PositiveInfinity;
            sourceScheduled[s] = scheduledByLink.TryGetValue(link, out var timetable) ? [.. timetable.OrderBy(x => x.Item1)] : [];
            s++;
        }

        sourceFlowStart[sources] = flows.Count;
        sourceFlows = [.. flows];
        sourceCumulative = [.. cumulative];
    }

    /// <summary>Exponential gap of a Poisson stream of <paramref name="rate"/> per second.</summary>
    private double NextGap(double rate) => -Math.Log(1 - arrivalRandom.NextDouble()) / rate;

    private void GenerateArrivals(double until)
    {
        for (var s = 0; s < sourceLink.Length; s++)
        {
            var timetable = sourceScheduled[s];
            while (sourceScheduledNext[s] < timetable.Length && timetable[sourceScheduledNext[s]].Time < until)
            {
                var (time, flow, c) = timetable[sourceScheduledNext[s]++];
                while (sourceNext[s] < time)
                {
                    GeneratePoisson(s);
                }

                sourceWaiting[s].Enqueue(new Pending(flow, time, c));
                Generated++;
            }

            while (sourceNext[s] < until)
            {
                GeneratePoisson(s);
            }
        }
    }

    private void GeneratePoisson(int s)
    {
        var pick = arrivalRandom.NextDouble() * sourceRate[s];
        var i = sourceFlowStart[s];
        var end = sourceFlowStart[s + 1] - 1;
        while (i < end && sourceCumulative[i] < pick)
        {
            i++;
        }

        sourceWaiting[s].Enqueue(new Pending(sourceFlows[i], sourceNext[s], VehicleClass.Car));
        Generated++;
        sourceNext[s] += NextGap(sourceRate[s]);
    }

    /// <summary>Puts waiting vehicles on their entry link, first come first served, where a lane for their first movement has room.</summary>
    private void InsertWaiting(double t)
    {
        for (var s = 0; s < sourceLink.Length; s++)
        {
            var waiting = sourceWaiting[s];
            while (waiting.Count > 0)
            {
                var p = waiting.Peek();
                var length = ScheduledVehicles.LengthOf(p.Class, options.Idm.VehicleLengthM);
                var g = routeMovements[routeStart[p.Flow]];
                var best = -1;
                var bestGap = 0.0;
                for (var i = net.MovLaneStart[g]; i < net.MovLaneStart[g + 1]; i++)
                {
                    var l = net.MovLanes[i];
                    if (laneOccupied[l] + length + s0 > net.LaneLength[l])
                    {
                        continue;
                    }

                    var gap = queues.Count[l] == 0 ? double.PositiveInfinity : veh.Pos[queues.Back(l)] - veh.Length[queues.Back(l)];
                    if (gap > bestGap)
                    {
                        best = l;
                        bestGap = gap;
                    }
                }

                if (best < 0 || bestGap < s0 + 0.5)
                {
                    break;
                }

                waiting.Dequeue();
                Insert(best, p, t, bestGap);
            }
        }
    }

    private void Insert(int lane, Pending p, double t, double gap)
    {
        var v0 = net.LaneSpeed[lane];
        var speed = v0;
        if (queues.Count[lane] > 0)
        {
            var room = gap - s0;
            var leaderSpeed = veh.Speed[queues.Back(lane)];
            speed = Math.Min(speed, Math.Min(room / headway, leaderSpeed + Math.Sqrt(2 * comfortDecel * room)));
        }

        var v = veh.Allocate();
        veh.Pos[v] = 0;
        veh.Speed[v] = speed;
        veh.Length[v] = ScheduledVehicles.LengthOf(p.Class, options.Idm.VehicleLengthM);
        veh.EnterTime[v] = p.Time;
        veh.Lane[v] = lane;
        veh.PrevLane[v] = -1;
        veh.Route[v] = p.Flow;
        veh.RoutePos[v] = 0;
        veh.Target[v] = -1;
        veh.Serial[v] = nextSerial++;
        veh.Yellow[v] = VehicleStore.YellowUndecided;
        veh.Class[v] = (byte)p.Class;
        veh.Stops[v] = 0;
        veh.Halted[v] = false;
        queues.PushBack(lane, v);
        laneOccupied[lane] += veh.Length[v] + s0;
        Entered++;
        observer?.Entered(new VehicleEvent(veh.Serial[v], t, p.Flow, lane, p.Class, p.Time));
    }

    private readonly record struct Pending(int Flow, double Time, VehicleClass Class);
}
