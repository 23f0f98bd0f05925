using Traffic.Signals.Model;

namespace Traffic.Simulation;

// Pedestrians: Poisson arrivals at every crosswalk, waiting for walk, crossing; permitted turns yield to them.
public sealed partial class Simulation
{
    private IPedestrianSignalView? pedSignals;
    private PedestrianDemand? pedDemand;
    private Random pedRandom = new(1);
    private int[] cwIntersection = [];
    private int[] cwModel = [];
    private double[] cwLength = [];
    private double[] cwRate = [];
    private double[] cwNext = [];
    private double[] cwStartLimit = []; // walk + pedestrian clearance: a pedestrian starts only if it can finish by then
    private double[] cwWalkSince = [];
    private Queue<(double Arrival, double Speed)>[] cwWaiting = [];
    private List<double>[] cwCrossing = []; // times the pedestrians on the crosswalk reach the far kerb
    private long[] cwStarted = [];
    private double[] cwWaitSum = [];
    private int[] movPedStart = [];
    private int[] movPedCrosswalks = [];
    private int[][] approachCrosswalks = []; // per approach (RoadNetwork.Approaches): crosswalks across its leg
    private readonly List<double> pedWaits = [];

    /// <summary>Pedestrians that arrived at a crosswalk.</summary>
    public long PedestriansArrived { get; private set; }

    /// <summary>Pedestrians that started to cross.</summary>
    public long PedestriansCrossed { get; private set; }

    /// <summary>Steps in which a permitted turning vehicle waited at the stop line for pedestrians in a crosswalk it crosses.</summary>
    public long PedestrianYields { get; private set; }

    /// <summary>Crosswalks of the network, numbered intersection by intersection in model order (<see cref="CrosswalkAt"/>).</summary>
    public int CrosswalkCount => cwIntersection.Length;

    /// <summary>Pedestrians waiting at crosswalk <paramref name="crosswalk"/> (global index) now.</summary>
    public int PedestriansWaitingAt(int crosswalk) => cwWaiting.Length == 0 ? 0 : cwWaiting[crosswalk].Count;

    /// <summary>Pedestrians in crosswalk <paramref name="crosswalk"/> (global index) now.</summary>
    public int PedestriansCrossingAt(int crosswalk) => cwCrossing.Length == 0 ? 0 : cwCrossing[crosswalk].Count;

    /// <summary>Pedestrians that started to cross crosswalk <paramref name="crosswalk"/> (global index) so far.</summary>
    public long PedestriansStartedAt(int crosswalk) => cwStarted[crosswalk];

    /// <summary>Sum of the waits of the pedestrians that started to cross crosswalk <paramref name="crosswalk"/> (global index).</summary>
    public double PedestrianWaitSumAt(int crosswalk) => cwWaitSum[crosswalk];

    /// <summary>(intersection, model crosswalk index) of a global crosswalk index.</summary>
    public (int Intersection, int Crosswalk) CrosswalkAt(int crosswalk) => (cwIntersection[crosswalk], cwModel[crosswalk]);

    /// <summary>Waits (arrival to starting to cross) of the pedestrians that started so far, in order.</summary>
    public IReadOnlyList<double> PedestrianWaits => pedWaits;

    /// <summary>Pedestrians waiting now, each with its arrival time (allocates; for evaluation at the end of a run).</summary>
    internal List<double> PedestriansWaitingSince()
    {
        var list = new List<double>();
        foreach (var q in cwWaiting)
        {
            foreach (var p in q)
            {
                list.Add(p.Arrival);
            }
        }

        return list;
    }

    private void BuildPedestrians(PedestrianDemand? demand)
    {
        var model = net.Model.Intersections;
        var cws = new List<(int I, int K)>();
        for (var i = 0; i < model.Count; i++)
        {
            for (var k = 0; k < model[i].Crosswalks.Count; k++)
            {
                cws.Add((i, k));
            }
        }

        var n = cws.Count;
        cwIntersection = cws.Select(c => c.I).ToArray();
        cwModel = cws.Select(c => c.K).ToArray();
        cwLength = cws.Select(c => model[c.I].Crosswalks[c.K].LengthM).ToArray();
        cwRate = new double[n];
        cwNext = new double[n];
        cwStartLimit = new double[n];
        cwWalkSince = new double[n];
        cwWaiting = new Queue<(double, double)>[n];
        cwCrossing = new List<double>[n];
        cwStarted = new long[n];
        cwWaitSum = new double[n];
        pedSignals = signals as IPedestrianSignalView;
        pedDemand = pedSignals is null ? null : demand;
        if (demand is not null)
        {
            var errors = demand.Errors().ToList();
            if (errors.Count > 0)
            {
                throw new SimulationConfigException("demand", errors);
            }
        }

        pedRandom = new Random(unchecked((options.Seed * 104729) + 3));
        for (var c = 0; c < n; c++)
        {
            var x = model[cwIntersection[c]];
            var id = x.Crosswalks[cwModel[c]].Id;
            var limit = double.PositiveInfinity;
            foreach (var phase in x.Phases)
            {
                if (phase.Crosswalks.Contains(id))
                {
                    limit = Math.Min(limit, phase.Timings.Walk + phase.Timings.PedClearance);
                }
            }

            cwStartLimit[c] = limit;
            cwRate[c] = pedDemand is null || double.IsPositiveInfinity(limit) ? 0 : pedDemand.RateAt(x) / 3600;
            cwNext[c] = cwRate[c] > 0 ? -Math.Log(1 - pedRandom.NextDouble()) / cwRate[c] : double.PositiveInfinity;
            cwWalkSince[c] = double.NaN;
            cwWaiting[c] = new Queue<(double, double)>();
            cwCrossing[c] = [];
        }

        // Turning movements yield to pedestrians crossing the leg they come from or turn into.
        movPedStart = new int[net.MovementCount + 1];
        var list = new List<int>();
        for (var g = 0; g < net.MovementCount; g++)
        {
            movPedStart[g] = list.Count;
            var i = net.MovIntersection[g];
            var m = model[i].Movements[g - net.MovementBase[i]];
            if (m.Turn is Turn.Left or Turn.Right or Turn.UTurn)
            {
                for (var c = 0; c < n; c++)
                {
                    if (cwIntersection[c] != i)
                    {
                        continue;
                    }

                    var leg = model[i].Crosswalks[cwModel[c]].LegId;
                    if (leg is not null && (leg == m.FromLeg || leg == m.ToLeg))
                    {
                        list.Add(c);
                    }
                }
            }
        }

        movPedStart[net.MovementCount] = list.Count;
        movPedCrosswalks = [.. list];
        approachCrosswalks = net.Approaches
            .Select(a => Enumerable.Range(0, n).Where(c => cwIntersection[c] == a.Intersection && model[a.Intersection].Crosswalks[cwModel[c]].LegId == a.Leg).ToArray())
            .ToArray();
    }

    /// <summary>At the start of a step (time <paramref name="t"/>, signals read): arrivals up to t, finished crossings, starts on walk.</summary>
    private void StepPedestrians(double t)
    {
        if (pedSignals is null || cwIntersection.Length == 0)
        {
            return;
        }

        for (var c = 0; c < cwIntersection.Length; c++)
        {
            var crossing = cwCrossing[c];
            for (var k = crossing.Count - 1; k >= 0; k--)
            {
                if (crossing[k] <= t)
                {
                    crossing.RemoveAt(k);
                }
            }

            var walk = pedSignals.Walk(cwIntersection[c], cwModel[c]);
            if (!walk)
            {
                cwWalkSince[c] = double.NaN;
            }
            else if (double.IsNaN(cwWalkSince[c]))
            {
                cwWalkSince[c] = t;
            }

            var waiting = cwWaiting[c];
            while (cwNext[c] <= t)
            {
                var arrival = cwNext[c];
                var speed = pedRandom.NextDouble() < pedDemand!.SlowWalkerShare ? pedDemand.SlowSpeedMs : pedDemand.WalkSpeedMs;
                cwNext[c] += -Math.Log(1 - pedRandom.NextDouble()) / cwRate[c];
                PedestriansArrived++;
                if (walk && arrival >= cwWalkSince[c] && CanFinish(c, arrival, speed))
                {
                    Start(c, arrival, arrival, speed);
                    continue;
                }

                if (pedDemand.PushButtons && !walk)
                {
                    pedSignals.PushButton(cwIntersection[c], cwModel[c]);
                }

                waiting.Enqueue((arrival, speed));
            }

            if (!walk || waiting.Count == 0)
            {
                continue;
            }

            // Everyone who can still finish before the clearance ends starts now; the others wait for the next walk.
            var n = waiting.Count;
            for (var k = 0; k < n; k++)
            {
                var p = waiting.Dequeue();
                if (CanFinish(c, t, p.Speed))
                {
                    Start(c, p.Arrival, Math.Max(t, p.Arrival), p.Speed);
                }
                else
                {
                    waiting.Enqueue(p);
                }
            }
        }
    }

    /// <summary>Countdown signals: a pedestrian starts during walk only if it reaches the far kerb by the end of the pedestrian clearance.</summary>
    private bool CanFinish(int c, double start, double speed) => start - cwWalkSince[c] + (cwLength[c] / speed) <= cwStartLimit[c] + 1e-9;

    private void Start(int c, double arrival, double start, double speed)
    {
        pedWaits.Add(start - arrival);
        PedestriansCrossed++;
        cwStarted[c]++;
        cwWaitSum[c] += start - arrival;
        cwCrossing[c].Add(start + (cwLength[c] / speed));
    }

    /// <summary>Whether a pedestrian is in a crosswalk turning movement <paramref name="g"/> crosses.</summary>
    private bool PedestriansBlock(int g)
    {
        for (var i = movPedStart[g]; i < movPedStart[g + 1]; i++)
        {
            if (cwCrossing[movPedCrosswalks[i]].Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private (int Waiting, int Crossing) PedestriansOnApproach(int approach)
    {
        int w = 0, x = 0;
        if (approachCrosswalks.Length == 0)
        {
            return (0, 0);
        }

        foreach (var c in approachCrosswalks[approach])
        {
            w += cwWaiting[c].Count;
            x += cwCrossing[c].Count;
        }

        return (w, x);
    }
}
