using Traffic.Signals.Model;

namespace Traffic.Signals.Sequencing;

/// <summary>
/// The interval state machine of one intersection: a NEMA-style ring-barrier sequencer that only
/// makes legal moves. Green lasts at least its minimum (and at least walk + pedestrian clearance
/// when pedestrians were served), ends through yellow and red clearance, and the next phase of a
/// ring starts only after that. Phases of different rings run together only inside one barrier
/// group; a barrier is crossed only when every ring has finished its clearances.
/// Time advances one tick (0.1 s) per <see cref="Step"/>; nothing here reads the wall clock.
/// The sequencer is not the last word on safety: <see cref="SignalController"/> checks every state it
/// emits with the independent <see cref="Safety.SafetyMonitor"/>.
/// </summary>
public sealed partial class Sequencer
{
    private const long Unset = long.MinValue;

    private readonly Intersection model;
    private readonly Dictionary<int, int> indexOfPhase = [];
    private readonly int[] phaseId;
    private readonly int[] ringOf;
    private readonly int[] barrierOf;
    private readonly int[] orderInRing;
    private readonly int[][] ringPhases;
    private readonly int[][] barrierPhases;
    private readonly long[] minGreen;
    private readonly long[] maxGreen;
    private readonly long[] yellow;
    private readonly long[] redClearance;
    private readonly long[] walk;
    private readonly long[] pedClearance;
    private readonly bool[] hasVehicles;
    private readonly bool[] hasPeds;
    private readonly int[] vehicleGroup;
    private readonly int[] pedGroup;
    private readonly bool[] isRestPhase;
    private readonly bool[] isDualEntry;

    // Commands and calls, per phase index.
    private readonly bool[] call;
    private readonly bool[] pedCall;
    private readonly bool[] hold;
    private readonly bool[] omit;
    private readonly bool[] forceOff;
    private readonly long[] maxTimerStart;

    // Ring state.
    private readonly int[] ringPhase;
    private readonly RingInterval[] ringInterval;
    private readonly long[] intervalStart;
    private readonly int[] ringPosition;
    private readonly PedInterval[] pedInterval;
    private readonly long[] pedStart;

    private readonly List<PreemptionRequest> preemptions = [];
    private readonly bool[] isDwell;
    private readonly Indication[] indications;
    private readonly long startupEnd;
    private readonly int[] crossPlan;
    private int barrierGroup;

    public Sequencer(Intersection model, long startTime = 0)
    {
        this.model = model;
        var n = model.Phases.Count;
        phaseId = new int[n];
        ringOf = new int[n];
        barrierOf = new int[n];
        orderInRing = new int[n];
        minGreen = new long[n];
        maxGreen = new long[n];
        yellow = new long[n];
        redClearance = new long[n];
        walk = new long[n];
        pedClearance = new long[n];
        hasVehicles = new bool[n];
        hasPeds = new bool[n];
        vehicleGroup = new int[n];
        pedGroup = new int[n];
        isRestPhase = new bool[n];
        isDualEntry = new bool[n];
        call = new bool[n];
        pedCall = new bool[n];
        hold = new bool[n];
        omit = new bool[n];
        forceOff = new bool[n];
        maxTimerStart = new long[n];
        isDwell = new bool[n];

        for (var i = 0; i < n; i++)
        {
            var p = model.Phases[i];
            phaseId[i] = p.Id;
            indexOfPhase[p.Id] = i;
            var t = p.Timings;
            minGreen[i] = SignalTime.FromSeconds(t.MinGreen);
            maxGreen[i] = Math.Max(minGreen[i], SignalTime.FromSeconds(t.MaxGreen));
            yellow[i] = SignalTime.FromSeconds(t.Yellow);
            redClearance[i] = SignalTime.FromSeconds(t.RedClearance);
            walk[i] = SignalTime.FromSeconds(t.Walk);
            pedClearance[i] = SignalTime.FromSeconds(t.PedClearance);
            hasVehicles[i] = p.HasVehicles;
            hasPeds[i] = p.HasPedestrians;
            vehicleGroup[i] = model.VehicleGroupOf(p.Id);
            pedGroup[i] = model.PedestrianGroupOf(p.Id);
            maxTimerStart[i] = Unset;
        }

        var rings = model.Structure.Rings;
        ringPhases = new int[rings.Count][];
        for (var r = 0; r < rings.Count; r++)
        {
            ringPhases[r] = new int[rings[r].Count];
            for (var k = 0; k < rings[r].Count; k++)
            {
                var idx = indexOfPhase[rings[r][k]];
                ringPhases[r][k] = idx;
                ringOf[idx] = r;
                orderInRing[idx] = k;
            }
        }

        var groups = model.Structure.BarrierGroups;
        barrierPhases = new int[groups.Count][];
        for (var b = 0; b < groups.Count; b++)
        {
            barrierPhases[b] = groups[b].Select(id => indexOfPhase[id]).ToArray();
            foreach (var idx in barrierPhases[b])
            {
                barrierOf[idx] = b;
            }
        }

        foreach (var id in model.Options.RestPhases)
        {
            isRestPhase[indexOfPhase[id]] = true;
        }

        foreach (var id in model.Options.DualEntryPhases)
        {
            isDualEntry[indexOfPhase[id]] = true;
        }

        var ringCount = rings.Count;
        ringPhase = new int[ringCount];
        ringInterval = new RingInterval[ringCount];
        intervalStart = new long[ringCount];
        ringPosition = new int[ringCount];
        pedInterval = new PedInterval[ringCount];
        pedStart = new long[ringCount];
        for (var r = 0; r < ringCount; r++)
        {
            ringPhase[r] = -1;
            ringPosition[r] = -1;
            intervalStart[r] = startTime;
        }

        indications = new Indication[model.SignalGroups.Count];
        Now = startTime;
        startupEnd = startTime + SignalTime.FromSeconds(model.Options.StartupAllRedSeconds);
        barrierGroup = groups.Count - 1; // so that the first crossing goes to group 0
        crossPlan = new int[ringCount];
        InitOverlaps(startTime);
        UpdateIndications();
    }

    private enum PedInterval : byte
    {
        None,
        Walk,
        Clearance,
        Done,
    }

    public Intersection Model => model;

    public long Now { get; private set; }

    public int RingCount => ringPhases.Length;

    /// <summary>Indication of every signal group, indexed like <see cref="Intersection.SignalGroups"/>.</summary>
    public ReadOnlySpan<Indication> Indications => indications;

    public bool IsPreempted => preemptions.Count > 0;

    public int BarrierGroup => barrierGroup;

    public RingStatus Ring(int ring)
    {
        var p = ringPhase[ring];
        return new RingStatus(ring, p < 0 ? 0 : phaseId[p], ringInterval[ring], intervalStart[ring]);
    }

    public bool IsGreen(int phase)
    {
        var i = Index(phase);
        var r = ringOf[i];
        return ringPhase[r] == i && ringInterval[r] == RingInterval.Green;
    }

    public long GreenElapsed(int phase) => IsGreen(phase) ? Now - intervalStart[ringOf[Index(phase)]] : -1;

    public bool HasCall(int phase)
    {
        var i = Index(phase);
        return call[i] || pedCall[i];
    }

    public void PlaceCall(int phase)
    {
        var i = Index(phase);
        if (!hasVehicles[i])
        {
            PlacePedCall(phase);
            return;
        }

        if (!IsGreenIndex(i))
        {
            call[i] = true;
        }
    }

    public void PlacePedCall(int phase)
    {
        var i = Index(phase);
        if (!hasPeds[i])
        {
            return;
        }

        // A call that arrives while this green is still walking is being served already.
        var r = ringOf[i];
        if (IsGreenIndex(i) && pedInterval[r] == PedInterval.Walk)
        {
            return;
        }

        pedCall[i] = true;
    }

    public void SetHold(int phase, bool on) => hold[Index(phase)] = on;

    public void ForceOff(int phase)
    {
        var i = Index(phase);
        if (IsGreenIndex(i))
        {
            forceOff[i] = true;
        }
    }

    public void SetOmit(int phase, bool on) => omit[Index(phase)] = on;

    public void RequestPreemption(PreemptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DwellPhases.Count == 0)
        {
            throw new ArgumentException($"preemption {request.Id} names no dwell phase", nameof(request));
        }

        var rings = new HashSet<int>();
        var group = -1;
        foreach (var id in request.DwellPhases)
        {
            if (!indexOfPhase.TryGetValue(id, out var i))
            {
                throw new ArgumentException($"preemption {request.Id}: intersection {model.Id} has no phase {id}", nameof(request));
            }

            if (!rings.Add(ringOf[i]) || (group >= 0 && group != barrierOf[i]))
            {
                throw new ArgumentException(
                    $"preemption {request.Id}: dwell phases {string.Join(",", request.DwellPhases)} cannot run together (same ring or different barrier groups)",
                    nameof(request));
            }

            group = barrierOf[i];
        }

        if (preemptions.Exists(p => p.Id == request.Id))
        {
            return;
        }

        preemptions.Add(request);
        RefreshDwell();
    }

    public void ReleasePreemption(string id)
    {
        preemptions.RemoveAll(p => p.Id == id);
        RefreshDwell();
    }

    /// <summary>Advances time by one tick and makes every transition that is now due.</summary>
    public void Step()
    {
        Now++;
        if (Now < startupEnd)
        {
            return;
        }

        for (var r = 0; r < ringPhases.Length; r++)
        {
            StepRing(r);
        }

        if (AllRingsIdle())
        {
            CrossBarrier();
        }

        UpdateIndications();
    }

    private void StepRing(int r)
    {
        var p = ringPhase[r];
        switch (ringInterval[r])
        {
            case RingInterval.Green:
                StepPedestrians(r, p);
                if (MayEndGreen(r, p))
                {
                    forceOff[p] = false;
                    maxTimerStart[p] = Unset;
                    Begin(r, yellow[p] > 0 ? RingInterval.Yellow : RingInterval.RedClearance);
                }

                break;
            case RingInterval.Yellow:
                if (Now - intervalStart[r] >= yellow[p])
                {
                    Begin(r, RingInterval.RedClearance);
                }

                break;
            case RingInterval.RedClearance:
                if (Now - intervalStart[r] >= redClearance[p])
                {
                    ringPhase[r] = -1;
                    Begin(r, RingInterval.Idle);
                    TryContinueRing(r);
                }

                break;
            case RingInterval.Idle:
                if (!AllRingsIdle())
                {
                    TryContinueRing(r);
                }

                break;
        }
    }

    private void StepPedestrians(int r, int p)
    {
        var elapsed = Now - pedStart[r];
        switch (pedInterval[r])
        {
            case PedInterval.Walk:
                var truncate = model.Options.AllowWalkTruncationOnPreempt && PreemptionEnding(p);
                var held = !hasVehicles[p] && hold[p] && !PreemptionEnding(p);
                if ((elapsed >= walk[p] && !held) || truncate)
                {
                    pedInterval[r] = PedInterval.Clearance;
                    pedStart[r] = Now;
                }

                break;
            case PedInterval.Clearance:
                if (elapsed >= pedClearance[p])
                {
                    pedInterval[r] = PedInterval.Done;
                    pedStart[r] = Now;
                }

                break;
        }
    }

    private bool MayEndGreen(int r, int p)
    {
        // The max timer starts when a conflicting call arrives, even during minimum green.
        var conflicting = hasVehicles[p] && HasConflictingCall(r, p);
        if (conflicting && maxTimerStart[p] == Unset)
        {
            maxTimerStart[p] = Math.Max(intervalStart[r], Now - 1); // commands given after a step count from that step
        }

        if (Now - intervalStart[r] < minGreen[p])
        {
            return false;
        }

        if (pedInterval[r] is PedInterval.Walk or PedInterval.Clearance)
        {
            return false;
        }

        if (PreemptionEnding(p))
        {
            return true;
        }

        if (isDwell[p] || hold[p])
        {
            return false;
        }

        if (!hasVehicles[p])
        {
            return true; // a pedestrian-only phase ends when its pedestrian timing is done
        }

        if (conflicting && Now - maxTimerStart[p] >= maxGreen[p])
        {
            return true;
        }

        if (forceOff[p])
        {
            if (conflicting || model.Options.Rest == RestMode.Red)
            {
                return true;
            }

            forceOff[p] = false; // nowhere to go: resting in green; a later gap-out is asked again
        }

        return false;
    }

    /// <summary>Preemption is active and this phase is not one the emergency vehicle needs.</summary>
    private bool PreemptionEnding(int p) => preemptions.Count > 0 && !isDwell[p];

    private bool EffectiveCall(int i)
    {
        if (omit[i] && !isDwell[i])
        {
            return false;
        }

        if (preemptions.Count > 0)
        {
            return isDwell[i];
        }

        if (call[i] || pedCall[i])
        {
            return true;
        }

        return model.Options.Rest == RestMode.Green && isRestPhase[i];
    }

    /// <summary>
    /// True when some phase needs service that ring r cannot give while phase p stays green: a call
    /// on a later or earlier phase of this ring, or across the barrier. Calls on phases of other
    /// rings that can still start inside the current barrier group do not count.
    /// </summary>
    private bool HasConflictingCall(int r, int p)
    {
        for (var q = 0; q < phaseId.Length; q++)
        {
            if (q == p || !EffectiveCall(q))
            {
                continue;
            }

            var rq = ringOf[q];
            if (rq != r && barrierOf[q] == barrierGroup)
            {
                var servedNow = ringPhase[rq] == q && ringInterval[rq] == RingInterval.Green;
                if (servedNow || orderInRing[q] > ringPosition[rq])
                {
                    continue;
                }
            }

            return true;
        }

        return false;
    }

    private void TryContinueRing(int r)
    {
        foreach (var q in ringPhases[r])
        {
            if (barrierOf[q] == barrierGroup && orderInRing[q] > ringPosition[r] && EffectiveCall(q))
            {
                if (!BlockedByOverlap(q))
                {
                    StartGreen(r, q);
                }

                return; // a phase that an overlap still blocks is started on a later tick
            }
        }
    }

    private void CrossBarrier()
    {
        var g = NextCalledGroup();
        if (g < 0)
        {
            return;
        }

        var any = false;
        for (var r = 0; r < ringPhases.Length; r++)
        {
            crossPlan[r] = -1;
            foreach (var q in ringPhases[r])
            {
                if (barrierOf[q] == g && EffectiveCall(q))
                {
                    crossPlan[r] = q;
                    any = true;
                    break;
                }
            }
        }

        for (var r = 0; r < ringPhases.Length && any && preemptions.Count == 0; r++)
        {
            foreach (var q in ringPhases[r])
            {
                if (crossPlan[r] < 0 && barrierOf[q] == g && isDualEntry[q] && !omit[q])
                {
                    crossPlan[r] = q;
                }
            }
        }

        foreach (var q in crossPlan)
        {
            if (q >= 0 && BlockedByOverlap(q))
            {
                return; // cross when the overlap has cleared
            }
        }

        barrierGroup = g;
        for (var r = 0; r < ringPhases.Length; r++)
        {
            ringPosition[r] = -1;
            if (crossPlan[r] >= 0)
            {
                StartGreen(r, crossPlan[r]);
            }
        }
    }

    private bool GroupHasCall(int g)
    {
        foreach (var q in barrierPhases[g])
        {
            if (EffectiveCall(q))
            {
                return true;
            }
        }

        return false;
    }

    private void StartGreen(int r, int q)
    {
        ringPhase[r] = q;
        ringPosition[r] = orderInRing[q];
        Begin(r, RingInterval.Green);
        call[q] = false;
        forceOff[q] = false;
        maxTimerStart[q] = Unset;
        if (hasPeds[q] && (pedCall[q] || !hasVehicles[q]))
        {
            pedCall[q] = false;
            pedInterval[r] = PedInterval.Walk;
        }
        else
        {
            pedInterval[r] = PedInterval.None;
        }

        pedStart[r] = Now;
    }

    private void Begin(int r, RingInterval interval)
    {
        ringInterval[r] = interval;
        intervalStart[r] = Now;
        if (interval != RingInterval.Green)
        {
            pedInterval[r] = PedInterval.None;
        }
    }

    private bool AllRingsIdle()
    {
        foreach (var i in ringInterval)
        {
            if (i != RingInterval.Idle)
            {
                return false;
            }
        }

        return true;
    }

    private bool IsGreenIndex(int i)
    {
        var r = ringOf[i];
        return ringPhase[r] == i && ringInterval[r] == RingInterval.Green;
    }

    private void RefreshDwell()
    {
        Array.Clear(isDwell);
        if (preemptions.Count > 0)
        {
            foreach (var id in preemptions[0].DwellPhases)
            {
                isDwell[indexOfPhase[id]] = true;
            }
        }
    }

    private void UpdateIndications()
    {
        indications.CopyTo(previous, 0);
        foreach (var g in model.SignalGroups)
        {
            indications[g.Index] = g.Kind == SignalGroupKind.Vehicle ? Indication.Red : Indication.DontWalk;
        }

        for (var r = 0; r < ringPhases.Length; r++)
        {
            var p = ringPhase[r];
            if (p < 0)
            {
                continue;
            }

            if (vehicleGroup[p] >= 0)
            {
                indications[vehicleGroup[p]] = ringInterval[r] switch
                {
                    RingInterval.Green => Indication.Green,
                    RingInterval.Yellow => Indication.Yellow,
                    _ => Indication.Red,
                };
            }

            if (pedGroup[p] >= 0)
            {
                indications[pedGroup[p]] = pedInterval[r] switch
                {
                    PedInterval.Walk => Indication.Walk,
                    PedInterval.Clearance => Indication.PedClearance,
                    _ => Indication.DontWalk,
                };
            }
        }

        for (var g = 0; g < indications.Length; g++)
        {
            if (!model.SignalGroups[g].IsOverlap)
            {
                NoteInactive(g);
            }
        }

        UpdateOverlaps();
    }

    private int Index(int phase) =>
        indexOfPhase.TryGetValue(phase, out var i)
            ? i
            : throw new ArgumentException($"intersection {model.Id} has no phase {phase}", nameof(phase));
}
