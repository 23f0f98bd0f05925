using Traffic.Signals.Model;

namespace Traffic.Simulation;

// Loop detectors and CCTV approach counters, placed from the model's detectors.
public sealed partial class Simulation
{
    private const int ClassCount = 4;

    private LoopInfo[] loops = [];
    private int[][][]? detectorLoops;
    private int[] laneLoopStart = [];
    private int[] laneLoops = [];
    private double[] loopFrom = [];
    private double[] loopTo = [];
    private long[] loopCount = [];
    private double[] loopOccupied = [];
    private bool[] loopPresence = [];

    private CameraInfo[] cameras = [];
    private long[] approachCounts = [];
    private long[] cameraLastCounts = [];
    private double[] cameraLastRead = [];

    /// <summary>One loop per lane of every stop-bar and advance detector of the model.</summary>
    public IReadOnlyList<LoopInfo> Loops => loops;

    /// <summary>
    /// The loops (indices into <see cref="Loops"/>, in that order) of the <paramref name="detector"/>-th detector of the
    /// <paramref name="intersection"/>-th intersection of the model; empty when it has none (a CCTV detector).
    /// </summary>
    public IReadOnlyList<int> LoopsOf(int intersection, int detector)
    {
        if (detectorLoops is null)
        {
            var byId = new Dictionary<(int, string), List<int>>();
            foreach (var loop in loops)
            {
                if (!byId.TryGetValue((loop.Intersection, loop.Id), out var list))
                {
                    byId[(loop.Intersection, loop.Id)] = list = [];
                }

                list.Add(loop.Index);
            }

            var model = net.Model.Intersections;
            detectorLoops = [.. model.Select((x, i) => x.Detectors.Select(d => byId.TryGetValue((i, d.Id), out var list) ? list.ToArray() : []).ToArray())];
        }

        return detectorLoops[intersection][detector];
    }

    /// <summary>One camera per CCTV detector of the model.</summary>
    public IReadOnlyList<CameraInfo> Cameras => cameras;

    /// <summary>Cumulative count and occupied time of a loop since the start, and whether a vehicle is over it now.</summary>
    public LoopReading ReadLoop(int loop) => new(loops[loop].Id, Time, loopCount[loop], loopOccupied[loop], loopPresence[loop]);

    /// <summary>
    /// What a camera reports now: vehicles by class that crossed its stop line since its previous
    /// reading, pedestrians waiting at and walking in the crosswalk across its leg, emergency vehicles
    /// approaching within <see cref="SimulationOptions.CctvRangeM"/>, and the queue (vehicles slower than <see cref="SimulationOptions.QueueSpeedMs"/> within
    /// <see cref="SimulationOptions.CctvRangeM"/> of the stop line), with the configured noise.
    /// </summary>
    public CctvReading ReadCamera(int camera)
    {
        var info = cameras[camera];
        var a = info.Approach;
        Span<int> counts = stackalloc int[ClassCount];
        var noise = options.Noise;
        for (var c = 0; c < ClassCount; c++)
        {
            var now = approachCounts[(a * ClassCount) + c];
            var delta = (int)(now - cameraLastCounts[(camera * ClassCount) + c]);
            cameraLastCounts[(camera * ClassCount) + c] = now;
            if (noise.CctvCountRelativeStdDev > 0 && delta > 0)
            {
                delta = Math.Max(0, (int)Math.Round(delta * (1 + (noise.CctvCountRelativeStdDev * Gaussian()))));
            }

            counts[c] = delta;
        }

        var (queued, queueM, emergency) = Queue(info.Intersection, info.Leg);
        if (noise.CctvQueueStdDevVehicles > 0)
        {
            queued = Math.Max(0, (int)Math.Round(queued + (noise.CctvQueueStdDevVehicles * Gaussian())));
        }

        var interval = Time - cameraLastRead[camera];
        cameraLastRead[camera] = Time;
        var (pedWaiting, pedCrossing) = PedestriansOnApproach(a);
        return new CctvReading(info.Id, Time, interval, counts[0], counts[1], counts[2], counts[3], queued, queueM, pedWaiting, pedCrossing, emergency);
    }

    internal long LoopCountNow(int loop) => loopCount[loop];

    internal bool LoopPresenceNow(int loop) => loopPresence[loop];

    internal double LoopOccupiedNow(int loop) => loopOccupied[loop];

    /// <summary>Vehicles slower than <see cref="SimulationOptions.QueueSpeedMs"/> anywhere on a link (all its lanes).</summary>
    internal int HaltedOnLink(int link)
    {
        var n = 0;
        var limit = options.QueueSpeedMs;
        for (var l = net.LinkFirstLane[link]; l < net.LinkFirstLane[link] + net.LinkLaneCount[link]; l++)
        {
            for (var i = 0; i < queues.Count[l]; i++)
            {
                if (veh.Speed[queues.At(l, i)] < limit)
                {
                    n++;
                }
            }
        }

        return n;
    }

    private (int Vehicles, double LengthM, int Emergency) Queue(int intersection, string leg)
    {
        var k = net.ApproachLink(intersection, leg);
        var vehicles = 0;
        var emergency = 0;
        var length = 0.0;
        for (var l = net.LinkFirstLane[k]; l < net.LinkFirstLane[k] + net.LinkLaneCount[k]; l++)
        {
            var laneLength = net.LaneLength[l];
            for (var i = 0; i < queues.Count[l]; i++)
            {
                var v = queues.At(l, i);
                var back = laneLength - veh.Pos[v] + veh.Length[v];
                if (back - veh.Length[v] > options.CctvRangeM)
                {
                    break;
                }

                if (veh.Class[v] == (byte)VehicleClass.Emergency)
                {
                    emergency++;
                }

                if (veh.Speed[v] < options.QueueSpeedMs)
                {
                    vehicles++;
                    length = Math.Max(length, Math.Min(back, options.CctvRangeM));
                }
            }
        }

        return (vehicles, length, emergency);
    }

    private double Gaussian()
    {
        // Box-Muller on the noise stream (kept apart from the traffic stream).
        var u1 = 1 - noiseRandom.NextDouble();
        var u2 = noiseRandom.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private void BuildSensors()
    {
        var list = new List<LoopInfo>();
        var cams = new List<CameraInfo>();
        var errors = new List<string>();
        var model = net.Model.Intersections;
        for (var i = 0; i < model.Count; i++)
        {
            var x = model[i];
            foreach (var d in x.Detectors)
            {
                var where = $"intersections[{i}] ({x.Id}).detectors ({d.Id})";
                var link = net.ApproachLink(i, d.LegId);
                if (link < 0)
                {
                    errors.Add($"{where}: leg {d.LegId} has no approach lanes");
                    continue;
                }

                if (d.Kind == DetectorKind.Cctv)
                {
                    cams.Add(new CameraInfo(cams.Count, d.Id, i, d.LegId, net.LaneApproach[net.LinkFirstLane[link]]));
                    continue;
                }

                var count = net.LinkLaneCount[link];
                var laneIndices = d.Lanes.Count > 0 ? d.Lanes : Enumerable.Range(1, count).ToList();
                var loopLength = d.Kind == DetectorKind.StopBar ? options.StopBarLoopLengthM : options.AdvanceLoopLengthM;
                foreach (var li in laneIndices)
                {
                    if (li < 1 || li > count)
                    {
                        errors.Add($"{where}: leg {d.LegId} has no lane {li}");
                        continue;
                    }

                    var lane = net.LinkFirstLane[link] + li - 1;
                    var to = net.LaneLength[lane] - d.DistanceM;
                    var from = to - loopLength;
                    if (from < 0)
                    {
                        errors.Add($"{where}: {d.DistanceM} m from the stop line lies beyond the {net.LaneLength[lane]} m approach");
                        continue;
                    }

                    list.Add(new LoopInfo(list.Count, d.Id, d.Kind, i, d.LegId, li, lane, from, to));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new SimulationConfigException($"network {net.Model.Name} detectors", errors);
        }

        loops = [.. list];
        loopFrom = new double[loops.Length];
        loopTo = new double[loops.Length];
        loopCount = new long[loops.Length];
        loopOccupied = new double[loops.Length];
        loopPresence = new bool[loops.Length];
        laneLoopStart = new int[net.LaneCount + 1];
        foreach (var loop in loops)
        {
            loopFrom[loop.Index] = loop.FromM;
            loopTo[loop.Index] = loop.ToM;
            laneLoopStart[loop.Lane + 1]++;
        }

        for (var l = 0; l < net.LaneCount; l++)
        {
            laneLoopStart[l + 1] += laneLoopStart[l];
        }

        laneLoops = new int[loops.Length];
        var fill = (int[])laneLoopStart.Clone();
        foreach (var loop in loops)
        {
            laneLoops[fill[loop.Lane]++] = loop.Index;
        }

        cameras = [.. cams];
        approachCounts = new long[net.Approaches.Count * ClassCount];
        cameraLastCounts = new long[cameras.Length * ClassCount];
        cameraLastRead = new double[cameras.Length];
    }

    /// <summary>
    /// A vehicle front moved from <paramref name="x0"/> to <paramref name="x1"/> (lane coordinates) in
    /// this step: count it when its front passes a loop's upstream edge, add the time its body was
    /// over the loop (front moving linearly), and mark presence when it ends the step over it.
    /// </summary>
    private void ProcessLoops(int lane, double x0, double x1, double length)
    {
        var end = laneLoopStart[lane + 1];
        for (var i = laneLoopStart[lane]; i < end; i++)
        {
            var d = laneLoops[i];
            var from = loopFrom[d];
            var until = loopTo[d] + length; // front positions for which the body overlaps the loop
            if (x0 < from && x1 >= from && (options.Noise.LoopMissProbability == 0 || noiseRandom.NextDouble() >= options.Noise.LoopMissProbability))
            {
                loopCount[d]++;
            }

            if (x1 > x0)
            {
                var overlap = Math.Min(x1, until) - Math.Max(x0, from);
                if (overlap > 0)
                {
                    loopOccupied[d] += dt * overlap / (x1 - x0);
                }
            }
            else if (x0 > from && x0 < until)
            {
                loopOccupied[d] += dt;
            }

            if (x1 > from && x1 < until)
            {
                loopPresence[d] = true;
            }
        }
    }
}
