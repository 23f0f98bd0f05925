using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Adaptive control: every second it asks, for the stage now green, whether one more second of it is
/// worth more than switching. The value of a set of movements is its queued vehicles, plus a weight of
/// the vehicles moving towards the stop bar, minus the vehicles halted on the lanes it empties into
/// (a blocked exit gains nothing). For every other stage k the gain of switching is the value of what
/// k adds minus the value of what it ends. The green ends (the sequencer keeps minimum green and the
/// clearances) when the best gain beats a margin that pays for the lost time of the switch, when what
/// would be ended has no vehicles left to use it while k has some (gap-out with queue knowledge), or at
/// the maximum green. Stages without demand are skipped. Once a switch is decided its target is kept
/// until it is green. Inputs: measured per-movement queues (<see cref="IMovementQueueObserver"/>) when
/// fresh, otherwise the <see cref="MovementEstimator"/> (loops and CCTV in a Kalman filter). Detector
/// health: a faulty detector is dropped from the estimator, a movement left with no source is treated
/// as on recall, and with no source at all (blind) the policy runs fixed-time from a Webster plan of the
/// last estimated flows until data returns; every fault is reported through <see cref="Alarm"/>.
/// </summary>
public sealed partial class AdaptivePolicy : ISignalPolicy, IMovementQueueObserver, IArrivalObserver
{
    private const long Never = long.MinValue / 4;

    private readonly Intersection intersection;
    private readonly AdaptiveSettings settings;
    private readonly List<int[]> stages;
    private readonly Dictionary<int, int[]> phaseMovements = [];
    private readonly int[][] movementPhases;
    private readonly Dictionary<int, double[]> service;
    private readonly bool[] movementCovered;
    private readonly int[] up;
    private readonly int[] down;
    private readonly int[] approaching;
    private readonly long[] measuredAt;
    private readonly double[] value;
    private readonly double[] moving;
    private readonly double[] near;
    private readonly bool[] stopBarPresence;
    private readonly int[][] detectorMovements;
    private readonly PedestrianCalls pedCalls;
    private readonly Dictionary<int, long> lastGreen = [];
    private readonly long interval;
    private readonly long stale;
    private readonly long cctvStale;
    private FixedTimePolicy? blindFallback;
    private int[]? target;
    private long targetSince = Never;
    private long lastDecision = Never;

    private readonly TimingPlan? backupPlan;
    private ArrivalSchedulePolicy? schedule;

    /// <param name="backupPlan">The intersection's fixed-time backup plan (a controller's time-of-day plan), run when
    /// blind (and when degraded with <see cref="AdaptiveSettings.DegradedFixedTime"/>); null = a Webster plan of the
    /// estimated flows at the time.</param>
    public AdaptivePolicy(Intersection intersection, AdaptiveSettings settings, TimingPlan? backupPlan = null)
    {
        this.backupPlan = backupPlan;
        if (!(settings.DecisionIntervalSeconds > 0) || !(settings.MaxGreenSeconds > 0) || settings.MovingWeight < 0
            || settings.SwitchMargin < 0 || settings.GapVehicles < 0 || settings.WaitWeight < 0 || settings.MovingCallWeight < 0 || settings.LightDemandQueue < 0 || !(settings.StaleSeconds > 0)
            || settings.PedestrianCallVehicles < 0 || settings.PedestrianWaitWeight < 0 || settings.ApproachingWeight < 0
            || settings.DegradedSwitchMargin < 0 || settings.DegradedMaxGreenSeconds <= 0)
        {
            throw new ArgumentException($"adaptive settings for {intersection.Id}: intervals must be positive and weights >= 0 ({settings})", nameof(settings));
        }

        this.intersection = intersection;
        this.settings = settings;
        Estimator = new MovementEstimator(intersection, settings.Estimator);
        Health = new DetectorHealthMonitor(intersection, settings.Health);
        stages = StageSet.Of(intersection, "adaptive");
        var n = intersection.Movements.Count;
        var index = Enumerable.Range(0, n).ToDictionary(m => intersection.Movements[m].Id, StringComparer.Ordinal);
        foreach (var phase in intersection.Phases)
        {
            phaseMovements[phase.Id] = intersection.ServedMovements(phase.Id).Select(pm => index[pm.MovementId]).Distinct().ToArray();
        }

        service = intersection.Phases.ToDictionary(
            p => p.Id,
            p => Enumerable.Range(0, n).Select(m => intersection.ServedMovements(p.Id)
                .Where(pm => pm.MovementId == intersection.Movements[m].Id)
                .Select(pm => pm.Mode == MovementMode.Protected ? 1.0 : PermittedShareOf(pm.MovementId))
                .DefaultIfEmpty(0).Max()).ToArray());
        movementPhases = Enumerable.Range(0, n)
            .Select(m => intersection.Phases.Where(p => phaseMovements[p.Id].Contains(m)).Select(p => p.Id).ToArray())
            .ToArray();
        movementCovered = new bool[n];
        up = new int[n];
        down = new int[n];
        approaching = new int[n];
        measuredAt = Enumerable.Repeat(Never, n).ToArray();
        value = new double[n];
        moving = new double[n];
        near = new double[n];
        stopBarPresence = new bool[intersection.Detectors.Count];
        detectorMovements = intersection.Detectors.Select(d => d.MovementIds.Select(id => index.GetValueOrDefault(id, -1)).Where(m => m >= 0).ToArray()).ToArray();
        interval = Math.Max(1, SignalTime.FromSeconds(settings.DecisionIntervalSeconds));
        stale = SignalTime.FromSeconds(settings.StaleSeconds);
        cctvStale = SignalTime.FromSeconds(Math.Max(30, settings.StaleSeconds));
        pedCalls = new PedestrianCalls(intersection, settings.StaleSeconds);
        InitDegraded();
    }

    public string Name => "adaptive";

    /// <summary>Raised for every detector fault raised or cleared, and when the policy goes blind or sees again.</summary>
    public event Action<DetectorAlarm>? Alarm;

    public MovementEstimator Estimator { get; }

    public DetectorHealthMonitor Health { get; }

    /// <summary>True while no source of data is usable and the policy runs its fixed-time fallback.</summary>
    public bool IsBlind => blindFallback is not null;

    /// <summary>The stage (phase ids) the policy is serving or switching to, or null before the first decision.</summary>
    public IReadOnlyList<int>? Target => target;

    /// <summary>The value the last decision gave each movement (vehicles).</summary>
    public IReadOnlyList<double> MovementValues => value;

    public void Observe(in DetectorReading r)
    {
        if (r.Detector >= 0 && r.Detector < stopBarPresence.Length)
        {
            stopBarPresence[r.Detector] = r.Presence && intersection.Detectors[r.Detector].Kind == DetectorKind.StopBar;
            NotePresence(r.Detector, r.Time);
        }

        Health.Observe(r);
        Estimator.Observe(r);
    }

    public void Observe(ApproachObservation o)
    {
        Estimator.Observe(o);
        pedCalls.Observe(o);
    }

    public void Observe(in MovementQueue q)
    {
        if (q.Movement < 0 || q.Movement >= up.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(q), $"intersection {intersection.Id}: movement index {q.Movement} is not in 0..{up.Length - 1}");
        }

        if (q.Upstream < 0 || q.Downstream < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(q), $"intersection {intersection.Id}: movement {intersection.Movements[q.Movement].Id} has a negative queue ({q.Upstream}, {q.Downstream})");
        }

        up[q.Movement] = q.Upstream;
        down[q.Movement] = q.Downstream;
        approaching[q.Movement] = q.Approaching;
        measuredAt[q.Movement] = q.Time;
    }

    /// <summary>
    /// Individual approaching vehicles (a tracking camera, a microsimulation): while they keep coming, the policy
    /// schedules them (<see cref="ArrivalSchedulePolicy"/> with <see cref="AdaptiveSettings.Arrivals"/>) instead of
    /// deciding on counts and queues.
    /// </summary>
    public void ObserveArrivals(int lane, long time, ReadOnlySpan<ApproachingVehicle> vehicles, int exitRoom)
    {
        schedule ??= new ArrivalSchedulePolicy(intersection, settings.Arrivals, phase => pedCalls.Contains(phase) ? PedestrianValue(phase) : 0);
        schedule.ObserveArrivals(lane, time, vehicles, exitRoom);
    }

    /// <summary>True while the policy decides on tracked vehicles (fresh arrivals), not on counts.</summary>
    public bool SchedulesArrivals(long now) => schedule?.IsFresh(now) == true && schedule.Halted <= settings.ArrivalsQueueLimit;

    public void Decide(ISignalControl control)
    {
        if (control.IsFaulted || control.IsPreempted)
        {
            return;
        }

        var now = control.Now;
        if (SchedulesArrivals(now))
        {
            LeaveBlind(control, now);
            decisionTime = now;
            pedCalls.Place(control);
            TrackPedestrianCalls(control, now);
            schedule!.Decide(control);
            return;
        }

        if (now - lastDecision < interval)
        {
            blindFallback?.Decide(control);
            return;
        }

        lastDecision = now;
        decisionTime = now;
        degraded = ComputeDegraded();
        Estimator.Advance(now, m => movementPhases[m].Any(control.IsGreen));
        foreach (var alarm in Health.Evaluate(now, ExpectedRate))
        {
            Estimator.SetUsable(alarm.Detector, Health.IsHealthy(alarm.Detector));
            Alarm?.Invoke(alarm);
        }

        if (UpdateCoverage(now) && !(settings.DegradedFixedTime && degraded))
        {
            LeaveBlind(control, now);
        }
        else
        {
            EnterBlind(control, now);
            blindFallback!.Decide(control);
            return;
        }

        pedCalls.Place(control);
        TrackPedestrianCalls(control, now);
        foreach (var phase in intersection.Phases)
        {
            if (control.IsGreen(phase.Id) || !lastGreen.ContainsKey(phase.Id))
            {
                lastGreen[phase.Id] = now;
            }
        }

        ComputeValues(now, control);
        var stage = Choose(control, now);
        StageSet.Request(intersection, control, stage, settings.PerRingEnd ? p => KeepsOwnQueue(p, stage, control) : null);
    }

    private int[] Choose(ISignalControl control, long now)
    {
        if (target is not null && !target.All(control.IsGreen) && now - targetSince < SignalTime.FromSeconds(30))
        {
            return target;
        }

        var current = stages.FirstOrDefault(s => s.All(control.IsGreen) && intersection.Phases.Where(p => p.HasVehicles && control.IsGreen(p.Id)).All(p => s.Contains(p.Id)));
        if (current is null)
        {
            return SetTarget(stages.MaxBy(s => Value(s, [])) ?? stages[0], now);
        }

        int[]? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var k in stages)
        {
            if (k == current || k.Where(p => !current.Contains(p)).Any(p => control.IsGreen(p)))
            {
                continue;
            }

            if (settings.ForwardOnly && StageSet.NeedsBarrierCrossing(intersection, k, control.IsGreen))
            {
                continue; // a ring would go back in its order: reached later through the barrier, as NEMA runs
            }

            var ending = current.Where(p => !k.Contains(p)).ToArray();
            if (ending.Any(p => control.GreenElapsed(p) + PolicyTiming.CommandLatencyTicks < SignalTime.FromSeconds(Math.Max(settings.MinHoldSeconds, TimingPlan.MinimumGreen(intersection.Phase(p))))))
            {
                continue;
            }

            // Cost of one more second of the current green: every vehicle queued on a red movement waits
            // one second more. Its benefit: the vehicles it discharges (the standing queue at saturation
            // flow, else the vehicles running in) would otherwise wait for the time away from this green.
            var waiting = Value(k, current) + MovingCall(k, current) + (settings.ApproachingWeight * ApproachingValue(k, current));
            if (waiting <= 0)
            {
                continue;
            }

            // Against starvation: the longest red among the phases k would start, WaitWeight vehicles per second.
            waiting += settings.WaitWeight * k.Where(p => !current.Contains(p)).Max(p => SignalTime.ToSeconds(now - lastGreen[p]));
            var queued = Value(current, k);
            var runningIn = Value(current, k, near);
            var capacity = CapacityPerSecond(current, k);
            var lost = ending.Max(p => intersection.Phase(p).Timings.Yellow + intersection.Phase(p).Timings.RedClearance);
            var away = (2 * lost) + Math.Max(k.Max(p => intersection.Phase(p).Timings.MinGreen), waiting / Math.Max(0.1, CapacityPerSecond(k, current)));
            var discharge = queued > settings.GapVehicles ? Math.Min(queued, capacity) : Math.Min(runningIn, 1) * settings.MovingWeight * capacity;
            var benefit = discharge * away;
            var cost = AllWaiting(current);
            var elapsed = ending.Max(p => SignalTime.ToSeconds(control.GreenElapsed(p)));
            if (settings.PressureRule)
            {
                // Vehicles still running in on what would end (measured in the camera zone, or the estimator's
                // arrivals over the look-ahead): they keep the gap open and count MovingWeight each.
                var movingIn = Value(current, k, moving);
                var gap = queued <= settings.GapVehicles && runningIn <= 0 && movingIn <= GapMovingLimit() && PassageGapOpen(ending, now);
                if (elapsed < MaxGreen && !gap && waiting - queued - (settings.MovingHoldsGreen ? settings.MovingWeight * movingIn : 0) <= Margin)
                {
                    continue;
                }
            }
            else if (elapsed < MaxGreen && cost <= benefit + Margin)
            {
                continue;
            }

            var score = waiting;
            if (score > bestScore)
            {
                (best, bestScore) = (k, score);
            }
        }


        return SetTarget(best ?? current, now);
    }

    private int[] SetTarget(int[] stage, long now)
    {
        if (target != stage)
        {
            target = stage;
            targetSince = now;
        }

        return stage;
    }

    /// <summary>
    /// Value of what <paramref name="stage"/> serves beyond <paramref name="except"/>: each movement's value
    /// times the service the stage gives it (1 protected, <see cref="AdaptiveSettings.PermittedShare"/>
    /// permitted) less the service <paramref name="except"/> gives it, plus a pedestrian call's weight.
    /// </summary>
    private double Value(int[] stage, int[] except) => Value(stage, except, value);

    private double Value(int[] stage, int[] except, double[] values)
    {
        var sum = 0.0;
        for (var m = 0; m < value.Length; m++)
        {
            var extra = Service(stage, m) - Service(except, m);
            if (extra > 0)
            {
                sum += extra * values[m];
            }
        }

        foreach (var phase in stage)
        {
            if (!except.Contains(phase) && pedCalls.Contains(phase))
            {
                sum += PedestrianValue(phase);
            }
        }

        return sum;
    }

    /// <summary>Saturation flow (veh/s) of the movements <paramref name="stage"/> serves beyond <paramref name="except"/>.</summary>
    private double CapacityPerSecond(int[] stage, int[] except)
    {
        var sum = 0.0;
        for (var m = 0; m < value.Length; m++)
        {
            var extra = Service(stage, m) - Service(except, m);
            if (extra > 0)
            {
                sum += extra * settings.Estimator.SaturationFlowPerLaneVph / 3600 * Math.Max(1, intersection.Movements[m].Lanes);
            }
        }

        return sum;
    }

    /// <summary>Queued vehicles on every movement the stage does not serve fully.</summary>
    private double AllWaiting(int[] stage)
    {
        var sum = 0.0;
        for (var m = 0; m < value.Length; m++)
        {
            sum += (1 - Service(stage, m)) * Math.Max(0, value[m]);
        }

        return sum;
    }

    private double Service(int[] stage, int movement)
    {
        var best = 0.0;
        foreach (var phase in stage)
        {
            best = Math.Max(best, service[phase][movement]);
        }

        return best;
    }

    private void ComputeValues(long now, ISignalControl control)
    {
        Array.Clear(near);
        for (var d = 0; d < stopBarPresence.Length; d++)
        {
            if (stopBarPresence[d] && Health.IsHealthy(d))
            {
                foreach (var m in detectorMovements[d])
                {
                    near[m] = 1;
                }
            }
        }

        for (var m = 0; m < value.Length; m++)
        {
            double q, movingNow, blocked = 0;
            if (now - measuredAt[m] <= stale)
            {
                q = up[m];
                movingNow = approaching[m] >= 0 ? Math.Max(0, approaching[m] - up[m]) : 0;
                blocked = settings.DownstreamWeight * down[m];
            }
            else if (movementCovered[m])
            {
                var e = Estimator.Estimate(m);
                q = e.Queue;
                movingNow = e.ArrivalRate * settings.LookAheadSeconds;
            }
            else
            {
                // Recall: a call while red, nothing to hold the green for once it is served.
                q = movementPhases[m].Any(control.IsGreen) ? 0 : settings.RecallVehicles;
                movingNow = 0;
            }

            value[m] = q - blocked;
            this.moving[m] = movingNow;
        }
    }

    /// <summary>Which movements have a usable source; false when none has (blind).</summary>
    private bool UpdateCoverage(long now)
    {
        Array.Fill(movementCovered, false);
        var any = false;
        for (var d = 0; d < Health.Count; d++)
        {
            if (Health.IsHealthy(d))
            {
                foreach (var m in detectorMovements[d])
                {
                    movementCovered[m] = true;
                    any = true;
                }
            }
        }

        for (var m = 0; m < movementCovered.Length; m++)
        {
            if (Estimator.CctvFresh(intersection.Movements[m].FromLeg, cctvStale) || now - measuredAt[m] <= stale)
            {
                movementCovered[m] = true;
                any = true;
            }
        }

        return any;
    }

    private double ExpectedRate(int detector)
    {
        var d = intersection.Detectors[detector];
        if (!Estimator.CctvFresh(d.LegId, cctvStale))
        {
            return 0;
        }

        var rate = 0.0;
        for (var m = 0; m < intersection.Movements.Count; m++)
        {
            if (d.MovementIds.Contains(intersection.Movements[m].Id))
            {
                rate += Estimator.Estimate(m).ArrivalRate;
            }
        }

        return rate;
    }

    private void EnterBlind(ISignalControl control, long now)
    {
        if (blindFallback is not null)
        {
            return;
        }

        var flows = intersection.Movements.Select((mv, m) => (mv.Id, Vph: Math.Max(150.0 * Math.Max(1, mv.Lanes), Estimator.Estimate(m).ArrivalRate * 3600)))
            .ToDictionary(x => x.Id, x => x.Vph, StringComparer.Ordinal);
        blindFallback = new FixedTimePolicy(intersection, backupPlan ?? Webster.Plan(intersection, flows).Plan);
        foreach (var phase in intersection.Phases)
        {
            control.SetOmit(phase.Id, false);
        }

        target = null;
        Alarm?.Invoke(new DetectorAlarm(intersection.Id, "*", -1, DetectorFault.NoActivity, now, true, $"{intersection.Id}: {(settings.DegradedFixedTime && degraded ? "a camera is out" : "blind (no detector, camera or queue data usable)")}: fixed-time fallback, cycle {blindFallback.Plan.Cycle:0} s"));
    }

    private void LeaveBlind(ISignalControl control, long now)
    {
        if (blindFallback is null)
        {
            return;
        }

        blindFallback = null;
        foreach (var phase in intersection.Phases)
        {
            control.SetHold(phase.Id, false);
        }

        Alarm?.Invoke(new DetectorAlarm(intersection.Id, "*", -1, DetectorFault.NoActivity, now, false, $"{intersection.Id}: data usable again: adaptive control resumes"));
    }
}
