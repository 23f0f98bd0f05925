using System.Globalization;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Event;
using Traffic.Control;
using Traffic.Signals.Model;

namespace Traffic.Actors;

/// <summary>
/// Parent of the intersections of one corridor (or of the intersections on no corridor). Creates a
/// child per intersection on first use and forwards its messages; broadcasts <see cref="Tick"/>.
/// Holds what the corridor shares (common cycle, offsets) and passes a corridor plan through to its
/// intersections. Supervision (one-for-one, always restart): a crashed child restarts at once and
/// reads its last known-good plan and clock from the supervisor's <see cref="PlanBook"/>, resending
/// that plan; each restart raises a warning alarm. A child that crashes more than
/// <see cref="TrafficActorSettings.MaxRestarts"/> times within the window is switched to safe
/// fixed-time (its coordinated plan if it had one, else a Webster plan from default flows) with a
/// critical alarm; one that keeps crashing even then is stopped, with a critical alarm, and its
/// messages are rejected. Coordination: <see cref="CorridorFlows"/> make the supervisor plan the corridor
/// itself (<see cref="CorridorPlanner"/>: common cycle from the members' Webster cycles, splits,
/// green-wave offsets in the peak direction), apply it as a <see cref="SetCorridorPlan"/> would, publish it
/// (an Info alarm "corridor-plan" with cycle, offsets, bandwidth and the reason) and renew it from newer
/// flows every <see cref="TrafficActorSettings.CoordinationRenewCycles"/> cycles. Before planning, every neighbour
/// pair is linked or not from the flows (<see cref="CorridorLinking"/>, SCATS-like, with hysteresis and a minimum
/// hold); each change is logged and published with its reason (Info alarm "corridor-link"). All linked: the
/// whole corridor is planned as above; otherwise each run of linked members (group) gets its own plan and the
/// members in no group run free; the links and groups are in <see cref="CorridorState"/>.
/// </summary>
public sealed class CorridorSupervisor : ReceiveActor
{
    private readonly string corridorId;
    private readonly IReadOnlyDictionary<string, Intersection> members;
    private readonly IOutbound outbound;
    private readonly TrafficActorSettings settings;
    private readonly Func<Intersection, ISignalPolicy>? freePolicy;
    private readonly PlanBook book = new();
    private readonly Dictionary<string, List<DateTimeOffset>> crashes = new(StringComparer.Ordinal);
    private readonly HashSet<string> safe = new(StringComparer.Ordinal);
    private readonly HashSet<string> stopped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> offsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimingPlan> coordinated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MemberCoordination> coordination = new(StringComparer.Ordinal);
    private readonly Corridor? corridor;
    private double? cycle;
    private long time;
    private CorridorPlan? planned;
    private long plannedAt;
    private readonly Dictionary<string, PairLink> links = new(StringComparer.Ordinal);
    private List<CorridorGroupState> groups = [];
    private double? groupsCycle; // the longest cycle of the groups last planned from flows (renewal timing)

    public CorridorSupervisor(
        string corridorId,
        IReadOnlyList<Intersection> members,
        IOutbound outbound,
        TrafficActorSettings settings,
        Func<Intersection, ISignalPolicy>? freePolicy,
        Corridor? corridor = null)
    {
        this.corridorId = corridorId;
        this.corridor = corridor;
        this.members = members.ToDictionary(i => i.Id, StringComparer.Ordinal);
        this.outbound = outbound;
        this.settings = settings;
        this.freePolicy = freePolicy;

        Receive<Tick>(HandleTick);
        Receive<SetCorridorPlan>(Handle);
        Receive<ReleaseCorridorPlan>(Handle);
        Receive<CorridorFlows>(Handle);
        Receive<GetCorridorState>(_ => Sender.Tell(State()));
        Receive<ResumeNormalControl>(Handle);
        Receive<Accepted>(_ => { }); // a child took a corridor plan
        Receive<Rejected>(r => Alarm(r.Target, AlarmSeverity.Warning, "plan-not-applied", r.Reason));
        Receive<IHasIntersectionId>(Route);
    }

    public static Props Props(
        string corridorId,
        IReadOnlyList<Intersection> members,
        IOutbound outbound,
        TrafficActorSettings? settings = null,
        Func<Intersection, ISignalPolicy>? freePolicy = null,
        Corridor? corridor = null) =>
        Akka.Actor.Props.Create(() => new CorridorSupervisor(corridorId, members, outbound, settings ?? TrafficActorSettings.Default, freePolicy, corridor));

    /// <summary>The actor name of an intersection's child (ids are escaped to valid path elements).</summary>
    public static string ChildName(string intersectionId) => Uri.EscapeDataString(intersectionId);

    protected override SupervisorStrategy SupervisorStrategy() => new CountingStrategy(OnChildFailure);

    private void HandleTick(Tick tick)
    {
        time = Math.Max(time, tick.Time);
        foreach (var id in members.Keys)
        {
            if (!stopped.Contains(id))
            {
                Child(id).Tell(tick);
            }
        }
    }

    private void Route(IHasIntersectionId m)
    {
        var id = m.IntersectionId;
        if (!members.ContainsKey(id))
        {
            Sender.Tell(new Rejected(id, $"intersection '{id}' is not on corridor {corridorId}"));
            return;
        }

        if (stopped.Contains(id))
        {
            Sender.Tell(new Rejected(id, $"{id}: the intersection actor was stopped after repeated crashes (also in safe fixed-time); see its alarms"));
            return;
        }

        if (m is IIntersectionInput input)
        {
            time = Math.Max(time, input.Time);
        }

        Child(id).Forward(m);
    }

    private IActorRef Child(string id) =>
        Context.Child(ChildName(id)).GetOrElse(() => Context.ActorOf(
            IntersectionActor.Props(members[id], outbound, book, settings, freePolicy, corridorId),
            ChildName(id)));

    private void Handle(SetCorridorPlan m)
    {
        planned = null;
        groups = [];
        groupsCycle = null;
        if (Apply(m) is { } error)
        {
            Sender.Tell(new Rejected(corridorId, error));
            return;
        }

        Sender.Tell(Accepted.Instance);
    }

    private void Handle(CorridorFlows m)
    {
        time = Math.Max(time, m.Time);
        if (corridor is null || corridor.Links.Count == 0)
        {
            Sender.Tell(new Rejected(corridorId, $"corridor {corridorId}: no links known, so no travel times for a green wave"));
            return;
        }

        if (corridor.IntersectionIds.FirstOrDefault(id => !members.ContainsKey(id)) is { } missing)
        {
            Sender.Tell(new Rejected(corridorId, $"corridor {corridorId}: {missing} is supervised by another corridor, so this one cannot plan a green wave through it"));
            return;
        }

        if (groupsCycle is { } c && m.Time - plannedAt < (long)Math.Round(c * 10 * settings.CoordinationRenewCycles))
        {
            Sender.Tell(Accepted.Instance); // not yet due: the flows wait for the next renewal
            return;
        }

        var ordered = corridor.IntersectionIds.Select(id => members[id]).ToList();
        List<IReadOnlyList<string>> linkedGroups;
        try
        {
            linkedGroups = [.. Link(CorridorLinking.Measure(corridor, ordered, m.FlowsVph), m.Time)];
        }
        catch (ArgumentException e)
        {
            Sender.Tell(new Rejected(corridorId, $"corridor {corridorId}: cannot link from these flows: {e.Message}"));
            return;
        }

        if (linkedGroups.Count != 1 || linkedGroups[0].Count != members.Count)
        {
            PlanGroups(m, linkedGroups);
            return;
        }

        CoordinatedGroup whole;
        try
        {
            whole = NetworkCoordination.Group(corridor, corridor.IntersectionIds, members, m.FlowsVph);
        }
        catch (ArgumentException e)
        {
            Sender.Tell(new Rejected(corridorId, $"corridor {corridorId}: cannot plan from these flows: {e.Message}"));
            return;
        }

        var plan = whole.Plan;
        var renewed = planned is not null;
        if (Apply(new SetCorridorPlan(corridorId, m.Time, plan.Timing.Cycle, plan.Plans.ToDictionary(p => p.Key, p => p.Value.Offset), plan.Plans), Coordinations(whole, m.FlowsVph)) is { } error)
        {
            Sender.Tell(new Rejected(corridorId, error));
            return;
        }

        planned = plan;
        plannedAt = m.Time;
        groupsCycle = plan.Timing.Cycle;
        groups = [GroupState(corridor.IntersectionIds, plan)];
        var offsetsText = string.Join(", ", plan.Members.Select(x => $"{x.Id} {Fmt(plan.Timing.Offsets[x.Id])} s"));
        var peak = plan.InboundPeak ? "inbound" : "outbound";
        var band = plan.InboundPeak ? plan.Timing.InboundBandwidth : plan.Timing.OutboundBandwidth;
        outbound.Send(new Alarm(corridorId, null, AlarmSeverity.Info, "corridor-plan", $"corridor {corridorId}: {(renewed ? "renewed" : "coordinated")} from measured flows: cycle {Fmt(plan.Timing.Cycle)} s (largest member Webster cycle), green wave {peak} (the heavier direction), bandwidth {Fmt(band)} s; offsets {offsetsText}", m.Time));
        Sender.Tell(Accepted.Instance);
    }

    /// <summary>Decides every neighbour pair's link (with hysteresis), logs and publishes the changes with their reasons; the groups.</summary>
    private IReadOnlyList<IReadOnlyList<string>> Link(IReadOnlyList<PairMeasure> measures, long at)
    {
        foreach (var pair in measures)
        {
            var previous = links.GetValueOrDefault(pair.Key);
            var now = CorridorLinking.Decide(pair, previous, at / 10.0, settings.Linking);
            links[pair.Key] = now;
            if (previous is null || previous.Linked != now.Linked)
            {
                Context.GetLogger().Info("corridor {0}: {1}", corridorId, now.Reason);
                outbound.Send(new Alarm(corridorId, null, AlarmSeverity.Info, "corridor-link", $"corridor {corridorId}: {now.Reason}", at));
            }
        }

        return CorridorLinking.Groups(corridor!.IntersectionIds, links.Values);
    }

    /// <summary>
    /// Several groups or none: each group runs its own plan (common cycle, green-wave offsets) in Coordinated
    /// mode, every member in no group runs free (its own policy).
    /// </summary>
    private void PlanGroups(CorridorFlows m, IReadOnlyList<IReadOnlyList<string>> linkedGroups)
    {
        var planned = new List<(IReadOnlyList<string> Ids, CorridorPlan Plan)>();
        var phases = new Dictionary<string, MemberCoordination>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var ids in linkedGroups)
        {
            try
            {
                var group = NetworkCoordination.Group(corridor!, ids, members, m.FlowsVph);
                errors.AddRange(ids.SelectMany(id => group.Plan.Plans[id].Check(members[id])).Select(e => $"corridor {corridorId}: {e}"));
                planned.Add((ids, group.Plan));
                foreach (var (id, c) in Coordinations(group, m.FlowsVph))
                {
                    phases[id] = c;
                }
            }
            catch (ArgumentException e)
            {
                errors.Add($"corridor {corridorId}: cannot plan group {string.Join("-", ids)}: {e.Message}");
            }
        }

        if (errors.Count > 0)
        {
            Sender.Tell(new Rejected(corridorId, string.Join(Environment.NewLine, errors)));
            return;
        }

        this.planned = null;
        cycle = planned.Select(g => g.Plan.Timing.Cycle).Distinct().Count() == 1 ? planned[0].Plan.Timing.Cycle : null;
        offsets.Clear();
        coordinated.Clear();
        coordination.Clear();
        var inGroup = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ids, plan) in planned)
        {
            foreach (var id in ids)
            {
                inGroup.Add(id);
                offsets[id] = plan.Plans[id].Offset;
                coordinated[id] = plan.Plans[id];
                if (phases.TryGetValue(id, out var c))
                {
                    coordination[id] = c;
                }
            }
        }

        foreach (var id in members.Keys.Where(id => !safe.Contains(id) && !stopped.Contains(id)))
        {
            Child(id).Tell(inGroup.Contains(id)
                ? new SetIntersectionPlan(id, m.Time, ControlMode.Coordinated, coordinated[id], coordination.GetValueOrDefault(id))
                : new SetIntersectionPlan(id, m.Time, ControlMode.Free, null));
        }

        groups = planned.Select(g => GroupState(g.Ids, g.Plan)).ToList();
        groupsCycle = planned.Count == 0 ? null : planned.Max(g => g.Plan.Timing.Cycle);
        plannedAt = m.Time;
        var text = planned.Count == 0
            ? "no neighbours linked: every member runs free"
            : string.Join("; ", groups.Select(g => $"{string.Join("-", g.IntersectionIds)} on {Fmt(g.Cycle)} s, {(g.InboundPeak ? "inbound" : "outbound")} band {Fmt(g.Bandwidth)} s"));
        outbound.Send(new Alarm(corridorId, null, AlarmSeverity.Info, "corridor-plan", $"corridor {corridorId}: groups from measured flows: {text}", m.Time));
        WarnAboutSkipped(m.Time, "group plan");
        Sender.Tell(Accepted.Instance);
    }

    /// <summary>The members of a group planned from flows with coordinated phases: those phases and the flows as design flows.</summary>
    private static Dictionary<string, MemberCoordination> Coordinations(CoordinatedGroup group, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> flows) =>
        group.CoordinatedPhases
            .Where(p => p.Value.Count > 0 && flows.ContainsKey(p.Key))
            .ToDictionary(p => p.Key, p => new MemberCoordination(p.Value, flows[p.Key]), StringComparer.Ordinal);

    /// <summary>
    /// An operator's plan: the coordinated phases from the corridor's links (outbound first), when the corridor and
    /// all its members are known here; the design flows are the default flows where the splits are the nominal ones,
    /// none (splits kept) where the operator gave them.
    /// </summary>
    private Dictionary<string, MemberCoordination> Coordinations(SetCorridorPlan m)
    {
        var result = new Dictionary<string, MemberCoordination>(StringComparer.Ordinal);
        if (corridor is null || corridor.Links.Count == 0 || corridor.IntersectionIds.Any(id => !members.ContainsKey(id)))
        {
            return result;
        }

        var (phases, _) = NetworkCoordination.Through(corridor, corridor.IntersectionIds.Select(id => members[id]).ToList(), inboundPeak: false);
        foreach (var (id, list) in phases.Where(p => p.Value.Count > 0))
        {
            var given = m.Plans?.ContainsKey(id) == true;
            result[id] = new MemberCoordination(list, given ? null : NominalPlan.DefaultFlows(members[id], settings));
        }

        return result;
    }

    private static CorridorGroupState GroupState(IReadOnlyList<string> ids, CorridorPlan plan) => new(
        ids,
        plan.Timing.Cycle,
        ids.ToDictionary(id => id, id => plan.Plans[id].Offset, StringComparer.Ordinal),
        plan.InboundPeak,
        plan.InboundPeak ? plan.Timing.InboundBandwidth : plan.Timing.OutboundBandwidth);

    /// <summary>
    /// Checks and applies a corridor plan; the error text when it cannot. Members with coordinated phases
    /// (<paramref name="phases"/>, else from the corridor's links) run the coordinated policy on it, the others fixed time.
    /// </summary>
    private string? Apply(SetCorridorPlan m, IReadOnlyDictionary<string, MemberCoordination>? phases = null)
    {
        time = Math.Max(time, m.Time);
        var errors = new List<string>();
        if (!(m.Cycle > 0) || double.IsInfinity(m.Cycle))
        {
            return $"corridor {corridorId}: cycle {Fmt(m.Cycle)} s must be a positive number";
        }

        foreach (var id in m.Offsets.Keys.Concat(m.Plans?.Keys ?? []).Where(id => !members.ContainsKey(id)).Distinct())
        {
            errors.Add($"corridor {corridorId}: intersection '{id}' is not on this corridor");
        }

        foreach (var (id, offset) in m.Offsets.Where(o => !(o.Value >= 0 && o.Value < m.Cycle)))
        {
            errors.Add($"corridor {corridorId}: offset {Fmt(offset)} s for {id} must lie in [0, cycle {Fmt(m.Cycle)} s)");
        }

        if (errors.Count > 0)
        {
            return string.Join(Environment.NewLine, errors);
        }

        var plans = new Dictionary<string, TimingPlan>(StringComparer.Ordinal);
        foreach (var (id, model) in members)
        {
            var offset = m.Offsets.GetValueOrDefault(id);
            TimingPlan plan;
            if (m.Plans?.GetValueOrDefault(id) is { } given)
            {
                plan = given with { Offset = offset };
            }
            else
            {
                plan = NominalPlan.AtCycle(model, settings, m.Cycle, offset);
            }

            if (SignalTimeEquals(plan.Cycle, m.Cycle))
            {
                errors.AddRange(plan.Check(model).Select(e => $"corridor {corridorId}: {e}"));
            }
            else
            {
                errors.Add($"corridor {corridorId}: {id} needs a cycle of {Fmt(plan.Cycle)} s, not the corridor's {Fmt(m.Cycle)} s");
            }

            plans[id] = plan;
        }

        if (errors.Count > 0)
        {
            return string.Join(Environment.NewLine, errors);
        }

        cycle = m.Cycle;
        offsets.Clear();
        coordinated.Clear();
        coordination.Clear();
        foreach (var (id, c) in phases ?? Coordinations(m))
        {
            coordination[id] = c;
        }

        foreach (var (id, plan) in plans)
        {
            offsets[id] = plan.Offset;
            coordinated[id] = plan;
            if (!safe.Contains(id) && !stopped.Contains(id))
            {
                Child(id).Tell(new SetIntersectionPlan(id, m.Time, ControlMode.Coordinated, plan, coordination.GetValueOrDefault(id)));
            }
        }

        WarnAboutSkipped(m.Time, "coordinated plan");
        return null;
    }

    private void Handle(ReleaseCorridorPlan m)
    {
        time = Math.Max(time, m.Time);
        cycle = null;
        planned = null;
        groups = [];
        groupsCycle = null;
        offsets.Clear();
        coordinated.Clear();
        coordination.Clear();
        foreach (var id in members.Keys.Where(id => !safe.Contains(id) && !stopped.Contains(id)))
        {
            Child(id).Tell(new SetIntersectionPlan(id, m.Time, ControlMode.Free, null));
        }

        WarnAboutSkipped(m.Time, "release to free operation");
        Sender.Tell(Accepted.Instance);
    }

    private void Handle(ResumeNormalControl m)
    {
        var id = m.IntersectionId;
        if (!members.ContainsKey(id))
        {
            Sender.Tell(new Rejected(id, $"intersection '{id}' is not on corridor {corridorId}"));
            return;
        }

        time = Math.Max(time, m.Time);
        crashes.Remove(id);
        var (mode, plan) = coordinated.TryGetValue(id, out var p) ? (ControlMode.Coordinated, p) : (ControlMode.Free, NominalPlan.For(members[id], settings));
        var wasStopped = stopped.Remove(id);
        var wasSafe = safe.Remove(id);
        if (!wasSafe && !wasStopped)
        {
            Sender.Tell(new Rejected(id, $"{id} is not in safe fixed-time"));
            return;
        }

        Alarm(id, AlarmSeverity.Info, "safe-mode-cleared", $"{id}: operator resumed normal control ({mode})");
        if (wasStopped)
        {
            book.Assign(id, mode, plan, coordination.GetValueOrDefault(id));
            Child(id);
            Sender.Tell(Accepted.Instance);
        }
        else
        {
            Child(id).Forward(new LeaveSafeMode(id, m.Time, mode, plan, mode == ControlMode.Coordinated ? coordination.GetValueOrDefault(id) : null));
        }
    }

    /// <summary>Runs inside this actor while it handles a child's failure, before the child restarts.</summary>
    private bool OnChildFailure(IActorRef child, Exception cause)
    {
        var id = Uri.UnescapeDataString(child.Path.Name);
        if (!members.TryGetValue(id, out var model))
        {
            return true;
        }

        var now = Context.System.Scheduler.Now;
        var window = TimeSpan.FromSeconds(settings.RestartWindowSeconds);
        if (!crashes.TryGetValue(id, out var times))
        {
            crashes[id] = times = [];
        }

        times.RemoveAll(t => now - t > window);
        times.Add(now);
        book.CountRestart(id);
        var reason = (cause as ActorInitializationException)?.InnerException ?? cause;
        var what = $"{reason.GetType().Name}: {reason.Message}";

        if (safe.Contains(id) && times.Count > 2 * settings.MaxRestarts)
        {
            stopped.Add(id);
            safe.Remove(id);
            Alarm(id, AlarmSeverity.Critical, "intersection-stopped", $"{id}: crashed {times.Count} times within {Fmt(settings.RestartWindowSeconds)} s, also in safe fixed-time; actor stopped, the field controller keeps its last plan. Last: {what}");
            return false;
        }

        if (!safe.Contains(id) && times.Count > settings.MaxRestarts)
        {
            var last = book.Get(id);
            var plan = last is { Mode: ControlMode.Coordinated, Plan: { } p } ? p : NominalPlan.For(model, settings);
            safe.Add(id);
            book.Assign(id, ControlMode.SafeFixedTime, plan, null);
            Alarm(id, AlarmSeverity.Critical, "crash-loop-safe-fixed-time", $"{id}: crashed {times.Count} times within {Fmt(settings.RestartWindowSeconds)} s; on safe fixed-time (cycle {Fmt(plan.Cycle)} s) until an operator resumes normal control. Last: {what}");
            return true;
        }

        Alarm(id, AlarmSeverity.Warning, "intersection-restarted", $"{id}: restarted on its last known-good plan after {what}");
        return true;
    }

    private void WarnAboutSkipped(long at, string what)
    {
        var skipped = members.Keys.Where(id => safe.Contains(id) || stopped.Contains(id)).Order(StringComparer.Ordinal).ToList();
        if (skipped.Count > 0)
        {
            outbound.Send(new Alarm(corridorId, null, AlarmSeverity.Warning, "plan-not-applied", $"corridor {corridorId}: {what} not applied to {string.Join(", ", skipped)} (safe fixed-time or stopped)", at));
        }
    }

    private void Alarm(string id, AlarmSeverity severity, string code, string text) =>
        outbound.Send(new Alarm(corridorId, id, severity, code, text, time));

    private CorridorState State() => new(
        corridorId,
        members.Keys.Order(StringComparer.Ordinal).ToList(),
        cycle,
        new Dictionary<string, double>(offsets, StringComparer.Ordinal),
        safe.Order(StringComparer.Ordinal).ToList(),
        stopped.Order(StringComparer.Ordinal).ToList(),
        members.Keys.ToDictionary(id => id, id => book.Get(id)?.Restarts ?? 0, StringComparer.Ordinal),
        time,
        planned?.Timing.OutboundBandwidth,
        planned?.Timing.InboundBandwidth,
        planned?.InboundPeak,
        planned is null ? null : plannedAt)
    {
        Links = corridor is null ? [] : [.. corridor.IntersectionIds.Zip(corridor.IntersectionIds.Skip(1), (a, b) => links.GetValueOrDefault($"{a}-{b}")).OfType<PairLink>()],
        Groups = groups,
    };

    private static bool SignalTimeEquals(double a, double b) => Math.Abs(a - b) < 0.05;

    private static string Fmt(double v) => v.ToString("0.0##", CultureInfo.InvariantCulture);

    /// <summary>One-for-one, always restart, except where the supervisor's bookkeeping says stop.</summary>
    private sealed class CountingStrategy(Func<IActorRef, Exception, bool> onFailure)
        : OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Restart)
    {
        public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children) =>
            base.ProcessFailure(context, restart && onFailure(child, cause), child, cause, stats, children);
    }
}
