using Traffic.Control;
using Traffic.Mqtt.Contract;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using ControlPlan = Traffic.Control.TimingPlan;
using ControlReading = Traffic.Control.DetectorReading;
using WirePlan = Traffic.Mqtt.Contract.TimingPlan;

namespace Traffic.Simulation.Field;

/// <summary>
/// The field controller of one simulated intersection. The signals are driven only through a
/// <see cref="SignalController"/> (sequencer + safety monitor). It runs its own local actuated plan
/// (planSeq 0) until a timing plan arrives; an accepted plan runs from its <c>validFrom</c> with a
/// <see cref="FixedTimePolicy"/> (cycle, offset, splits from the plan), a plan with cycle 0 means free
/// operation (the local actuated plan again). Commands map onto the controller: preempt, release,
/// hold, forceOff, call. Time is in ticks (0.1 s) since the Unix epoch, so plan offsets of every
/// field controller refer to the same instant (cycle zero at 1970-01-01T00:00:00Z).
/// </summary>
public sealed class EmulatedController
{
    private readonly MovementSignals signals;
    private readonly ActuatedPolicy local;
    private readonly HashSet<int> commandHolds = [];
    private readonly SortedSet<int> pedCalls = [];
    private readonly HashSet<int> forcedOff = [];
    private readonly HashSet<int> callAfterGreen = [];
    private readonly SortedSet<string> externalFaults = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (long Previous, long Last)> greenStarts = [];
    private readonly int[] ringPhase;
    private readonly RingInterval[] ringInterval;
    private ISignalPolicy policy;
    private PendingPlan? pending;

    public EmulatedController(Intersection model, long startTick)
    {
        Model = model;
        Controller = new SignalController(model, startTick);
        signals = new MovementSignals(model);
        local = new ActuatedPolicy(model, LocalSettings(model));
        policy = local;
        ringPhase = new int[Controller.RingCount];
        ringInterval = new RingInterval[Controller.RingCount];
    }

    public Intersection Model { get; }

    /// <summary>The safety core that drives this intersection's signals.</summary>
    public SignalController Controller { get; }

    /// <summary>"actuated" (the local plan) or "fixed-time" (a received plan).</summary>
    public string PolicyName => policy.Name;

    /// <summary>Sequence number of the received plan running now; 0 while the local plan runs.</summary>
    public long PlanSeq { get; private set; }

    public string? PlanId { get; private set; }

    /// <summary>The received plan running now, null while the local plan runs.</summary>
    public ControlPlan? Plan { get; private set; }

    public int PlansAccepted { get; private set; }

    public int PlansRefused { get; private set; }

    public int CommandsApplied { get; private set; }

    public int CommandsRefused { get; private set; }

    /// <summary>Commands applied, per kind.</summary>
    public Dictionary<CommandKind, int> CommandsByKind { get; } = [];

    /// <summary>Running a follow plan: the service's commands decide.</summary>
    public bool Following { get; private set; }

    /// <summary>How long a following controller waits for a command or plan before it goes back to its local plan.</summary>
    public static readonly long FollowTimeoutTicks = SignalTime.FromSeconds(30);

    private long lastFromService;

    /// <summary>
    /// Takes a plan: refuses it (with the reason) when it does not fit this intersection or is older than
    /// the plan running or waiting; otherwise it runs from <c>validFrom</c> (at once when that has passed).
    /// The same plan again (a resend) is acknowledged again and changes nothing.
    /// </summary>
    public (bool Accepted, string? Reason) ReceivePlan(WirePlan plan)
    {
        var newest = Math.Max(PlanSeq, pending?.Seq ?? 0);
        if (plan.Seq == newest && newest > 0)
        {
            lastFromService = Controller.Now;
            return (true, null);
        }

        if (plan.Seq < newest)
        {
            PlansRefused++;
            return (false, $"plan seq {plan.Seq} is older than plan seq {newest} already taken");
        }

        var control = PlanTranslation.ToControl(Model, plan, out var errors);
        if (errors.Count > 0)
        {
            PlansRefused++;
            var reason = string.Join("; ", errors);
            return (false, reason.Length > 500 ? reason[..497] + "..." : reason);
        }

        pending = new PendingPlan(plan.Seq, plan.PlanId, control, FieldClock.ToTicks(plan.ValidFrom), plan.CycleS == 0 && plan.Follow == true);
        PlansAccepted++;
        return (true, null);
    }

    /// <summary>Applies a command; returns why it was refused, or null when applied.</summary>
    public string? Apply(SignalCommand command)
    {
        var unknown = command.Phases.Where(p => Model.Phases.All(x => x.Id != p)).ToList();
        if (unknown.Count > 0)
        {
            CommandsRefused++;
            return $"{Model.Id}: {command.Command} names phase(s) {string.Join(",", unknown)} not configured here";
        }

        string? problem = null;
        switch (command.Command)
        {
            case CommandKind.Preempt:
                if (string.IsNullOrEmpty(command.PreemptId) || command.Phases.Count == 0)
                {
                    problem = $"{Model.Id}: preempt needs a preemptId and at least one phase";
                    break;
                }

                try
                {
                    Controller.RequestPreemption(new PreemptionRequest(command.PreemptId, command.Phases));
                }
                catch (ArgumentException e)
                {
                    problem = $"{Model.Id}: preempt {command.PreemptId}: {e.Message}";
                }

                break;
            case CommandKind.Release:
                if (!string.IsNullOrEmpty(command.PreemptId))
                {
                    Controller.ReleasePreemption(command.PreemptId);
                }

                foreach (var p in command.Phases)
                {
                    commandHolds.Remove(p);
                    Controller.SetHold(p, false);
                }

                break;
            case CommandKind.Hold:
                foreach (var p in command.Phases)
                {
                    commandHolds.Add(p);
                    Controller.SetHold(p, true);
                }

                break;
            case CommandKind.ForceOff:
                foreach (var p in command.Phases)
                {
                    commandHolds.Remove(p);
                    Controller.SetHold(p, false);
                    Controller.ForceOff(p);
                    if (Controller.IsGreen(p))
                    {
                        forcedOff.Add(p);
                    }
                }

                break;
            case CommandKind.Omit or CommandKind.Unomit:
                foreach (var p in command.Phases)
                {
                    Controller.SetOmit(p, command.Command == CommandKind.Omit);
                }

                break;
            case CommandKind.Call:
                foreach (var p in command.Phases)
                {
                    if (command.Pedestrian)
                    {
                        CallPedestrians(p);
                    }
                    else if (forcedOff.Contains(p) && Controller.IsGreen(p))
                    {
                        // "End it and call it again" (both in one message): the green ends at the next step, and
                        // a call on a green phase would be dropped, so it is placed once the green is over.
                        callAfterGreen.Add(p);
                    }
                    else
                    {
                        Controller.PlaceCall(p);
                    }
                }

                break;
            default:
                problem = $"{Model.Id}: unknown command {command.Command}";
                break;
        }

        if (problem is null)
        {
            CommandsApplied++;
            CommandsByKind[command.Command] = CommandsByKind.GetValueOrDefault(command.Command) + 1;
            lastFromService = Controller.Now;
        }
        else
        {
            CommandsRefused++;
        }

        return problem;
    }

    /// <summary>
    /// A pedestrian push-button (or CCTV pedestrian) call on a phase that walks. While following the service it is only
    /// reported (status <c>pedCalls</c>): the service decides when it walks and sends the call back as a command.
    /// </summary>
    public void PlacePedestrianCall(int phase)
    {
        if (Following)
        {
            if (Model.Phase(phase).HasPedestrians)
            {
                pedCalls.Add(phase);
            }

            return;
        }

        CallPedestrians(phase);
    }

    private void CallPedestrians(int phase)
    {
        if (Model.Phase(phase).HasPedestrians)
        {
            Controller.PlacePedCall(phase);
            pedCalls.Add(phase);
        }
    }

    /// <summary>Local detection wired to the controller (loops): the running policy and the local plan see it.</summary>
    public void Observe(in ControlReading reading)
    {
        policy.Observe(reading);
        if (!ReferenceEquals(policy, local))
        {
            local.Observe(reading);
        }
    }

    public void Observe(ApproachObservation observation)
    {
        policy.Observe(observation);
        if (!ReferenceEquals(policy, local))
        {
            local.Observe(observation);
        }
    }

    /// <summary>A fault the field reports besides the safety monitor's (a failed detector, a camera outage).</summary>
    public void SetFault(string code, bool on)
    {
        if (on)
        {
            externalFaults.Add(code);
        }
        else
        {
            externalFaults.Remove(code);
        }
    }

    /// <summary>Runs the controller tick by tick up to <paramref name="tick"/>: step, start a due plan, let the policy decide, keep command holds.</summary>
    public void AdvanceTo(long tick)
    {
        while (Controller.Now < tick)
        {
            Controller.Step();
            if (pending is { } p && Controller.Now >= p.ValidFrom)
            {
                Activate(p);
            }

            if (Following && Controller.Now - lastFromService > FollowTimeoutTicks)
            {
                // Nothing from the service for too long: back to the local plan, and say so.
                LeaveFollow();
                policy = local;
                commandHolds.Clear();
                foreach (var phase in Model.Phases)
                {
                    Controller.SetHold(phase.Id, false);
                }

                externalFaults.Add("followTimeout");
            }

            policy.Decide(Controller);
            foreach (var phase in commandHolds)
            {
                Controller.SetHold(phase, true);
            }

            Track();
        }
    }

    /// <summary>What movement <paramref name="movement"/> (index in the model) shows now.</summary>
    public MovementSignal State(int movement) => signals.State(movement, Controller.Indications);

    public ControllerMode Mode =>
        Controller.IsFaulted ? ControllerMode.Flash
        : Controller.IsManual ? ControllerMode.Manual
        : Controller.IsPreempted ? ControllerMode.Preempt
        : ControllerMode.Normal;

    /// <summary>Phases timing green now, at most one per ring.</summary>
    public IReadOnlyList<int> GreenPhases() => Controller.GreenRingPhases();

    /// <summary>Phases with a pedestrian call placed here that has not walked yet.</summary>
    public IReadOnlyList<int> PedCalls() => [.. pedCalls];

    /// <summary>Fault codes: the safety monitor's latched fault ("safety:conflicting-indications") and those set by <see cref="SetFault"/>.</summary>
    public IReadOnlyList<string> Faults()
    {
        var list = new List<string>();
        if (Controller.Fault is { } f)
        {
            list.Add($"safety:{f.Rule}");
        }

        list.AddRange(externalFaults);
        return list;
    }

    /// <summary>Seconds between the last two starts of the phase's green, or null before it started twice.</summary>
    public double? ObservedCycleS(int phase) =>
        greenStarts.TryGetValue(phase, out var s) && s.Previous > 0 ? SignalTime.ToSeconds(s.Last - s.Previous) : null;

    /// <summary>Tick at which the phase's green last started, or null.</summary>
    public long? LastGreenStart(int phase) => greenStarts.TryGetValue(phase, out var s) ? s.Last : null;

    private void Activate(PendingPlan p)
    {
        pending = null;
        foreach (var phase in Model.Phases)
        {
            if (!commandHolds.Contains(phase.Id))
            {
                Controller.SetHold(phase.Id, false);
            }
        }

        LeaveFollow();
        policy = p.Follow ? FollowPolicy.Instance : p.Plan is null ? local : new FixedTimePolicy(Model, p.Plan);
        Following = p.Follow;
        lastFromService = Controller.Now;
        Plan = p.Plan;
        PlanSeq = p.Seq;
        PlanId = p.PlanId;
    }

    /// <summary>Out of follow mode: the service's omits are lifted (a plan change or the watchdog).</summary>
    private void LeaveFollow()
    {
        if (!Following)
        {
            return;
        }

        Following = false;
        foreach (var phase in Model.Phases)
        {
            Controller.SetOmit(phase.Id, false);
        }
    }

    private void Track()
    {
        if (forcedOff.Count > 0)
        {
            foreach (var phase in forcedOff.Where(p => !Controller.IsGreen(p)).ToList())
            {
                forcedOff.Remove(phase);
                if (callAfterGreen.Remove(phase))
                {
                    Controller.PlaceCall(phase);
                }
            }
        }

        for (var r = 0; r < ringPhase.Length; r++)
        {
            var ring = Controller.Ring(r);
            if (ring.Interval == RingInterval.Green && (ring.Phase != ringPhase[r] || ringInterval[r] != RingInterval.Green))
            {
                greenStarts[ring.Phase] = (greenStarts.TryGetValue(ring.Phase, out var s) ? s.Last : 0, ring.IntervalStart);
            }

            ringPhase[r] = ring.Phase;
            ringInterval[r] = ring.Interval;
        }

        if (pedCalls.Count > 0)
        {
            foreach (var phase in pedCalls.ToList())
            {
                var g = Model.PedestrianGroupOf(phase);
                if (g >= 0 && Controller.Indications[g] == Indication.Walk)
                {
                    pedCalls.Remove(phase);
                }
            }
        }
    }

    /// <summary>Phases no detector calls get a minimum recall (vehicle phases) or a pedestrian recall (walk-only phases), so nothing starves.</summary>
    private static ActuatedSettings LocalSettings(Intersection model)
    {
        var detected = model.Detectors.Where(d => d.Kind != DetectorKind.Cctv).SelectMany(d => d.Phases).ToHashSet();
        var recall = new Dictionary<int, RecallMode>();
        foreach (var phase in model.Phases)
        {
            if (!phase.HasVehicles)
            {
                recall[phase.Id] = RecallMode.Ped;
            }
            else if (!detected.Contains(phase.Id))
            {
                recall[phase.Id] = RecallMode.Min;
            }
        }

        return new ActuatedSettings(recall);
    }

    private sealed record PendingPlan(long Seq, string PlanId, ControlPlan? Plan, long ValidFrom, bool Follow);

    /// <summary>Follow mode: the controller decides nothing itself; the service's commands drive it.</summary>
    private sealed class FollowPolicy : ISignalPolicy
    {
        public static FollowPolicy Instance { get; } = new();

        public string Name => "follow";

        public void Observe(in Traffic.Control.DetectorReading r)
        {
        }

        public void Observe(ApproachObservation o)
        {
        }

        public void Decide(ISignalControl control)
        {
        }
    }
}
