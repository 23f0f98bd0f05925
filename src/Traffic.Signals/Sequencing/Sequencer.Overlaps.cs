using Traffic.Signals.Model;

namespace Traffic.Signals.Sequencing;

/// <summary>
/// Overlaps (NEMA): a signal group green while any of its parent phases is green.
/// <list type="bullet">
/// <item>It turns green when a parent is green and every group that conflicts with it has been
/// inactive for that group's red clearance (so it may start a little after its parent).</item>
/// <item>When its last green parent ends, it stays green (no yellow) through that parent's yellow
/// and red clearance only while the phase the ring will start next is another parent; otherwise it
/// times its own yellow and red clearance, starting with the parent's yellow. It also stays green
/// until its own minimum green has run.</item>
/// <item>No phase whose groups conflict with an overlap starts while that overlap is green, yellow
/// or in its red clearance: the phase waits. So a wrong guess of the next phase costs time, never
/// safety.</item>
/// </list>
/// </summary>
public sealed partial class Sequencer
{
    private OverlapInterval[] ovInterval = [];
    private long[] ovStart = [];
    private int[] ovGroup = [];
    private bool[][] ovParent = [];
    private bool[][] ovBlocks = [];
    private long[] ovMinGreen = [];
    private long[] ovYellow = [];
    private long[] ovRedClearance = [];
    private int[][] groupConflicts = [];
    private long[] groupRedClearance = [];
    private long[] groupInactiveSince = [];
    private Indication[] previous = [];

    private enum OverlapInterval : byte
    {
        Red,
        Green,
        Yellow,
        RedClearance,
    }

    /// <summary>What overlap <paramref name="index"/> (position in <see cref="Intersection.Overlaps"/>) is timing now.</summary>
    public (Indication Shown, long Since) OverlapState(int index) =>
        (indications[ovGroup[index]], ovStart[index]);

    /// <summary>
    /// SPaT bounds of an overlap group: green ends no earlier than its minimum green and the ends of its
    /// green parents (unknown latest end: it may carry on into the next parent); yellow and red
    /// clearance end on time; red turns green no earlier than the earliest start of a parent.
    /// </summary>
    private IndicationTiming OverlapTiming(int group)
    {
        var k = Array.IndexOf(ovGroup, group);
        var next = Now + 1;
        switch (ovInterval[k])
        {
            case OverlapInterval.Green:
                var min = ovStart[k] + ovMinGreen[k];
                for (var r = 0; r < ringPhases.Length; r++)
                {
                    var p = ringPhase[r];
                    if (p >= 0 && ovParent[k][p] && ringInterval[r] == RingInterval.Green)
                    {
                        min = Math.Max(min, GreenEnd(r, p).Min);
                    }
                }

                return new(Math.Max(next, min), null);
            case OverlapInterval.Yellow:
                var yellowEnd = Math.Max(next, ovStart[k] + ovYellow[k]);
                return new(yellowEnd, yellowEnd);
            default:
                var start = long.MaxValue;
                for (var p = 0; p < phaseId.Length; p++)
                {
                    if (ovParent[k][p])
                    {
                        start = Math.Min(start, IsGreenIndex(p) ? next : EarliestGreen(p));
                    }
                }

                if (ovInterval[k] == OverlapInterval.RedClearance)
                {
                    start = Math.Max(start, ovStart[k] + ovRedClearance[k]);
                }

                return new(Math.Max(next, start), null);
        }
    }

    private void InitOverlaps(long startTime)
    {
        var groups = model.SignalGroups;
        var n = groups.Count;
        groupConflicts = new int[n][];
        groupRedClearance = new long[n];
        groupInactiveSince = new long[n];
        previous = new Indication[n];
        for (var g = 0; g < n; g++)
        {
            groupConflicts[g] = Enumerable.Range(0, n).Where(c => c != g && model.Conflicts[g, c]).ToArray();
            var o = model.OverlapOf(g);
            groupRedClearance[g] = SignalTime.FromSeconds(o is null ? model.Phase(groups[g].PhaseId).Timings.RedClearance : o.Timings.RedClearance);
            groupInactiveSince[g] = long.MinValue / 4;
        }

        var count = model.Overlaps.Count;
        ovInterval = new OverlapInterval[count];
        ovStart = new long[count];
        ovGroup = new int[count];
        ovParent = new bool[count][];
        ovBlocks = new bool[count][];
        ovMinGreen = new long[count];
        ovYellow = new long[count];
        ovRedClearance = new long[count];
        for (var k = 0; k < count; k++)
        {
            var o = model.Overlaps[k];
            ovStart[k] = startTime;
            ovGroup[k] = groups.First(g => g.OverlapId == o.Id).Index;
            ovParent[k] = new bool[phaseId.Length];
            foreach (var p in o.Parents)
            {
                ovParent[k][indexOfPhase[p]] = true;
            }

            ovBlocks[k] = new bool[phaseId.Length];
            for (var q = 0; q < phaseId.Length; q++)
            {
                ovBlocks[k][q] = (vehicleGroup[q] >= 0 && model.Conflicts[ovGroup[k], vehicleGroup[q]])
                    || (pedGroup[q] >= 0 && model.Conflicts[ovGroup[k], pedGroup[q]]);
            }

            ovMinGreen[k] = SignalTime.FromSeconds(o.Timings.MinGreen);
            ovYellow[k] = SignalTime.FromSeconds(o.Timings.Yellow);
            ovRedClearance[k] = SignalTime.FromSeconds(o.Timings.RedClearance);
        }
    }

    /// <summary>True while an overlap that conflicts with phase q is green, yellow or in its red clearance.</summary>
    private bool BlockedByOverlap(int q)
    {
        for (var k = 0; k < ovInterval.Length; k++)
        {
            if (!ovBlocks[k][q])
            {
                continue;
            }

            switch (ovInterval[k])
            {
                case OverlapInterval.Green or OverlapInterval.Yellow:
                    return true;
                case OverlapInterval.RedClearance when Now - ovStart[k] < ovRedClearance[k]:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Updates every overlap from the phase indications just computed; called at the end of <see cref="UpdateIndications"/>.</summary>
    private void UpdateOverlaps()
    {
        // Until overlap k is updated below, its group shows what it showed on the last tick, so that an
        // overlap updated earlier sees a conflicting overlap listed after it as still green or yellow.
        foreach (var g in ovGroup)
        {
            indications[g] = previous[g];
        }

        for (var k = 0; k < ovInterval.Length; k++)
        {
            var parentGreen = AnyParentGreen(k);
            var elapsed = Now - ovStart[k];
            switch (ovInterval[k])
            {
                case OverlapInterval.Green:
                    if (!parentGreen && elapsed >= ovMinGreen[k] && !CarriedToNextParent(k))
                    {
                        BeginOverlap(k, OverlapInterval.Yellow); // a vehicle group ends only through yellow
                    }

                    break;
                case OverlapInterval.Yellow:
                    if (elapsed >= ovYellow[k])
                    {
                        BeginOverlap(k, OverlapInterval.RedClearance);
                    }

                    break;
                case OverlapInterval.RedClearance:
                    if (elapsed >= ovRedClearance[k])
                    {
                        BeginOverlap(k, OverlapInterval.Red);
                        goto case OverlapInterval.Red;
                    }

                    break;
                case OverlapInterval.Red:
                    if (parentGreen && ClearToStart(ovGroup[k]))
                    {
                        BeginOverlap(k, OverlapInterval.Green);
                    }

                    break;
            }

            indications[ovGroup[k]] = ovInterval[k] switch
            {
                OverlapInterval.Green => Indication.Green,
                OverlapInterval.Yellow => Indication.Yellow,
                _ => Indication.Red,
            };
            NoteInactive(ovGroup[k]);
        }
    }

    private void BeginOverlap(int k, OverlapInterval interval)
    {
        ovInterval[k] = interval;
        ovStart[k] = Now;
    }

    private bool AnyParentGreen(int k)
    {
        for (var r = 0; r < ringPhases.Length; r++)
        {
            var p = ringPhase[r];
            if (p >= 0 && ovParent[k][p] && ringInterval[r] == RingInterval.Green)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A ring that is clearing a parent (or idle after one) will start another parent next, as far
    /// as the calls now say: the overlap stays green across the change. Never when the phase any
    /// ring that is not green would start next conflicts with the overlap (that phase would wait for
    /// the overlap, and the overlap for it).
    /// </summary>
    private bool CarriedToNextParent(int k)
    {
        var carried = false;
        for (var r = 0; r < ringPhases.Length; r++)
        {
            if (ringInterval[r] == RingInterval.Green)
            {
                continue;
            }

            var next = NextPhaseOfRing(r);
            if (next < 0)
            {
                continue;
            }

            if (ovBlocks[k][next])
            {
                return false;
            }

            var p = ringPhase[r];
            var afterParent = ringInterval[r] == RingInterval.Idle || (p >= 0 && ovParent[k][p]);
            carried |= afterParent && ovParent[k][next];
        }

        return carried;
    }

    /// <summary>The phase ring r would start next if it were idle now, or -1 (same choice as <see cref="TryContinueRing"/> and <see cref="CrossBarrier"/>).</summary>
    private int NextPhaseOfRing(int r)
    {
        foreach (var q in ringPhases[r])
        {
            if (barrierOf[q] == barrierGroup && orderInRing[q] > ringPosition[r] && EffectiveCall(q))
            {
                return q;
            }
        }

        var g = NextCalledGroup();
        if (g < 0)
        {
            return -1;
        }

        var dual = -1;
        foreach (var q in ringPhases[r])
        {
            if (barrierOf[q] != g)
            {
                continue;
            }

            if (EffectiveCall(q))
            {
                return q;
            }

            if (dual < 0 && isDualEntry[q] && !omit[q] && preemptions.Count == 0)
            {
                dual = q;
            }
        }

        return dual;
    }

    /// <summary>The barrier group a crossing now would go to, or -1 when no group has a call.</summary>
    private int NextCalledGroup()
    {
        var count = barrierPhases.Length;
        for (var k = 1; k <= count; k++)
        {
            var g = (barrierGroup + k) % count;
            if (GroupHasCall(g))
            {
                return g;
            }
        }

        return -1;
    }

    /// <summary>Every group that conflicts with <paramref name="group"/> is inactive and has been for its red clearance.</summary>
    private bool ClearToStart(int group)
    {
        foreach (var c in groupConflicts[group])
        {
            if (indications[c].IsActive() || Now - groupInactiveSince[c] < groupRedClearance[c])
            {
                return false;
            }
        }

        return true;
    }

    private void NoteInactive(int group)
    {
        if (previous[group].IsActive() && !indications[group].IsActive())
        {
            groupInactiveSince[group] = Now;
        }
    }
}
