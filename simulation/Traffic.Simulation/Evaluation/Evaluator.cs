using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// Measures a run: give it to the <see cref="Simulation"/> as its observer, <see cref="Attach"/> it, call
/// <see cref="Sample"/> after every step and <see cref="Finish"/> at the end. Trip delays come from the
/// exit events; arrivals on green from the free-flow arrival time of every vehicle at every stop line
/// against the movement's green intervals; split failures from the stop-bar loops' occupancy and the
/// phase displays (when the signal view is an <see cref="IPhaseStateView"/>).
/// </summary>
public sealed class Evaluator : ISimulationObserver
{
    private readonly EvaluationOptions options;
    private readonly List<double> travelTimes = [];
    private readonly List<(int Movement, double Time)> arrivals = [];
    private readonly List<(double Travel, double Delay)> emergencyTrips = [];
    private readonly List<double> busDelays = [];
    private Simulation? sim;
    private IPhaseStateView? phases;
    private double[][] freeFlowAtZero = []; // per flow, per route position: free-flow time to position 0 of that link
    private double[] freeFlowTotal = [];
    private List<double>[] greenEdges = []; // per movement: start, end, start, end, ...
    private bool[] wasGreen = [];
    private PhaseTrack[] tracks = [];
    private double[] occupiedBefore = [];
    private int[] stopBarLoops = [];
    private int[] approachLinks = [];
    private bool[] peakMovement = [];
    private double nextQueueSample;
    private double delaySum;
    private long stopsSum;
    private int maxQueue;
    private string maxQueueWhere = "";

    public Evaluator(EvaluationOptions? options = null)
    {
        this.options = options ?? EvaluationOptions.Default;
    }

    public long Finished => travelTimes.Count;

    /// <summary>Every event is also passed on to this observer (a recorder, a test), after the evaluator has seen it.</summary>
    public ISimulationObserver? Forward { get; set; }

    /// <summary>Prepares the measures for <paramref name="simulation"/>; <paramref name="signals"/> is the view it runs (phases are measured when it knows them).</summary>
    public void Attach(Simulation simulation, ISignalStateView signals)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        sim = simulation;
        phases = signals as IPhaseStateView;
        var net = simulation.Road;
        var flows = simulation.FlowCount;
        freeFlowAtZero = new double[flows][];
        freeFlowTotal = new double[flows];
        for (var f = 0; f < flows; f++)
        {
            var n = simulation.RouteLength(f);
            var times = new double[n + 1];
            if (n > 0)
            {
                var link = net.Movements[simulation.RouteMovement(f, 0)].ApproachLink;
                for (var k = 0; k < n; k++)
                {
                    var g = simulation.RouteMovement(f, k);
                    var here = net.Links[link];
                    var next = net.Links[net.MovExitLink[g]];
                    times[k + 1] = times[k] + (here.LengthM / here.SpeedMs) + (net.MovPath[g] / next.SpeedMs);
                    link = next.Index;
                }

                freeFlowTotal[f] = times[n] + (net.Links[link].LengthM / net.Links[link].SpeedMs);
            }

            freeFlowAtZero[f] = times;
        }

        greenEdges = new List<double>[net.MovementCount];
        for (var m = 0; m < greenEdges.Length; m++)
        {
            greenEdges[m] = [];
        }

        wasGreen = new bool[net.MovementCount];
        peakMovement = new bool[net.MovementCount];
        foreach (var (intersection, movement) in options.PeakMovements)
        {
            peakMovement[net.MovementIndex(intersection, movement)] = true;
        }

        approachLinks = net.Links.Where(l => l.Kind != LinkKind.Exit).Select(l => l.Index).ToArray();
        BuildPhaseTracks(simulation);
        nextQueueSample = 0;
    }

    public void Entered(in VehicleEvent e)
    {
        var s = sim!;
        var lane = e.Lane;
        var t = e.Time + (s.Road.LaneLength[lane] / s.Road.LaneSpeed[lane]);
        arrivals.Add((s.RouteMovement(e.Flow, 0), t));
        Forward?.Entered(e);
    }

    public void CrossedStopLine(in StopLineCrossing e)
    {
        if (e.NextMovement >= 0)
        {
            var net = sim!.Road;
            var speed = net.LaneSpeed[e.NextLane];
            arrivals.Add((e.NextMovement, e.Time + ((net.MovPath[e.Movement] + net.LaneLength[e.NextLane]) / speed)));
        }

        Forward?.CrossedStopLine(e);
    }

    public void Exited(in VehicleEvent e)
    {
        var travel = e.Time - e.ArrivalTime;
        travelTimes.Add(travel);
        var delay = Math.Max(0, travel - freeFlowTotal[e.Flow]);
        delaySum += delay;
        if (e.Class == VehicleClass.Emergency)
        {
            emergencyTrips.Add((travel, delay));
        }
        else if (e.Class == VehicleClass.Bus)
        {
            busDelays.Add(delay);
        }

        stopsSum += e.Stops;
        Forward?.Exited(e);
    }

    /// <summary>Call after every <see cref="Simulation.Step"/>.</summary>
    public void Sample()
    {
        var s = sim ?? throw new InvalidOperationException("Evaluator: Attach before sampling");
        var dt = s.Options.TimeStepS;
        var stepStart = s.Time - dt;
        var shown = s.SignalsNow;
        for (var m = 0; m < shown.Length; m++)
        {
            var green = shown[m] is MovementSignal.Green or MovementSignal.GreenPermitted;
            if (green != wasGreen[m])
            {
                greenEdges[m].Add(stepStart);
                wasGreen[m] = green;
            }
        }

        if (phases is not null)
        {
            SamplePhases(s, stepStart);
        }

        if (s.Time >= nextQueueSample - 1e-9)
        {
            nextQueueSample += options.QueueSampleS;
            foreach (var k in approachLinks)
            {
                var q = s.HaltedOnLink(k);
                if (q > maxQueue)
                {
                    maxQueue = q;
                    var link = s.Road.Links[k];
                    maxQueueWhere = FormattableString.Invariant($"{link.To} leg {link.ToLeg} at {s.Time / 60:F0} min");
                }
            }
        }
    }

    /// <summary>The measures of the run so far.</summary>
    public RunMetrics Finish(string policy, int faults, double wallSeconds)
    {
        var s = sim ?? throw new InvalidOperationException("Evaluator: Attach before finishing");
        var end = s.Time;
        var net = s.Road;
        var allDelay = delaySum;
        var stops = stopsSum;
        var onNetwork = s.VehiclesOnNetwork();
        foreach (var v in onNetwork)
        {
            var covered = freeFlowAtZero[v.Flow][v.RoutePos] + (v.Position / net.LaneSpeed[v.Lane]);
            allDelay += Math.Max(0, end - v.ArrivalTime - covered);
            stops += v.Stops;
        }

        var waiting = s.VehiclesWaiting();
        foreach (var v in waiting)
        {
            allDelay += end - v.ArrivalTime;
        }

        var arrived = travelTimes.Count + onNetwork.Count + waiting.Count;
        var entered = travelTimes.Count + onNetwork.Count;
        var sorted = travelTimes.Order().ToArray();
        var p95 = NearestRank(sorted, 0.95);
        var pedWaits = s.PedestrianWaits.Concat(s.PedestriansWaitingSince().Select(a => end - a)).Order().ToArray();
        var perIntersection = IntersectionMeasures(s, end);
        var (peakArrivals, peakOnGreen) = PeakMeasures(end);
        var totalArrivals = perIntersection.Sum(x => x.Arrivals);
        return new RunMetrics(
            policy,
            s.Options.Seed,
            end,
            arrived,
            entered,
            travelTimes.Count,
            onNetwork.Count,
            waiting.Count,
            arrived == 0 ? 0 : allDelay / arrived,
            travelTimes.Count == 0 ? 0 : delaySum / travelTimes.Count,
            entered == 0 ? 0 : stops / (double)entered,
            end > 0 ? travelTimes.Count * 3600 / end : 0,
            sorted.Length == 0 ? 0 : sorted.Average(),
            p95,
            maxQueue,
            maxQueueWhere,
            s.SpillbackHolds * s.Options.TimeStepS,
            totalArrivals == 0 ? 0 : 100.0 * perIntersection.Sum(x => x.ArrivalsOnGreen) / totalArrivals,
            perIntersection.Sum(x => x.PhaseGreens),
            perIntersection.Sum(x => x.SplitFailures),
            faults,
            s.RedOvershoots,
            wallSeconds,
            perIntersection)
        {
            Pedestrians = s.PedestriansArrived,
            MeanPedestrianWaitS = pedWaits.Length == 0 ? 0 : pedWaits.Average(),
            P95PedestrianWaitS = NearestRank(pedWaits, 0.95),
            EmergencyTrips = emergencyTrips.Count,
            MeanEmergencyTravelS = emergencyTrips.Count == 0 ? 0 : emergencyTrips.Average(x => x.Travel),
            MeanEmergencyDelayS = emergencyTrips.Count == 0 ? 0 : emergencyTrips.Average(x => x.Delay),
            BusTrips = busDelays.Count,
            MeanBusDelayS = busDelays.Count == 0 ? 0 : busDelays.Average(),
            PeakArrivals = peakArrivals,
            PeakArrivalsOnGreen = peakOnGreen,
        };
    }

    /// <summary>The <paramref name="q"/> quantile by nearest rank of sorted <paramref name="sorted"/> (0 when empty).</summary>
    private static double NearestRank(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private List<IntersectionMetrics> IntersectionMeasures(Simulation s, double end)
    {
        var net = s.Road;
        var model = net.Model.Intersections;
        var count = new long[model.Count];
        var onGreen = new long[model.Count];
        foreach (var (m, t) in arrivals)
        {
            if (t >= end)
            {
                continue;
            }

            var i = net.MovIntersection[m];
            count[i]++;
            if (IsGreenAt(greenEdges[m], t))
            {
                onGreen[i]++;
            }
        }

        var greens = new int[model.Count];
        var failures = new int[model.Count];
        foreach (var track in tracks)
        {
            greens[track.Intersection] += track.Greens;
            failures[track.Intersection] += track.Failures;
        }

        return model.Select((x, i) => new IntersectionMetrics(x.Id, count[i], onGreen[i], greens[i], failures[i])).ToList();
    }

    private (long Arrivals, long OnGreen) PeakMeasures(double end)
    {
        long count = 0, onGreen = 0;
        foreach (var (m, t) in arrivals)
        {
            if (t < end && peakMovement[m])
            {
                count++;
                onGreen += IsGreenAt(greenEdges[m], t) ? 1 : 0;
            }
        }

        return (count, onGreen);
    }

    /// <summary>Edges alternate green start, green end, ... from the start of the run (all red before the first).</summary>
    private static bool IsGreenAt(List<double> edges, double t)
    {
        // Number of edges at or before t: odd = green.
        int lo = 0, hi = edges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (edges[mid] <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo & 1) == 1;
    }

    private void BuildPhaseTracks(Simulation simulation)
    {
        var model = simulation.Road.Model.Intersections;
        var loops = simulation.Loops.Where(l => l.Kind == DetectorKind.StopBar).ToList();
        stopBarLoops = loops.Select(l => l.Index).ToArray();
        occupiedBefore = new double[simulation.Loops.Count];
        var list = new List<PhaseTrack>();
        if (phases is null)
        {
            tracks = [];
            return;
        }

        for (var i = 0; i < model.Count; i++)
        {
            var x = model[i];
            var detectorPhases = x.Detectors.ToDictionary(d => d.Id, d => d.Phases, StringComparer.Ordinal);
            for (var k = 0; k < x.Phases.Count; k++)
            {
                var phase = x.Phases[k];
                if (!phase.HasVehicles)
                {
                    continue;
                }

                var mine = loops.Where(l => l.Intersection == i && detectorPhases.TryGetValue(l.Id, out var ps) && ps.Contains(phase.Id)).Select(l => l.Index).ToArray();
                if (mine.Length > 0)
                {
                    list.Add(new PhaseTrack(i, k, mine));
                }
            }
        }

        tracks = [.. list];
    }

    private void SamplePhases(Simulation s, double stepStart)
    {
        var window = options.SplitFailureWindowS;
        var now = s.Time;
        foreach (var track in tracks)
        {
            var display = phases!.Phase(track.Intersection, track.Phase);
            if (display != track.Display)
            {
                if (display == PhaseDisplay.Green)
                {
                    if (track.RedDue > 0)
                    {
                        track.Close(MaxOccupancy(s, track, track.RedSnapshot, now - track.RedStart), options.SplitFailureOccupancy);
                    }

                    track.Begin(stepStart, window, occupiedBefore);
                }
                else if (display == PhaseDisplay.Red && track.GreenStart >= 0)
                {
                    track.BeginRed(stepStart, window, occupiedBefore);
                }

                track.Display = display;
            }

            if (track.GreenDue > 0 && now >= track.GreenDue - 1e-9)
            {
                track.GreenOccupancy = MaxOccupancy(s, track, track.GreenSnapshot, window);
                track.GreenDue = 0;
            }

            if (track.RedDue > 0 && now >= track.RedDue - 1e-9)
            {
                track.Close(MaxOccupancy(s, track, track.RedSnapshot, window), options.SplitFailureOccupancy);
            }
        }

        foreach (var l in stopBarLoops)
        {
            occupiedBefore[l] = s.LoopOccupiedNow(l);
        }
    }

    private static double MaxOccupancy(Simulation s, PhaseTrack track, double[] snapshot, double seconds)
    {
        if (seconds <= 0)
        {
            return 0;
        }

        var max = 0.0;
        for (var k = 0; k < track.Loops.Length; k++)
        {
            max = Math.Max(max, (s.LoopOccupiedNow(track.Loops[k]) - snapshot[k]) / seconds);
        }

        return max;
    }

    /// <summary>The green/red windows of one vehicle phase and its stop-bar loops.</summary>
    private sealed class PhaseTrack(int intersection, int phase, int[] loops)
    {
        public int Intersection { get; } = intersection;

        public int Phase { get; } = phase;

        public int[] Loops { get; } = loops;

        public double[] GreenSnapshot { get; } = new double[loops.Length];

        public double[] RedSnapshot { get; } = new double[loops.Length];

        public PhaseDisplay Display { get; set; } = PhaseDisplay.Red;

        public double GreenStart { get; private set; } = -1;

        public double GreenDue { get; set; }

        public double GreenOccupancy { get; set; }

        public double RedStart { get; private set; }

        public double RedDue { get; private set; }

        public int Greens { get; private set; }

        public int Failures { get; private set; }

        public void Begin(double start, double window, double[] occupied)
        {
            GreenStart = start;
            GreenDue = start + window;
            GreenOccupancy = 0;
            for (var k = 0; k < Loops.Length; k++)
            {
                GreenSnapshot[k] = occupied[Loops[k]];
            }
        }

        public void BeginRed(double start, double window, double[] occupied)
        {
            RedStart = start;
            RedDue = start + window;
            for (var k = 0; k < Loops.Length; k++)
            {
                RedSnapshot[k] = occupied[Loops[k]];
            }
        }

        public void Close(double redOccupancy, double threshold)
        {
            Greens++;
            if (GreenOccupancy > threshold && redOccupancy > threshold)
            {
                Failures++;
            }

            RedDue = 0;
            GreenStart = -1;
        }
    }
}
