using System.Globalization;
using Akka.Actor;
using Traffic.Control;
using Traffic.Signals.Model;
using Traffic.Signals.Safety;
using Traffic.Signals.Sequencing;

namespace Traffic.Actors;

/// <summary>
/// One intersection: its policy, its <see cref="SignalController"/> (sequencer + safety monitor) and
/// what the field reports. Time is event time only: every input first advances the controller to the
/// input's time (tick by tick: step, then the policy decides), a <see cref="Tick"/> from the live
/// driver or a replay does the same, and a SPaT snapshot goes out at every whole second reached.
/// Inputs older than the clock are applied at the current time (counted as late); the clock never
/// goes back. Bad inputs and commands are answered with <see cref="Rejected"/>, never a crash; every
/// input and command is answered (<see cref="Accepted"/>) when it has a sender.
/// The clock starts at the first timed message, or, after a restart, at the last time in the
/// supervisor's <see cref="PlanBook"/>, with the plan recorded there. Coordinated members given their coordinated
/// phases run <see cref="CoordinatedPolicy"/> on the corridor plan, fed with the same detector and CCTV input as
/// the free policy; released (free), they return to the free policy.
/// </summary>
public sealed class IntersectionActor : ReceiveActor
{
    private readonly Intersection model;
    private readonly string? corridorId;
    private readonly IOutbound outbound;
    private readonly TrafficActorSettings settings;
    private readonly PlanBook book;
    private readonly Func<Intersection, ISignalPolicy> freePolicy;
    private readonly TimingPlan nominal;
    private SignalController? controller;
    private ISignalPolicy? policy;
    private ControlMode mode = ControlMode.Free;
    private TimingPlan plan;
    private MemberCoordination? coordinated;
    private readonly Dictionary<int, DetectorReading> occupied = [];
    private readonly HashSet<int> operatorHolds = [];
    private bool planPending = true;
    private int fieldChecked;
    private int fieldAgreeing;
    private readonly List<(long From, List<int> Phases)> shown = [];
    private FieldForwarder? forwarder;
    private long planSeq;
    private long ackedSeq;
    private ControllerStatus? fieldStatus;
    private SafetyViolation? fault;
    private int rejected;
    private int late;

    public IntersectionActor(
        Intersection model,
        string? corridorId,
        IOutbound outbound,
        TrafficActorSettings settings,
        PlanBook book,
        Func<Intersection, ISignalPolicy> freePolicy)
    {
        this.model = model;
        this.corridorId = corridorId;
        this.outbound = outbound;
        this.settings = settings;
        this.book = book;
        this.freePolicy = freePolicy;
        nominal = NominalPlan.For(model, settings);
        plan = nominal;

        Receive<Tick>(HandleTick);
        Receive<DetectorBatch>(m => Input(m, () => Handle(m)));
        Receive<CctvCounts>(m => Input(m, () => Handle(m)));
        Receive<TrackedArrivals>(m => Input(m, () => Handle(m)));
        Receive<ControllerStatus>(m => Input(m, () => Handle(m)));
        Receive<PlanAck>(m => Input(m, () => Handle(m)));
        Receive<Preempt>(m => Input(m, () => Command(() => Control.RequestPreemption(new PreemptionRequest(m.PreemptId, m.DwellPhases)))));
        Receive<ReleasePreempt>(m => Input(m, () => Command(() => Control.ReleasePreemption(m.PreemptId))));
        Receive<Hold>(m => Input(m, () => PhaseCommand(m.Phase, p =>
        {
            Control.SetHold(p, m.On);
            if (m.On)
            {
                operatorHolds.Add(p);
            }
            else
            {
                operatorHolds.Remove(p);
            }
        })));
        Receive<ForceOff>(m => Input(m, () => PhaseCommand(m.Phase, Control.ForceOff)));
        Receive<Call>(m => Input(m, () => PhaseCommand(m.Phase, p =>
        {
            if (m.Pedestrian)
            {
                Control.PlacePedCall(p);
            }
            else
            {
                Control.PlaceCall(p);
            }
        })));
        Receive<ManualControl>(m => Input(m, () => Command(() => Control.SetManual(m.Indications.ToArray()))));
        Receive<EndManualControl>(m => Input(m, () => Command(Control.EndManual)));
        Receive<ResetFault>(m => Input(m, () => Handle(m)));
        Receive<SetIntersectionPlan>(m => Input(m, () => Handle(m)));
        Receive<LeaveSafeMode>(m => Input(m, () =>
        {
            Issue(m.Mode, m.Mode == ControlMode.Free ? nominal : m.Plan, m.Coordinated);
            return null;
        }));
        Receive<GetState>(_ => Sender.Tell(State()));
        Receive<Restored>(_ => PublishPlan());
    }

    private SignalController Control => controller ?? throw new InvalidOperationException($"{model.Id}: the clock has not started");

    /// <summary>The field follows this actor's decisions: free operation with <see cref="TrafficActorSettings.FieldFollowsFreePolicy"/>.</summary>
    private bool Follows => forwarder is not null && mode == ControlMode.Free;

    public static Props Props(
        Intersection model,
        IOutbound outbound,
        PlanBook book,
        TrafficActorSettings? settings = null,
        Func<Intersection, ISignalPolicy>? freePolicy = null,
        string? corridorId = null) =>
        Akka.Actor.Props.Create(() => new IntersectionActor(
            model,
            corridorId,
            outbound,
            settings ?? TrafficActorSettings.Default,
            book,
            freePolicy ?? DefaultFreePolicy));

    /// <summary>Actuated control with default settings.</summary>
    public static ISignalPolicy DefaultFreePolicy(Intersection model) => new ActuatedPolicy(model, ActuatedSettings.Default);

    /// <summary>
    /// Adaptive control with the daegu-250 settings (<see cref="AdaptiveSettings.Daegu"/>, as measured in the closed loop),
    /// the nominal Webster plan as its fixed-time fallback when the intersection is blind; it schedules tracked vehicles
    /// when cameras send them (<see cref="TrackedArrivals"/>) and decides on counts otherwise.
    /// </summary>
    public static Func<Intersection, ISignalPolicy> AdaptiveFreePolicy(TrafficActorSettings? settings = null) =>
        model => new AdaptivePolicy(model, AdaptiveSettings.Daegu, NominalPlan.For(model, settings ?? TrafficActorSettings.Default));

    protected override void PreStart()
    {
        var record = book.Get(model.Id);
        if (record?.Plan is null)
        {
            return;
        }

        mode = record.Mode;
        plan = record.Plan;
        coordinated = record.Coordinated;
        planSeq = record.Seq;
        planPending = record.Pending || record.Seq == 0;
        if (record.Time is { } time)
        {
            // Restore at once; publish from the mailbox, so that a failing publisher is an ordinary
            // crash of this incarnation and not a failure inside the restart.
            StartClock(time);
            Self.Tell(Restored.Instance);
        }
    }

    private void HandleTick(Tick tick)
    {
        if (controller is null)
        {
            Start(tick.Time);
        }
        else if (tick.Time - controller.Now <= settings.MaxAdvanceTicks)
        {
            AdvanceTo(tick.Time);
        }
        else
        {
            rejected++;
            Publish(new Alarm(corridorId, model.Id, AlarmSeverity.Warning, "clock-jump", $"{model.Id}: tick {Seconds(tick.Time)} is {Seconds(tick.Time - controller.Now)} ahead of the intersection clock; ignored", controller.Now));
        }
    }

    /// <summary>Advances to the input's time, applies it, replies.</summary>
    private void Input(IIntersectionInput m, Func<string?> apply)
    {
        var error = Advance(m.Time) ?? apply();
        if (error is null)
        {
            Reply(Accepted.Instance);
        }
        else
        {
            rejected++;
            Reply(new Rejected(model.Id, error));
        }
    }

    private string? Advance(long time)
    {
        if (controller is null)
        {
            Start(time);
            return null;
        }

        if (time - controller.Now > settings.MaxAdvanceTicks)
        {
            return $"{model.Id}: event time {Seconds(time)} is {Seconds(time - controller.Now)} ahead of the intersection clock (at most {Seconds(settings.MaxAdvanceTicks)})";
        }

        if (time < controller.Now)
        {
            late++;
        }

        AdvanceTo(time);
        return null;
    }

    private void Start(long time)
    {
        StartClock(time);
        PublishPlan();
    }

    private void StartClock(long time)
    {
        controller = new SignalController(model, time);
        controller.Faulted += OnFault;
        shown.Clear();
        forwarder = settings.FieldFollowsFreePolicy ? new FieldForwarder(controller) : null;
        policy = CreatePolicy(mode, plan);
    }

    private void PublishPlan()
    {
        var time = Control.Now;
        if (planPending)
        {
            Issue(mode, plan);
        }
        else
        {
            // A restart: resend the plan in effect under its sequence number (the field deduplicates).
            Publish(new TimingPlanIssued(model.Id, mode, plan, planSeq, time) { Follow = Follows });
        }
    }

    /// <summary>
    /// Free: the free policy. Coordinated with coordinated phases: <see cref="CoordinatedPolicy"/> on the plan (splits
    /// re-balanced when the design flows are known), else the plan fixed-time. Safe fixed-time: the plan fixed-time.
    /// </summary>
    private ISignalPolicy CreatePolicy(ControlMode m, TimingPlan p) => m switch
    {
        ControlMode.Free => freePolicy(model),
        ControlMode.Coordinated when coordinated is { } c => new CoordinatedPolicy(
            model,
            p,
            c.Phases,
            c.DesignFlowsVph,
            c.DesignFlowsVph is null ? RebalanceSettings.Off : settings.Rebalance),
        _ => new FixedTimePolicy(model, p),
    };

    private void Issue(ControlMode newMode, TimingPlan newPlan, MemberCoordination? newCoordination = null)
    {
        var now = Control.Now;
        mode = newMode;
        plan = newPlan;
        coordinated = newMode == ControlMode.Free ? null : newCoordination;

        // The old policy's holds and omits end with it (an operator's holds stay): the new one sets its own.
        foreach (var phase in model.Phases)
        {
            Control.SetOmit(phase.Id, false);
            if (!operatorHolds.Contains(phase.Id))
            {
                Control.SetHold(phase.Id, false);
            }
        }

        policy = CreatePolicy(newMode, newPlan);
        if (mode != ControlMode.SafeFixedTime)
        {
            // The new policy learns which detectors are occupied now (their presence, no new count).
            foreach (var r in occupied.Values)
            {
                policy.Observe(r with { Count = 0 });
            }
        }

        planSeq = Math.Max(planSeq, book.Get(model.Id)?.Seq ?? 0) + 1;
        planPending = false;
        book.Issued(model.Id, mode, plan, coordinated, planSeq, now);
        forwarder?.Reset();
        Publish(new TimingPlanIssued(model.Id, mode, plan, planSeq, now) { Follow = Follows });
    }

    private void AdvanceTo(long time)
    {
        var c = Control;
        while (c.Now < time)
        {
            c.Step();
            NoteShown(c);
            if (Follows)
            {
                policy!.Decide(forwarder!);
                foreach (var (kind, phases) in forwarder!.Flush())
                {
                    Publish(new FieldCommandIssued(model.Id, c.Now, kind, phases));
                }
            }
            else
            {
                policy!.Decide(c);
            }
            if (c.Now % SignalTime.TicksPerSecond == 0)
            {
                Publish(new SpatSnapshot(model.Id, c.Now, Groups()));
                book.Touch(model.Id, c.Now);
            }
        }
    }

    /// <summary>How far back the green phases shown are kept, for field status that arrives late.</summary>
    private static readonly long ShownHistoryTicks = SignalTime.FromSeconds(10);

    /// <summary>Notes the green ring phases when they change, keeping the last <see cref="ShownHistoryTicks"/>.</summary>
    private void NoteShown(ISignalControl c)
    {
        var now = c.GreenRingPhases();
        if (shown.Count > 0 && shown[^1].Phases.SequenceEqual(now))
        {
            return;
        }

        shown.Add((c.Now, now));
        var keepFrom = 0;
        while (keepFrom + 1 < shown.Count && shown[keepFrom + 1].From <= c.Now - ShownHistoryTicks)
        {
            keepFrom++;
        }

        shown.RemoveRange(0, keepFrom);
    }

    /// <summary>The green ring phases this controller showed at <paramref name="time"/> (the oldest kept when earlier).</summary>
    private List<int> ShownAt(long time, ISignalControl c)
    {
        for (var k = shown.Count - 1; k >= 0; k--)
        {
            if (shown[k].From <= time)
            {
                return shown[k].Phases;
            }
        }

        return shown.Count > 0 ? shown[0].Phases : c.GreenRingPhases();
    }

    private List<SignalGroupSpat> Groups()
    {
        var c = Control;
        var shown = c.Indications;
        var groups = new List<SignalGroupSpat>(shown.Length);
        foreach (var g in model.SignalGroups)
        {
            var t = c.Timing(g.Index);
            groups.Add(new SignalGroupSpat(g.Name, g.Kind, shown[g.Index], t.MinEnd, t.MaxEnd));
        }

        return groups;
    }

    private void OnFault(SafetyViolation violation)
    {
        fault = violation;
        Publish(new SafetyFault(model.Id, violation));
        Publish(new Alarm(corridorId, model.Id, AlarmSeverity.Critical, "safety-fault", $"{violation}; all-red flash until an operator resets", violation.Time));
    }

    private string? Handle(DetectorBatch m)
    {
        var errors = new List<string>();
        for (var i = 0; i < m.Readings.Count; i++)
        {
            var r = m.Readings[i];
            if (r.Detector < 0 || r.Detector >= model.Detectors.Count)
            {
                errors.Add($"readings[{i}]: detector index {r.Detector} is not in 0..{model.Detectors.Count - 1}");
            }
            else if (r.Count < 0)
            {
                errors.Add($"readings[{i}] (detector {model.Detectors[r.Detector].Id}): negative count {r.Count}");
            }
        }

        if (errors.Count > 0)
        {
            return $"{model.Id}: detector batch at {Seconds(m.Time)}: {string.Join("; ", errors)}";
        }

        foreach (var r in m.Readings)
        {
            if (r.Presence)
            {
                occupied[r.Detector] = r;
            }
            else
            {
                occupied.Remove(r.Detector);
            }

            if (mode != ControlMode.SafeFixedTime)
            {
                policy!.Observe(r);
            }
        }

        return null;
    }

    private string? Handle(CctvCounts m)
    {
        var errors = new List<string>();
        for (var i = 0; i < m.Observations.Count; i++)
        {
            var o = m.Observations[i];
            if (!model.Legs.Any(l => l.Id == o.LegId))
            {
                errors.Add($"observations[{i}]: unknown leg '{o.LegId}' (legs: {string.Join(", ", model.Legs.Select(l => l.Id))})");
            }
            else if (o.QueueLength < 0 || o.PedestriansWaiting < 0 || o.PedestriansCrossing < 0 || o.Vehicles.Cars < 0 || o.Vehicles.Buses < 0 || o.Vehicles.Trucks < 0 || o.Vehicles.Motorcycles < 0)
            {
                errors.Add($"observations[{i}] (leg {o.LegId}): negative count");
            }
        }

        if (errors.Count > 0)
        {
            return $"{model.Id}: CCTV counts at {Seconds(m.Time)}: {string.Join("; ", errors)}";
        }

        if (mode != ControlMode.SafeFixedTime)
        {
            foreach (var o in m.Observations)
            {
                policy!.Observe(o);
            }
        }

        return null;
    }

    private string? Handle(TrackedArrivals m)
    {
        var errors = new List<string>();
        for (var i = 0; i < m.Lanes.Count; i++)
        {
            var lane = m.Lanes[i];
            if (lane.Detector < 0 || lane.Detector >= model.Detectors.Count)
            {
                errors.Add($"lanes[{i}]: detector index {lane.Detector} is not in 0..{model.Detectors.Count - 1}");
            }
            else if (lane.ExitRoom < 0 || lane.Vehicles.Any(v => !(v.Distance >= 0) || double.IsInfinity(v.Distance) || !(v.Speed >= 0)))
            {
                errors.Add($"lanes[{i}] (detector {model.Detectors[lane.Detector].Id}): a negative or undefined distance, speed or exit room");
            }
        }

        if (errors.Count > 0)
        {
            return $"{model.Id}: tracked arrivals at {Seconds(m.Time)}: {string.Join("; ", errors)}";
        }

        if (mode != ControlMode.SafeFixedTime && policy is IArrivalObserver observer)
        {
            foreach (var lane in m.Lanes)
            {
                observer.ObserveArrivals(lane.Detector, m.Time, lane.Vehicles is ApproachingVehicle[] a ? a : [.. lane.Vehicles], lane.ExitRoom);
            }
        }

        return null;
    }

    private string? Handle(ControllerStatus m)
    {
        var unknown = m.CurrentPhases.Concat(m.PedCalls).Where(p => !HasPhase(p)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            return $"{model.Id}: controller status names unknown phase(s) {string.Join(",", unknown)}";
        }

        var before = fieldStatus?.Faults ?? [];
        if (m.Faults.Count > 0 && !m.Faults.SequenceEqual(before))
        {
            Publish(new Alarm(corridorId, model.Id, AlarmSeverity.Warning, "field-fault", $"{model.Id}: field controller reports {string.Join(", ", m.Faults)}", m.Time));
        }

        fieldStatus = m;
        if (controller is { } c)
        {
            // Did the street show what this actor's controller showed (the green phase of each ring) at the status's time?
            fieldChecked++;
            fieldAgreeing += ShownAt(m.Time, c).Order().SequenceEqual(m.CurrentPhases.Order()) ? 1 : 0;
        }

        return null;
    }

    private string? Handle(PlanAck m)
    {
        if (m.Seq > planSeq)
        {
            return $"{model.Id}: acknowledgement for plan {m.Seq}, but the latest plan issued is {planSeq}";
        }

        ackedSeq = Math.Max(ackedSeq, m.Seq);
        return null;
    }

    private string? Handle(ResetFault m)
    {
        Control.ResetFault();
        if (fault is not null)
        {
            Publish(new Alarm(corridorId, model.Id, AlarmSeverity.Info, "safety-fault-reset", $"{model.Id}: operator reset of {fault.Rule}", m.Time));
            fault = null;
        }

        return null;
    }

    private string? Handle(SetIntersectionPlan m)
    {
        if (mode == ControlMode.SafeFixedTime)
        {
            return $"{model.Id}: in safe fixed-time after repeated crashes; send ResumeNormalControl first";
        }

        switch (m.Mode)
        {
            case ControlMode.Free:
                Issue(ControlMode.Free, nominal);
                return null;
            case ControlMode.Coordinated when m.Plan is null:
                return $"{model.Id}: a coordinated plan needs a timing plan";
            case ControlMode.Coordinated:
                var errors = m.Plan.Check(model);
                if (m.Coordinated is { } c)
                {
                    var unknown = c.Phases.Where(p => !HasPhase(p)).Distinct().ToList();
                    if (c.Phases.Count == 0 || unknown.Count > 0)
                    {
                        errors = [.. errors, $"{model.Id}: coordinated phases [{string.Join(",", c.Phases)}] must be one or more of its phases ({string.Join(",", model.Phases.Select(p => p.Id))})"];
                    }
                }

                if (errors.Count > 0)
                {
                    return string.Join("; ", errors);
                }

                Issue(ControlMode.Coordinated, m.Plan, m.Coordinated);
                return null;
            default:
                return $"{model.Id}: {m.Mode} is set by the supervisor, not by a plan";
        }
    }

    private string? PhaseCommand(int phase, Action<int> action) =>
        HasPhase(phase)
            ? Command(() => action(phase))
            : $"{model.Id}: no phase {phase} (phases: {string.Join(",", model.Phases.Select(p => p.Id))})";

    /// <summary>Runs an ISignalControl command; the core's argument checks become the rejection reason.</summary>
    private static string? Command(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    private bool HasPhase(int phase) => model.Phases.Any(p => p.Id == phase);

    private IntersectionState State()
    {
        var c = controller;
        return new IntersectionState(
            model.Id,
            corridorId,
            c is not null,
            c?.Now ?? 0,
            mode,
            policy?.Name ?? "not started",
            plan,
            planSeq,
            ackedSeq,
            c is null ? [] : Groups(),
            c is null ? [] : Enumerable.Range(0, c.RingCount).Select(c.Ring).ToList(),
            c?.IsPreempted ?? false,
            c?.IsManual ?? false,
            fault,
            fieldStatus,
            book.Get(model.Id)?.Restarts ?? 0,
            rejected,
            late)
        {
            FieldAgreement = (fieldChecked, fieldAgreeing),
        };
    }

    private void Publish(IOutboundMessage message) => outbound.Send(message);

    private void Reply(object message)
    {
        if (!Sender.IsNobody() && !Sender.Equals(Context.System.DeadLetters))
        {
            Sender.Tell(message, Self);
        }
    }

    private static string Seconds(long ticks) => string.Create(CultureInfo.InvariantCulture, $"{SignalTime.ToSeconds(ticks):0.0} s");

    /// <summary>Sent to itself after a restart restored plan and clock from the plan book.</summary>
    private sealed record Restored
    {
        public static readonly Restored Instance = new();
    }
}
