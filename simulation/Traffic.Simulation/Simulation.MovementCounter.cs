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
