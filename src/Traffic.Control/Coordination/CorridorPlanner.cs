using Traffic.Signals.Model;

namespace Traffic.Control;

/// <summary>
/// A corridor's coordinated plan from flows: each member's Webster cycle for its flows, the common
/// cycle (<see cref="Coordination.CommonCycle"/>), each member's Webster splits at that cycle, and the
/// green-wave offsets (<see cref="Coordination.GreenWave"/>) for the peak direction, the direction whose
/// corridor through movements carry more flow in total. The coordinated phase of a member in a direction
/// is the phase that protects (else permits) its through movement along the corridor; its green starts
/// where the splits before it in its ring end. Members without such a phase (a missing through, e.g. a
/// tee's stem) get green 0 in that direction and do not limit the band. Travel times are the links'
/// length over speed, in either direction the link exists.
/// </summary>
public static class CorridorPlanner
{
    public static CorridorPlan Plan(
        Corridor corridor,
        IReadOnlyList<Intersection> members,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> flowsVph,
        WebsterSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(corridor);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(flowsVph);
        settings ??= WebsterSettings.Default;
        if (members.Count == 0 || members.Select(m => m.Id).SequenceEqual(corridor.IntersectionIds) is false)
        {
            throw new ArgumentException($"corridor {corridor.Id}: members ({string.Join(", ", members.Select(m => m.Id))}) must be its intersections in order ({string.Join(", ", corridor.IntersectionIds)})", nameof(members));
        }

        var empty = new Dictionary<string, double>();
        var own = members.Select(m => Webster.Plan(m, flowsVph.GetValueOrDefault(m.Id, empty), settings).Plan.Cycle).ToList();
        var cycle = Coordination.CommonCycle(own);
        var plans = new Dictionary<string, TimingPlan>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            var result = Webster.Plan(m, flowsVph.GetValueOrDefault(m.Id, empty), settings with { MinCycle = cycle, MaxCycle = Math.Max(cycle, settings.MaxCycle) });
            plans[m.Id] = result.Plan;
            cycle = Math.Max(cycle, result.Plan.Cycle); // minimums may lengthen one member's cycle
        }

        if (plans.Values.Any(p => Math.Abs(p.Cycle - cycle) > 0.05))
        {
            foreach (var m in members)
            {
                plans[m.Id] = Webster.Plan(m, flowsVph.GetValueOrDefault(m.Id, empty), settings with { MinCycle = cycle, MaxCycle = cycle }).Plan;
            }
        }

        var coordinated = new List<CorridorMember>();
        double outboundFlow = 0, inboundFlow = 0;
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            var flows = flowsVph.GetValueOrDefault(m.Id, empty);
            var travel = i == 0 ? 0 : TravelTime(corridor, members[i - 1].Id, m.Id);
            var outPhase = ThroughPhase(m, corridor, i, members, outbound: true, out var outMovement);
            var inPhase = ThroughPhase(m, corridor, i, members, outbound: false, out var inMovement);
            outboundFlow += outMovement is null ? 0 : flows.GetValueOrDefault(outMovement);
            inboundFlow += inMovement is null ? 0 : flows.GetValueOrDefault(inMovement);
            var (outGreen, outStart) = GreenWindow(plans[m.Id], outPhase);
            var (inGreen, inStart) = GreenWindow(plans[m.Id], inPhase);
            coordinated.Add(new CorridorMember(m.Id, travel, outGreen, outStart, inGreen, inStart));
        }

        var inboundPeak = inboundFlow > outboundFlow;
        var timing = Coordination.GreenWave(coordinated, cycle, inboundPeak);
        var withOffsets = plans.ToDictionary(p => p.Key, p => p.Value with { Offset = Math.Round(timing.Offsets[p.Key], 1) % cycle }, StringComparer.Ordinal);
        return new CorridorPlan(timing, withOffsets, coordinated, inboundPeak);
    }

    /// <summary>Green and its start (seconds after the cycle's zero) of <paramref name="phase"/> in <paramref name="plan"/>; (0, 0) for none.</summary>
    public static (double Green, double Start) GreenWindow(TimingPlan plan, int? phase)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (phase is not { } p)
        {
            return (0, 0);
        }

        foreach (var ring in plan.Sequence)
        {
            var start = 0.0;
            foreach (var q in ring)
            {
                if (q == p)
                {
                    return (plan.Split(p).Green, start);
                }

                start += plan.Split(q).Split;
            }
        }

        return (0, 0);
    }

    /// <summary>
    /// Member <paramref name="i"/>'s corridor through movement in one direction (outbound = first member to last)
    /// and the phase that protects (else permits) it; nulls where there is none (a tee's stem).
    /// </summary>
    public static (int? Phase, string? Movement) Through(Corridor corridor, IReadOnlyList<Intersection> members, int i, bool outbound)
    {
        ArgumentNullException.ThrowIfNull(corridor);
        ArgumentNullException.ThrowIfNull(members);
        var phase = ThroughPhase(members[i], corridor, i, members, outbound, out var movement);
        return (phase, movement);
    }

    private static int? ThroughPhase(Intersection x, Corridor corridor, int i, IReadOnlyList<Intersection> members, bool outbound, out string? movement)
    {
        // Outbound runs from the first member to the last. At member i it enters from the leg towards
        // member i-1 and leaves by the leg towards member i+1 (inbound: the other way round).
        var towardsPrevious = i > 0 ? LegTowards(corridor, x.Id, members[i - 1].Id) : null;
        var towardsNext = i < members.Count - 1 ? LegTowards(corridor, x.Id, members[i + 1].Id) : null;
        var (entry, exit) = outbound ? (towardsPrevious, towardsNext) : (towardsNext, towardsPrevious);
        var candidates = x.Movements.Where(mv => mv.Turn == Turn.Through && (entry is null || mv.FromLeg == entry) && (exit is null || mv.ToLeg == exit)).ToList();
        movement = candidates.FirstOrDefault()?.Id;
        if (movement is null)
        {
            return null;
        }

        var id = movement;
        var phase = x.Phases.FirstOrDefault(ph => ph.Movements.Any(pm => pm.MovementId == id && pm.Mode == MovementMode.Protected))
            ?? x.Phases.FirstOrDefault(ph => ph.Movements.Any(pm => pm.MovementId == id));
        return phase?.Id;
    }

    private static string? LegTowards(Corridor corridor, string from, string to)
    {
        foreach (var link in corridor.Links)
        {
            if (link.From == from && link.To == to)
            {
                return link.FromLeg;
            }

            if (link.From == to && link.To == from)
            {
                return link.ToLeg;
            }
        }

        return null;
    }

    private static double TravelTime(Corridor corridor, string from, string to)
    {
        var link = corridor.Links.FirstOrDefault(l => (l.From == from && l.To == to) || (l.From == to && l.To == from))
            ?? throw new ArgumentException($"corridor {corridor.Id}: no link between {from} and {to}", nameof(corridor));
        return Coordination.TravelTime(link.LengthM, link.SpeedKmh);
    }
}

/// <summary>
/// A corridor's coordinated plan: the timing (cycle, offsets, bandwidths), each member's plan at the
/// common cycle with its offset, the members as the bandwidth maths sees them, and whether the peak
/// (the green wave's direction) is inbound (last member to first).
/// </summary>
public sealed record CorridorPlan(CorridorTiming Timing, IReadOnlyDictionary<string, TimingPlan> Plans, IReadOnlyList<CorridorMember> Members, bool InboundPeak);
