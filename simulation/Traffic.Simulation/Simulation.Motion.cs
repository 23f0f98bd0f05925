using System.Runtime.CompilerServices;
using Traffic.Signals.Model;

namespace Traffic.Simulation;

// Car following, stop-line decisions and moving vehicles from lane to lane.
public sealed partial class Simulation
{
    /// <summary>A vehicle held for the stop line stops this far before it.</summary>
    private const double StopMarginM = 0.5;

    /// <summary>Lane choice: metres of queue a driver accepts per lane of offset to stay in the natural lane.</summary>
    private const double LaneSwitchPenaltyM = 35;

    /// <summary>
    /// Moves every vehicle of a lane, front to back. Accelerations use the leader's state at the
    /// start of the step; the new position is then kept behind the leader's new rear (no overlap).
    /// </summary>
    private void MoveLane(int l, double t)
    {
        var n = queues.Count[l];
        var buf = queues.Buffers[l];
        var mask = buf.Length - 1;
        var first = queues.First[l];
        var laneLength = net.LaneLength[l];
        var v0 = net.LaneSpeed[l];
        var approach = net.LaneIntersection[l] >= 0;
        var hasLoops = laneLoopStart[l + 1] > laneLoopStart[l];
        var pos = veh.Pos;
        var speed = veh.Speed;
        var len = veh.Length;
        var halted = veh.Halted;
        var stops = veh.Stops;

        double leadOldPos = 0, leadOldSpeed = 0, leadLen = 0, leadNewPos = 0, leadNewSpeed = 0;
        for (var k = 0; k < n; k++)
        {
            var v = buf[(first + k) & mask];
            var x = pos[v];
            var s = speed[v];
            var held = false;
            double acc;
            if (k > 0)
            {
                acc = Idm(s, v0, leadOldPos - leadLen - x, s - leadOldSpeed);
                if (approach && MustStop(v, laneLength - x, s))
                {
                    acc = Math.Min(acc, Idm(s, v0, laneLength - StopMarginM + s0 - x, s));
                }
            }
            else if (approach)
            {
                acc = FrontAcceleration(v, x, s, laneLength, v0, t, out held);
            }
            else
            {
                acc = FreeAcceleration(s, v0);
            }

            var ns = s + (acc * dt);
            double nx;
            if (ns < 0)
            {
                nx = x - (s * s / (2 * acc));
                ns = 0;
            }
            else
            {
                nx = x + ((s + ns) * 0.5 * dt);
            }

            if (k > 0)
            {
                var limit = leadNewPos - leadLen;
                if (nx > limit)
                {
                    nx = Math.Max(x, limit);
                    ns = Math.Min(ns, leadNewSpeed);
                }

                if (approach && nx > laneLength)
                {
                    // Only the front vehicle decides at the stop line; a follower waits its turn there.
                    nx = laneLength;
                }
            }
            else if (held && nx > laneLength)
            {
                nx = laneLength;
                ns = 0;
                if (signal[NextMovement(v)] == MovementSignal.Red)
                {
                    RedOvershoots++;
                }
                else
                {
                    HeldOvershoots++;
                }
            }

            if (approach && nx > laneLength && x <= laneLength)
            {
                veh.CrossTime[v] = t + (dt * (laneLength - x) / (nx - x));
                Reserve(v, nx, ns, laneLength);
            }

            if (hasLoops)
            {
                ProcessLoops(l, x, nx, len[v]);
            }

            var prev = veh.PrevLane[v];
            if (prev >= 0)
            {
                var off = veh.PrevOffset[v];
                ProcessLoops(prev, x + off, nx + off, len[v]);
                if (nx + off - len[v] > net.LaneLength[prev])
                {
                    veh.PrevLane[v] = -1;
                }
            }

            if (ns < StopSpeedMs)
            {
                if (!halted[v])
                {
                    halted[v] = true;
                    stops[v]++;
                }
            }
            else if (ns > RestartSpeedMs)
            {
                halted[v] = false;
            }

            leadOldPos = x;
            leadOldSpeed = s;
            leadLen = len[v];
            leadNewPos = nx;
            leadNewSpeed = ns;
            pos[v] = nx;
            speed[v] = ns;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double FreeAcceleration(double v, double v0)
    {
        var r = v / v0;
        var free = delta == 4.0 ? 1 - (r * r * r * r) : 1 - Math.Pow(r, delta);
        return accel * free;
    }

    /// <summary>IDM acceleration for bumper gap <paramref name="gap"/> and closing speed <paramref name="dv"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Idm(double v, double v0, double gap, double dv)
    {
        if (gap <= 0.01)
        {
            return -maxDecel;
        }

        var sStar = s0 + Math.Max(0, (v * headway) + (v * dv * invTwoSqrtAb));
        var z = sStar / gap;
        var r = v / v0;
        var free = delta == 4.0 ? 1 - (r * r * r * r) : 1 - Math.Pow(r, delta);
        return Math.Max(accel * (free - (z * z)), -maxDecel);
    }

    /// <summary>
    /// The front vehicle of an approach lane: follows the back of the lane it will enter when it may
    /// cross, otherwise brakes for a standing obstacle at the stop line (<paramref name="held"/>).
    /// </summary>
    private double FrontAcceleration(int v, double x, double s, double laneLength, double v0, double t, out bool held)
    {
        var g = NextMovement(v);
        if (!MayCross(v, g, laneLength - x, s, t))
        {
            held = true;
            return Idm(s, v0, laneLength - StopMarginM + s0 - x, s);
        }

        held = false;
        var target = veh.Target[v];
        if (reservedStep[target] == steps)
        {
            // A vehicle from another approach enters the same lane in this step: follow it.
            return Idm(s, v0, laneLength - x + net.MovPath[g] + reservedRear[target], s - reservedSpeed[target]);
        }

        if (queues.Count[target] == 0)
        {
            return FreeAcceleration(s, v0);
        }

        var b = queues.Back(target);
        var gap = laneLength - x + net.MovPath[g] + veh.Pos[b] - veh.Length[b];
        return Idm(s, v0, gap, s - veh.Speed[b]);
    }

    /// <summary>
    /// The front vehicle of lane <paramref name="l"/> crosses its stop line in this step: reserve
    /// its place at the back of its target lane, so fronts of lanes moved later in the step follow
    /// it instead of cutting in (they would otherwise be held at the line when it is transferred).
    /// </summary>
    private void Reserve(int v, double newPos, double newSpeed, double laneLength)
    {
        var target = veh.Target[v];
        var g = NextMovement(v);
        reservedRear[target] = newPos - laneLength - net.MovPath[g] - veh.Length[v];
        reservedSpeed[target] = newSpeed;
        reservedSpace[target] = reservedStep[target] == steps ? reservedSpace[target] + veh.Length[v] + s0 : veh.Length[v] + s0;
        reservedStep[target] = steps;
    }

    /// <summary>
    /// Whether a vehicle brakes for the stop line: on red, and on yellow when it decided to stop.
    /// Every driver makes the yellow decision once, when it first sees the yellow, from its own
    /// distance and speed: stop when a stop at <see cref="SimulationOptions.YellowStopDecelerationMs2"/>
    /// is possible, otherwise go.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool MustStop(int v, double distance, double s)
    {
        switch (signal[NextMovement(v)])
        {
            case MovementSignal.Red:
                veh.Yellow[v] = VehicleStore.YellowUndecided;
                return true;
            case MovementSignal.Yellow:
                if (veh.Yellow[v] == VehicleStore.YellowUndecided)
                {
                    veh.Yellow[v] = distance >= s * s / (2 * yellowStopDecel) ? VehicleStore.YellowStop : VehicleStore.YellowGo;
                }

                return veh.Yellow[v] == VehicleStore.YellowStop;
            default:
                veh.Yellow[v] = VehicleStore.YellowUndecided;
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextMovement(int v) => routeMovements[routeStart[veh.Route[v]] + veh.RoutePos[v]];

    /// <summary>Signal, gap acceptance and room beyond the stop line; sets the vehicle's target lane.</summary>
    private bool MayCross(int v, int g, double distance, double s, double t)
    {
        switch (signal[g])
        {
            case MovementSignal.Red:
                veh.Yellow[v] = VehicleStore.YellowUndecided;
                return false;
            case MovementSignal.Yellow:
                // Stop when a comfortable stop is possible, otherwise go.
                if (MustStop(v, distance, s))
                {
                    return false;
                }

                break;
            case MovementSignal.GreenPermitted:
                veh.Yellow[v] = VehicleStore.YellowUndecided;
                if (net.MovTurn[g] is Turn.Left or Turn.UTurn && !GapAccepted(g, t))
                {
                    return false;
                }

                if (net.MovTurn[g] != Turn.Through && movPedStart[g + 1] > movPedStart[g] && PedestriansBlock(g))
                {
                    PedestrianYields++;
                    return false;
                }

                break;
            default:
                veh.Yellow[v] = VehicleStore.YellowUndecided;
                break;
        }

        var target = ChooseNextLane(v, g);
        veh.Target[v] = target;
        var taken = laneOccupied[target] + (reservedStep[target] == steps ? reservedSpace[target] : 0);
        if (net.LaneIsExit[target] || taken + veh.Length[v] + s0 <= net.LaneLength[target] + 1e-9)
        {
            return true;
        }

        SpillbackHolds++;
        return false;
    }

    /// <summary>A permitted left or U turn goes only when no opposing through or right-turning vehicle is close.</summary>
    private bool GapAccepted(int g, double t)
    {
        var end = net.MovOpposingStart[g + 1];
        for (var i = net.MovOpposingStart[g]; i < end; i++)
        {
            var o = net.MovOpposing[i];
            if (t - lastConflictCross[o] < options.PermittedClearS)
            {
                return false;
            }

            if (queues.Count[o] == 0)
            {
                continue;
            }

            var h = queues.Front(o);
            var g2 = NextMovement(h);
            if (net.MovTurn[g2] is Turn.Left or Turn.UTurn)
            {
                continue;
            }

            var st = signal[g2];
            if (st == MovementSignal.Red || (st == MovementSignal.Yellow && veh.Yellow[h] == VehicleStore.YellowStop))
            {
                continue;
            }

            if (net.LaneLength[o] - veh.Pos[h] <= (veh.Speed[h] * options.PermittedGapS) + 1.0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Lane on the link beyond movement <paramref name="g"/>, among the lanes that carry the vehicle's
    /// following movement (any lane of an exit link): the lane a driver would naturally take (left
    /// turns the leftmost, right turns the rightmost, through traffic the same relative position)
    /// unless another has at least <see cref="LaneSwitchPenaltyM"/> less of its length taken per lane
    /// of offset. Keeping to the natural lane lets parallel lanes discharge without cutting across.
    /// </summary>
    private int ChooseNextLane(int v, int g)
    {
        var r = veh.Route[v];
        var next = veh.RoutePos[v] + 1;
        var exitLink = net.MovExitLink[g];
        var first = net.LinkFirstLane[exitLink];
        var count = net.LinkLaneCount[exitLink];
        var natural = NaturalSlot(veh.Lane[v], net.MovTurn[g], count);
        int from, to;
        int[] lanes;
        if (next < routeLength[r])
        {
            var g2 = routeMovements[routeStart[r] + next];
            lanes = net.MovLanes;
            from = net.MovLaneStart[g2];
            to = net.MovLaneStart[g2 + 1];
        }
        else
        {
            lanes = laneIdentity;
            from = first;
            to = first + count;
        }

        var best = -1;
        var bestCost = double.PositiveInfinity;
        for (var i = from; i < to; i++)
        {
            var l = lanes[i];
            var cost = laneOccupied[l] + (LaneSwitchPenaltyM * Math.Abs(l - first - natural));
            if (cost < bestCost)
            {
                best = l;
                bestCost = cost;
            }
        }

        return best;
    }

    /// <summary>0-based lane (from the left) of an <paramref name="exitLanes"/>-lane link that a vehicle from <paramref name="lane"/> turning <paramref name="turn"/> would take.</summary>
    private int NaturalSlot(int lane, Turn turn, int exitLanes)
    {
        var link = net.LaneLink[lane];
        var slot = lane - net.LinkFirstLane[link];
        var lanes = net.LinkLaneCount[link];
        return turn switch
        {
            Turn.Left or Turn.UTurn => 0,
            Turn.Right => exitLanes - 1,
            _ => lanes == 1 ? 0 : (int)Math.Round(slot * (exitLanes - 1) / (double)(lanes - 1)),
        };
    }

    /// <summary>Moves the vehicles whose front passed the end of the lane onto the next lane, or off the network.</summary>
    private void TransferFronts(int l, double t)
    {
        var laneLength = net.LaneLength[l];
        while (queues.Count[l] > 0)
        {
            var v = queues.Front(l);
            if (veh.Pos[v] <= laneLength)
            {
                return;
            }

            var space = veh.Length[v] + s0;
            if (net.LaneIsExit[l])
            {
                queues.PopFront(l);
                laneOccupied[l] -= space;
                Exited++;
                observer?.Exited(new VehicleEvent(veh.Serial[v], t + dt, veh.Route[v], l, (VehicleClass)veh.Class[v], veh.EnterTime[v], veh.Stops[v]));
                veh.Release(v);
                continue;
            }

            var g = NextMovement(v);
            var target = veh.Target[v];
            var newPos = veh.Pos[v] - laneLength - net.MovPath[g];
            var newSpeed = veh.Speed[v];
            if (queues.Count[target] > 0)
            {
                var b = queues.Back(target);
                var limit = veh.Pos[b] - veh.Length[b];
                if (newPos > limit)
                {
                    newPos = limit;
                    newSpeed = Math.Min(newSpeed, veh.Speed[b]);
                }
            }

            if (newPos < -net.MovPath[g] || (!net.LaneIsExit[target] && laneOccupied[target] + space > net.LaneLength[target] + 1e-9))
            {
                // Another vehicle took the room beyond the stop line in this step: wait at the line.
                HoldAtStopLine(l, v, laneLength);
                MergeHolds++;
                return;
            }

            queues.PopFront(l);
            laneOccupied[l] -= space;
            queues.PushBack(target, v);
            laneOccupied[target] += space;
            veh.Lane[v] = target;
            veh.Pos[v] = newPos;
            veh.Speed[v] = newSpeed;
            veh.RoutePos[v]++;
            veh.Yellow[v] = VehicleStore.YellowUndecided;
            if (laneLoopStart[l + 1] > laneLoopStart[l])
            {
                veh.PrevLane[v] = l;
                veh.PrevOffset[v] = laneLength + net.MovPath[g];
            }

            var turn = net.MovTurn[g];
            if (turn is Turn.Through or Turn.Right)
            {
                lastConflictCross[l] = veh.CrossTime[v];
            }

            approachCounts[(net.LaneApproach[l] * ClassCount) + veh.Class[v]]++;
            if (observer is not null)
            {
                var r = veh.Route[v];
                var next = veh.RoutePos[v] < routeLength[r] ? routeMovements[routeStart[r] + veh.RoutePos[v]] : -1;
                observer.CrossedStopLine(new StopLineCrossing(
                    veh.Serial[v], veh.CrossTime[v], t, net.MovIntersection[g], g, l, signal[g], newSpeed, (VehicleClass)veh.Class[v], next, target));
            }
        }
    }

    /// <summary>Puts the front vehicle back at the stop line, stopped, and keeps its followers behind it.</summary>
    private void HoldAtStopLine(int l, int v, double laneLength)
    {
        veh.Pos[v] = laneLength;
        veh.Speed[v] = 0;
        var leadPos = laneLength;
        var leadLen = veh.Length[v];
        for (var k = 1; k < queues.Count[l]; k++)
        {
            var f = queues.At(l, k);
            if (veh.Pos[f] <= leadPos - leadLen)
            {
                return;
            }

            veh.Pos[f] = leadPos - leadLen;
            veh.Speed[f] = 0;
            leadPos = veh.Pos[f];
            leadLen = veh.Length[f];
        }
    }
}
