using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Split re-balancing of <see cref="CoordinatedPolicy"/> (SCATS-like): every <paramref name="EveryCycles"/> cycles each
/// side phase's degree of saturation (1 when it ran to its force-off point with demand, else its green used until
/// the gap over its planned green) scales the flows of its movements by DS / <paramref name="TargetSaturation"/>,
/// by at most <paramref name="MaxStep"/> (x or /) per step and within [1 / <paramref name="MaxFactor"/>,
/// <paramref name="MaxFactor"/>] of the design flows; Webster then gives the splits at the unchanged cycle. The
/// coordinated phases keep their design flows. 0 cycles = off.
/// </summary>
public sealed record RebalanceSettings(int EveryCycles = 2, double TargetSaturation = 0.85, double MaxStep = 1.25, double MaxFactor = 3)
{
    public static RebalanceSettings Off { get; } = new(EveryCycles: 0);
}

/// <summary>
/// Actuated-coordinated control under a corridor's <see cref="TimingPlan"/> (common cycle, offset, splits) with
/// fixed force-offs. The cycle clock is (now - offset) mod cycle; along each ring a phase's window starts where
/// the splits before it end and its force-off point is window start + green.
/// Coordinated phases (the corridor through phases) are on recall and held green until their force-off point,
/// so their green covers the planned window every cycle and the green wave holds; they may start early (early
/// return) when the phases before them gap out or are skipped: the time the side phases do not use goes to the
/// coordinated phases; past its force-off point a coordinated phase rests green until a side phase that may start
/// is called. Side phases are actuated: detection calls them (phases no detector serves are on
/// recall), they gap out after minimum green when no actuation came for their passage time, and they are
/// forced off at their force-off point at the latest. A side phase may only start inside its permissive
/// period: from the end of its ring's coordinated green up to its force-off point less the green it needs
/// (the clearance of the phase green before it in its ring, then minimum green, or walk + pedestrian clearance when
/// a pedestrian may be waiting); outside it the phase is omitted
/// for the time being (its calls stay and are served in the next cycle), so a late side phase never delays a
/// coordinated green. The policy only calls, holds, omits and forces off: the sequencer and safety monitor
/// decide what is legal. While preempted or faulted it releases its holds and omits.
/// </summary>
public sealed class CoordinatedPolicy : ISignalPolicy
{
    private const long Never = long.MinValue / 4;

    private readonly Intersection intersection;
    private readonly long cycle;
    private readonly IReadOnlyDictionary<string, double> designFlows;
    private readonly Dictionary<string, double> flows;
    private readonly RebalanceSettings rebalance;
    private readonly WebsterSettings webster;
    private readonly Dictionary<int, (double Sum, int Count)> saturation = [];
    private readonly Dictionary<int, bool> endedAtForceOff = [];
    private readonly Dictionary<int, long> sideGreenStart = [];
    private long offset;
    private long lastClock = -1;
    private int cyclesSinceRebalance;
    private readonly Dictionary<int, (long Start, long Green)> windows = [];
    private readonly Dictionary<int, long> anchor = []; // per phase: its ring's coordinated force-off point (0 without one)
    private readonly Dictionary<int, IReadOnlyList<int>> ringOf = [];
    private readonly HashSet<int> coordinated;
    private readonly HashSet<int> recallOnly = [];
    private readonly Dictionary<int, long> lastActuation = [];
    private readonly Dictionary<int, long> plannedEnd = [];
    private readonly bool[] occupied;
    private readonly HashSet<int> pendingCalls = [];
    private readonly HashSet<int> held = [];
    private readonly HashSet<int> omitted = [];
    private readonly PedestrianCalls pedestrians;

    public CoordinatedPolicy(Intersection intersection, TimingPlan plan, IReadOnlyCollection<int> coordinatedPhases)
        : this(intersection, plan, coordinatedPhases, null, RebalanceSettings.Off)
    {
    }

    /// <summary>With split re-balancing (<paramref name="rebalance"/>) from <paramref name="designFlowsVph"/> (veh/h per movement, the flows the plan was made for).</summary>
    public CoordinatedPolicy(Intersection intersection, TimingPlan plan, IReadOnlyCollection<int> coordinatedPhases, IReadOnlyDictionary<string, double>? designFlowsVph, RebalanceSettings rebalance, WebsterSettings? webster = null)
    {
        ArgumentNullException.ThrowIfNull(intersection);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(coordinatedPhases);
        plan.EnsureValid(intersection);
        var unknown = coordinatedPhases.Where(p => !intersection.Phases.Any(q => q.Id == p)).ToList();
        if (unknown.Count > 0 || coordinatedPhases.Count == 0)
        {
            throw new ArgumentException($"coordinated policy for {intersection.Id}: coordinated phases [{string.Join(",", coordinatedPhases)}] must be one or more of its phases (unknown: {string.Join(",", unknown)})", nameof(coordinatedPhases));
        }

        ArgumentNullException.ThrowIfNull(rebalance);
        if (rebalance.EveryCycles > 0 && designFlowsVph is null)
        {
            throw new ArgumentException($"coordinated policy for {intersection.Id}: split re-balancing needs the design flows", nameof(designFlowsVph));
        }

        this.intersection = intersection;
        this.rebalance = rebalance;
        this.webster = webster ?? WebsterSettings.Default;
        designFlows = designFlowsVph ?? new Dictionary<string, double>();
        flows = new Dictionary<string, double>(designFlows, StringComparer.Ordinal);
        cycle = plan.CycleTicks;
        coordinated = [.. coordinatedPhases];
        occupied = new bool[intersection.Detectors.Count];
        pedestrians = new PedestrianCalls(intersection);
        Plan = plan;
        Use(plan);

        foreach (var phase in intersection.Phases)
        {
            lastActuation[phase.Id] = Never;
            if (phase.HasVehicles && !intersection.Detectors.Any(d => d.Phases.Contains(phase.Id)))
            {
                recallOnly.Add(phase.Id);
            }
        }
    }

    /// <summary>Plans put in force by re-balancing so far.</summary>
    public int Rebalances { get; private set; }

    private void Use(TimingPlan plan)
    {
        Plan = plan;
        offset = plan.OffsetTicks;
        CycleWindow.Fill(intersection.Structure.Rings, plan, windows);
        foreach (var ring in intersection.Structure.Rings)
        {
            var main = ring.FirstOrDefault(coordinated.Contains, -1);
            foreach (var phase in ring)
            {
                anchor[phase] = main < 0 ? 0 : ForceOffPoint(main);
                ringOf[phase] = ring;
            }
        }
    }

    public string Name => "coordinated";

    public TimingPlan Plan { get; private set; }

    public IReadOnlyCollection<int> CoordinatedPhases => coordinated;

    /// <summary>Position in the cycle, in ticks from the cycle's zero point.</summary>
    public long CycleClock(long now) => CycleWindow.Mod(now - offset, cycle);

    /// <summary>The planned start of the phase's green within the cycle, in ticks.</summary>
    public long WindowStart(int phase) => windows[phase].Start;

    /// <summary>The planned force-off point of the phase within the cycle, in ticks.</summary>
    public long ForceOffPoint(int phase) => CycleWindow.Mod(windows[phase].Start + windows[phase].Green, cycle);

    public void Observe(in DetectorReading r)
    {
        if (r.Detector < 0 || r.Detector >= occupied.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(r), $"intersection {intersection.Id}: detector index {r.Detector} is not in 0..{occupied.Length - 1}");
        }

        occupied[r.Detector] = r.Presence;
        if (!r.Presence && r.Count <= 0)
        {
            return;
        }

        foreach (var phase in intersection.Detectors[r.Detector].Phases)
        {
            lastActuation[phase] = Math.Max(lastActuation[phase], r.Time);
            pendingCalls.Add(phase);
        }
    }

    public void Observe(ApproachObservation o) => pedestrians.Observe(o);

    public void Decide(ISignalControl control)
    {
        if (control.IsPreempted || control.IsFaulted)
        {
            Release(control);
            return;
        }

        var now = control.Now;
        for (var d = 0; d < occupied.Length; d++)
        {
            if (occupied[d])
            {
                foreach (var phase in intersection.Detectors[d].Phases)
                {
                    lastActuation[phase] = now;
                    pendingCalls.Add(phase);
                }
            }
        }

        pedestrians.Place(control);
        var next = now + PolicyTiming.CommandLatencyTicks;
        MaybeRebalance(control, next);
        foreach (var phase in intersection.Phases.Where(p => !coordinated.Contains(p.Id)))
        {
            DecideSide(control, phase, next);
        }

        foreach (var id in coordinated)
        {
            DecideCoordinated(control, id, next);
        }
    }

    private void DecideCoordinated(ISignalControl control, int id, long next)
    {
        if (!control.IsGreen(id))
        {
            plannedEnd.Remove(id);
            SetHold(control, id, false);
            if (!control.HasCall(id))
            {
                control.PlaceCall(id);
            }

            return;
        }

        var (start, green) = windows[id];
        if (!plannedEnd.TryGetValue(id, out var end))
        {
            end = CycleWindow.PlannedEnd(control.Now - control.GreenElapsed(id), offset, start, green, cycle);
        }
        else if (next >= end)
        {
            // Rested in green past its end: it is held again once its next window opens.
            var into = CycleWindow.Mod(next - offset - start, cycle);
            if (into < green)
            {
                end = next - into + green;
            }
        }

        plannedEnd[id] = end;
        if (next < end)
        {
            SetHold(control, id, true);
            return;
        }

        SetHold(control, id, false);

        // Past its end it rests green until a side phase that may start is called (also under rest in red).
        if (intersection.Phases.Any(p => !coordinated.Contains(p.Id) && !omitted.Contains(p.Id) && control.HasCall(p.Id)))
        {
            control.ForceOff(id);
        }
    }

    private void DecideSide(ISignalControl control, Phase phase, long next)
    {
        var id = phase.Id;
        var clock = CycleClock(next);
        var sinceAnchor = CycleWindow.Mod(clock - anchor[id], cycle);
        var toForceOff = CycleWindow.Mod(ForceOffPoint(id) - anchor[id], cycle);
        if (control.IsGreen(id))
        {
            sideGreenStart.TryAdd(id, control.Now - control.GreenElapsed(id));
            SetOmit(control, id, false);
            pendingCalls.Remove(id);
            var minimumDone = control.GreenElapsed(id) + PolicyTiming.CommandLatencyTicks >= SignalTime.FromSeconds(phase.Timings.MinGreen);
            var gapped = phase.HasVehicles && !recallOnly.Contains(id) && next - lastActuation[id] >= SignalTime.FromSeconds(phase.Timings.Passage);
            if (sinceAnchor >= toForceOff || (minimumDone && gapped))
            {
                endedAtForceOff[id] = !(minimumDone && gapped);
                control.ForceOff(id);
            }

            return;
        }

        if (sideGreenStart.Remove(id, out var began))
        {
            // Degree of saturation of the green just ended: 1 when it ran to its force-off with demand, else green used / planned.
            var planned = Math.Max(1, windows[id].Green);
            var used = control.Now - began - (endedAtForceOff.GetValueOrDefault(id) ? 0 : SignalTime.FromSeconds(phase.Timings.Passage));
            var ds = endedAtForceOff.GetValueOrDefault(id) ? 1.0 : Math.Clamp(used / (double)planned, 0, 1);
            var (sum, count) = saturation.GetValueOrDefault(id);
            saturation[id] = (sum + ds, count + 1);
            endedAtForceOff.Remove(id);
        }

        if (pendingCalls.Remove(id) || (recallOnly.Contains(id) && !control.HasCall(id)))
        {
            control.PlaceCall(id);
        }

        var t = phase.Timings;
        // A call on a phase with crosswalks may be a pedestrian's (push button): it needs its walk and clearance.
        var needs = phase.HasPedestrians && (pedestrians.Contains(id) || control.HasCall(id)) ? TimingPlan.MinimumGreen(phase) : t.MinGreen;

        // The phase green in its ring now still has its yellow and red clearance to run before this one can start.
        var before = ringOf[id].FirstOrDefault(control.IsGreen, -1) is var g && g >= 0 ? Clearance(g) : 0;
        var latest = toForceOff - SignalTime.FromSeconds(needs + before);
        SetOmit(control, id, sinceAnchor > latest);
    }

    /// <summary>At the start of the main coordinated phase's window, every <see cref="RebalanceSettings.EveryCycles"/> cycles: new splits, same cycle, same coordinated start.</summary>
    private void MaybeRebalance(ISignalControl control, long next)
    {
        var main = coordinated.First();
        var clock = CycleClock(next);
        var start = windows[main].Start;
        var crossed = lastClock >= 0 && CycleWindow.Mod(clock - start, cycle) < CycleWindow.Mod(lastClock - start, cycle);
        lastClock = clock;
        if (!crossed || rebalance.EveryCycles <= 0 || ++cyclesSinceRebalance < rebalance.EveryCycles)
        {
            return;
        }

        cyclesSinceRebalance = 0;
        foreach (var phase in intersection.Phases.Where(p => p.HasVehicles && !coordinated.Contains(p.Id)))
        {
            var (sum, count) = saturation.GetValueOrDefault(phase.Id);
            var ds = count == 0 ? 0 : sum / count;
            var step = Math.Clamp(ds / rebalance.TargetSaturation, 1 / rebalance.MaxStep, rebalance.MaxStep);
            foreach (var pm in phase.Movements)
            {
                if (intersection.Phases.Any(q => coordinated.Contains(q.Id) && q.Movements.Any(m => m.MovementId == pm.MovementId)))
                {
                    continue; // a movement the coordinated phase also serves keeps its design flow
                }

                var design = Math.Max(10, designFlows.GetValueOrDefault(pm.MovementId));
                flows[pm.MovementId] = Math.Clamp(Math.Max(10, flows.GetValueOrDefault(pm.MovementId)) * step, design / rebalance.MaxFactor, design * rebalance.MaxFactor);
            }
        }

        saturation.Clear();
        var seconds = SignalTime.ToSeconds(cycle);
        TimingPlan plan;
        try
        {
            plan = Webster.Plan(intersection, flows, webster with { MinCycle = seconds, MaxCycle = seconds, Offset = 0 }).Plan;
        }
        catch (ArgumentException)
        {
            return; // keep the plan in force
        }

        if (plan.CycleTicks != cycle)
        {
            return;
        }

        // Keep the main coordinated green's start where the corridor's offsets put it.
        var oldStart = windows[main].Start;
        var newStart = StartIn(plan, main);
        var newOffset = CycleWindow.Mod(offset + oldStart - newStart, cycle);
        plannedEnd.Clear(); // the coordinated greens' ends are computed again on the new windows
        Use(plan with { Offset = SignalTime.ToSeconds(newOffset) });
        lastClock = CycleClock(next);
        Rebalances++;
    }

    private long StartIn(TimingPlan plan, int phase)
    {
        foreach (var ring in intersection.Structure.Rings)
        {
            long start = 0;
            foreach (var q in ring)
            {
                if (q == phase)
                {
                    return start;
                }

                start += SignalTime.FromSeconds(plan.Split(q).Split);
            }
        }

        return 0;
    }

    private double Clearance(int phase)
    {
        var t = intersection.Phases.First(p => p.Id == phase).Timings;
        return t.Yellow + t.RedClearance;
    }

    private void SetHold(ISignalControl control, int id, bool on)
    {
        if (on ? held.Add(id) : held.Remove(id))
        {
            control.SetHold(id, on);
        }
    }

    private void SetOmit(ISignalControl control, int id, bool on)
    {
        if (on ? omitted.Add(id) : omitted.Remove(id))
        {
            control.SetOmit(id, on);
        }
    }

    private void Release(ISignalControl control)
    {
        foreach (var id in held.ToList())
        {
            SetHold(control, id, false);
        }

        foreach (var id in omitted.ToList())
        {
            SetOmit(control, id, false);
        }

        plannedEnd.Clear();
    }
}
