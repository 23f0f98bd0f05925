namespace Traffic.Simulation;

// The CCTV movement counter: per movement of an intersection, what a camera that tracks vehicles to
// their exit sees in its zone (docs/simulation.md, "CCTV movement counts").
public sealed partial class Simulation
{
    /// <summary>
    /// Per movement (local index of <paramref name="intersection"/>): <paramref name="halted"/> vehicles
    /// (slower than <see cref="SimulationOptions.QueueSpeedMs"/>) and <paramref name="approaching"/> vehicles
    /// (moving or not) within <paramref name="rangeM"/> of the stop line that will take that movement, and
    /// <paramref name="downstream"/> = halted vehicles per lane (rounded up) on the link the movement exits
    /// into. Halted counts get the camera queue noise (<see cref="SensorNoise.CctvQueueStdDevVehicles"/>).
    /// </summary>
    internal void CountMovements(int intersection, double rangeM, Span<int> halted, Span<int> approaching, Span<int> downstream)
    {
        halted.Clear();
        approaching.Clear();
        var x = net.Model.Intersections[intersection];
        var first = net.MovementBase[intersection];
        var count = x.Movements.Count;
        var limit = options.QueueSpeedMs;
        foreach (var leg in x.Legs)
        {
            var k = net.ApproachLink(intersection, leg.Id);
            if (k < 0)
            {
                continue;
            }

            for (var l = net.LinkFirstLane[k]; l < net.LinkFirstLane[k] + net.LinkLaneCount[k]; l++)
            {
                var laneLength = net.LaneLength[l];
                for (var i = 0; i < queues.Count[l]; i++)
                {
                    var v = queues.At(l, i);
                    if (laneLength - veh.Pos[v] > rangeM)
                    {
                        break;
                    }

                    var m = NextMovement(v) - first;
                    if (m < 0 || m >= count)
                    {
                        continue;
                    }

                    approaching[m]++;
                    if (veh.Speed[v] < limit)
                    {
                        halted[m]++;
                    }
                }
            }
        }

        var noise = options.Noise.CctvQueueStdDevVehicles;
        for (var m = 0; m < count; m++)
        {
            if (noise > 0)
            {
                halted[m] = Math.Max(0, (int)Math.Round(halted[m] + (noise * Gaussian())));
                approaching[m] = Math.Max(halted[m], approaching[m]);
            }

            var exit = net.MovExitLink[first + m];
            downstream[m] = exit < 0 ? 0 : (HaltedOnLink(exit) + net.LinkLaneCount[exit] - 1) / net.LinkLaneCount[exit];
        }
    }

    /// <summary>
    /// Adds to <paramref name="into"/> every vehicle on global lane <paramref name="lane"/> within <paramref name="rangeM"/>
    /// of its downstream end (the stop line), with its distance to it and its speed: a tracking camera's view of one lane.
    /// </summary>
    internal void Approaching(int lane, double rangeM, List<Traffic.Control.ApproachingVehicle> into)
    {
        var length = net.LaneLength[lane];
        for (var i = 0; i < queues.Count[lane]; i++)
        {
            var v = queues.At(lane, i);
            var distance = length - veh.Pos[v];
            if (distance > rangeM)
            {
                break;
            }

            into.Add(new Traffic.Control.ApproachingVehicle(Math.Max(0, distance), Math.Max(0, veh.Speed[v])));
        }
    }

    private int[][][]? stopBarLanes;
    private int[][][]? detectorMovements;

    /// <summary>
    /// A tracking camera's view of the stop-bar detector <paramref name="detector"/> (index into the intersection's
    /// detectors) of <paramref name="intersection"/>: adds every vehicle on the detector's lanes within
    /// <paramref name="rangeM"/> of the stop line to <paramref name="into"/> (distance and speed) and returns the room
    /// behind the junction (queued vehicles that still fit, the least over the detector's movements;
    /// <see cref="int.MaxValue"/> when none is bounded), or -1 when the detector is not a stop-bar detector with loops here.
    /// </summary>
    public int Track(int intersection, int detector, double rangeM, List<Traffic.Control.ApproachingVehicle> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (stopBarLanes is null || detectorMovements is null)
        {
            BuildTrackTables();
        }

        var lanes = stopBarLanes![intersection][detector];
        if (lanes.Length == 0)
        {
            return -1;
        }

        foreach (var lane in lanes)
        {
            Approaching(lane, rangeM, into);
        }

        var room = int.MaxValue;
        foreach (var m in detectorMovements![intersection][detector])
        {
            room = Math.Min(room, ExitRoom(intersection, m));
        }

        return room;
    }

    /// <summary>Each stop-bar detector's lanes (from its loops) and movements, per intersection.</summary>
    private void BuildTrackTables()
    {
        var model = net.Model.Intersections;
        stopBarLanes = new int[model.Count][][];
        detectorMovements = new int[model.Count][][];
        for (var i = 0; i < model.Count; i++)
        {
            var x = model[i];
            var ii = i;
            var movementIndex = Enumerable.Range(0, x.Movements.Count).ToDictionary(m => x.Movements[m].Id, StringComparer.Ordinal);
            stopBarLanes[i] = x.Detectors.Select((d, k) => d.Kind == Traffic.Signals.Model.DetectorKind.StopBar
                ? LoopsOf(ii, k).Select(l => loops[l].Lane).Distinct().ToArray()
                : []).ToArray();
            detectorMovements[i] = x.Detectors.Select(d => d.MovementIds.Where(movementIndex.ContainsKey).Select(id => movementIndex[id]).ToArray()).ToArray();
        }
    }

    /// <summary>Queued vehicles that still fit on the link movement <paramref name="movement"/> (local index) of <paramref name="intersection"/> exits into.</summary>
    internal int ExitRoom(int intersection, int movement)
    {
        var exit = net.MovExitLink[net.MovementBase[intersection] + movement];
        if (exit < 0)
        {
            return int.MaxValue;
        }

        var lanes = net.LinkLaneCount[exit];
        var capacity = (int)(net.LaneLength[net.LinkFirstLane[exit]] / options.Idm.JamSpacingM) * lanes;
        return Math.Max(0, capacity - HaltedOnLink(exit));
    }
}
