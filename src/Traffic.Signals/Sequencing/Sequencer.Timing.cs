using Traffic.Signals.Model;

namespace Traffic.Signals.Sequencing;

/// <summary>Read-only countdown information for SPaT, computed from the interval timers.</summary>
public sealed partial class Sequencer
{
    /// <summary>
    /// When signal group <paramref name="group"/> (index into <see cref="Intersection.SignalGroups"/>)
    /// can change its indication next. Transitions happen at steps, so both ends are at least
    /// <see cref="Now"/> + 1.
    /// </summary>
    public IndicationTiming Timing(int group)
    {
        if (group < 0 || group >= model.SignalGroups.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(group), $"intersection {model.Id} has no signal group {group}");
        }

        var g = model.SignalGroups[group];
        if (g.IsOverlap)
        {
            return OverlapTiming(group);
        }

        var p = indexOfPhase[g.PhaseId];
        var r = ringOf[p];
        var next = Now + 1;
        var served = ringPhase[r] == p;
        if (served && ringInterval[r] == RingInterval.Green)
        {
            if (g.Kind == SignalGroupKind.Vehicle)
            {
                var (min, max) = GreenEnd(r, p);
                return new(Math.Max(next, min), max);
            }

            switch (pedInterval[r])
            {
                case PedInterval.Walk:
                    var walkEnd = pedStart[r] + walk[p];
                    var min = model.Options.AllowWalkTruncationOnPreempt ? next : walkEnd; // a preemption may come and cut walk
                    long? max = WalkHeld(p) ? null : Math.Max(next, walkEnd);
                    return new(Math.Max(next, min), max);
                case PedInterval.Clearance:
                    var end = Math.Max(next, pedStart[r] + pedClearance[p]);
                    return new(end, end);
            }
        }
        else if (served && ringInterval[r] == RingInterval.Yellow && g.Kind == SignalGroupKind.Vehicle)
        {
            var end = Math.Max(next, intervalStart[r] + yellow[p]);
            return new(end, end);
        }

        return new(Math.Max(next, EarliestGreen(p)), null);
    }

    /// <summary>A pedestrian-only phase's walk is stretched by a hold (unless preemption is ending it).</summary>
    private bool WalkHeld(int p) => !hasVehicles[p] && hold[p] && !PreemptionEnding(p);

    /// <summary>Earliest and, when known without further commands, latest end of the green of phase p in ring r.</summary>
    private (long Min, long? Max) GreenEnd(int r, int p)
    {
        var next = Now + 1;
        long pedMin = Now;
        long? pedMax = Now;
        switch (pedInterval[r])
        {
            case PedInterval.Walk:
                pedMin = (model.Options.AllowWalkTruncationOnPreempt ? next : pedStart[r] + walk[p]) + pedClearance[p];
                pedMax = WalkHeld(p) ? null : pedStart[r] + walk[p] + pedClearance[p];
                break;
            case PedInterval.Clearance:
                pedMin = pedStart[r] + pedClearance[p];
                pedMax = pedMin;
                break;
        }

        var minGreenEnd = intervalStart[r] + minGreen[p];
        var min = Math.Max(next, Math.Max(minGreenEnd, pedMin));
        if (pedMax is not { } pm)
        {
            return (min, null);
        }

        var floor = Math.Max(next, Math.Max(minGreenEnd, pm));
        if (PreemptionEnding(p))
        {
            return (min, floor);
        }

        if (isDwell[p] || hold[p])
        {
            return (min, null);
        }

        if (!hasVehicles[p])
        {
            return (min, floor);
        }

        var conflicting = HasConflictingCall(r, p);
        if (forceOff[p] && (conflicting || model.Options.Rest == RestMode.Red))
        {
            return (min, floor);
        }

        if (!conflicting)
        {
            return (min, null);
        }

        var timerStart = maxTimerStart[p] == Unset ? Math.Max(intervalStart[r], Now) : maxTimerStart[p];
        return (min, Math.Max(floor, timerStart + maxGreen[p]));
    }

    /// <summary>
    /// A lower bound on when phase p can next begin green: right after its ring's clearances when it
    /// follows in the same ring and barrier group, otherwise only after every ring has cleared (a
    /// barrier crossing); never before the start-up all-red ends.
    /// </summary>
    private long EarliestGreen(int p)
    {
        var r = ringOf[p];
        long at;
        if (ringPhase[r] != p && barrierOf[p] == barrierGroup && orderInRing[p] > ringPosition[r])
        {
            at = RingClearAt(r);
        }
        else
        {
            at = Now;
            for (var ring = 0; ring < ringPhases.Length; ring++)
            {
                at = Math.Max(at, RingClearAt(ring));
            }
        }

        return Math.Max(at, startupEnd);
    }

    /// <summary>The earliest tick at which ring r can be idle (its current phase fully cleared).</summary>
    private long RingClearAt(int r)
    {
        var p = ringPhase[r];
        return ringInterval[r] switch
        {
            RingInterval.Green => GreenEnd(r, p).Min + yellow[p] + redClearance[p],
            RingInterval.Yellow => intervalStart[r] + yellow[p] + redClearance[p],
            RingInterval.RedClearance => intervalStart[r] + redClearance[p],
            _ => Now,
        };
    }
}
