using Traffic.Signals.Model;

namespace Traffic.Control;

/// <summary>
/// One coordinated group: a run of linked members of corridor <paramref name="CorridorId"/>, planned as a
/// corridor of its own (<paramref name="Part"/>, <paramref name="Plan"/>: common cycle, splits, green-wave
/// offsets in its peak direction); per member the phases that carry the corridor through movement
/// (coordinated phases: both directions where they exist) and the peak direction's through movement.
/// </summary>
public sealed record CoordinatedGroup(
    string CorridorId,
    Corridor Part,
    CorridorPlan Plan,
    IReadOnlyDictionary<string, IReadOnlyList<int>> CoordinatedPhases,
    IReadOnlyDictionary<string, string?> PeakMovements)
{
    public IReadOnlyList<string> MemberIds => Part.IntersectionIds;
}

/// <summary>The coordination of a network: its groups and every neighbour pair's link state with the reason.</summary>
public sealed record NetworkCoordinationPlan(IReadOnlyList<CoordinatedGroup> Groups, IReadOnlyList<PairLink> Pairs)
{
    /// <summary>The group an intersection is coordinated in, or null when it runs free.</summary>
    public CoordinatedGroup? GroupOf(string intersectionId) => Groups.FirstOrDefault(g => g.MemberIds.Contains(intersectionId, StringComparer.Ordinal));

    /// <summary>
    /// The movements whose arrivals on green measure the green wave: the peak-direction corridor through
    /// movement of every group member except the first in the peak direction (whose arrivals come from outside the group).
    /// </summary>
    public IReadOnlyList<(string Intersection, string Movement)> PeakMovements()
    {
        var result = new List<(string, string)>();
        foreach (var g in Groups)
        {
            var ids = g.MemberIds;
            var first = g.Plan.InboundPeak ? ids[^1] : ids[0];
            foreach (var id in ids.Where(id => id != first))
            {
                if (g.PeakMovements.GetValueOrDefault(id) is { } movement)
                {
                    result.Add((id, movement));
                }
            }
        }

        return result;
    }
}

/// <summary>
/// Plans the coordination of a whole network from flows: every corridor's neighbour pairs are linked or
/// not by <see cref="CorridorLinking.Decide"/>; an intersection on two corridors (a crossing) is coordinated
/// on one only, the one whose linked pair at it carries more flow per lane (the other pair is unlinked, with
/// that reason); each corridor's runs of linked members become groups planned by <see cref="CorridorPlanner"/>.
/// <paramref name="previous"/> pair states give the hysteresis over renewals. <paramref name="webster"/> gives the
/// members' own cycles the linking compares; <paramref name="groupWebster"/> (default: the same) plans the groups
/// (e.g. a longer minimum cycle).
/// </summary>
public static class NetworkCoordination
{
    public static NetworkCoordinationPlan Plan(
        Network network,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> flowsVph,
        double nowS = 0,
        IReadOnlyDictionary<string, PairLink>? previous = null,
        LinkingSettings? linking = null,
        WebsterSettings? webster = null,
        WebsterSettings? groupWebster = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(flowsVph);
        var byId = network.Intersections.ToDictionary(x => x.Id, StringComparer.Ordinal);
        var candidates = new List<(Corridor Corridor, PairMeasure Measure, PairLink Link)>();
        foreach (var corridor in network.Corridors.Where(c => c.IntersectionIds.Count > 1))
        {
            var members = corridor.IntersectionIds.Select(id => byId[id]).ToList();
            foreach (var m in CorridorLinking.Measure(corridor, members, flowsVph, webster))
            {
                candidates.Add((corridor, m, CorridorLinking.Decide(m, previous?.GetValueOrDefault($"{corridor.Id}:{m.Key}"), nowS, linking)));
            }
        }

        // Crossings: the heavier linked pair claims its members for its corridor.
        var claim = new Dictionary<string, string>(StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), PairLink>();
        foreach (var (corridor, m, link) in candidates.OrderByDescending(c => c.Link.Linked).ThenByDescending(c => c.Measure.HeavierPerLaneVph))
        {
            var result = link;
            if (link.Linked)
            {
                var taken = new[] { m.From, m.To }.FirstOrDefault(id => claim.TryGetValue(id, out var c) && c != corridor.Id);
                if (taken is not null)
                {
                    result = link with { Linked = false, Reason = $"{m.Key} unlinked on {corridor.Id}: {taken} is coordinated on {claim[taken]}, whose link at it is heavier ({link.Reason})" };
                }
                else
                {
                    claim[m.From] = corridor.Id;
                    claim[m.To] = corridor.Id;
                }
            }

            pairs[(corridor.Id, m.Key)] = result;
        }

        var groups = new List<CoordinatedGroup>();
        foreach (var corridor in network.Corridors.Where(c => c.IntersectionIds.Count > 1))
        {
            var mine = pairs.Where(p => p.Key.Item1 == corridor.Id).Select(p => p.Value);
            foreach (var ids in CorridorLinking.Groups(corridor.IntersectionIds, mine))
            {
                groups.Add(Group(corridor, ids, byId, flowsVph, groupWebster ?? webster));
            }
        }

        var ordered = candidates.Select(c => pairs[(c.Corridor.Id, c.Measure.Key)]).ToList();
        return new NetworkCoordinationPlan(groups, ordered);
    }

    /// <summary>Plans one group of linked members of <paramref name="corridor"/>.</summary>
    public static CoordinatedGroup Group(
        Corridor corridor,
        IReadOnlyList<string> ids,
        IReadOnlyDictionary<string, Intersection> byId,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> flowsVph,
        WebsterSettings? webster = null)
    {
        ArgumentNullException.ThrowIfNull(corridor);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(byId);
        var part = CorridorLinking.Part(corridor, ids);
        var members = ids.Select(id => byId[id]).ToList();
        var plan = CorridorPlanner.Plan(part, members, flowsVph, webster);
        var (phases, peak) = Through(part, members, plan.InboundPeak);
        return new CoordinatedGroup(corridor.Id, part, plan, phases, peak);
    }

    /// <summary>
    /// Per member of <paramref name="corridor"/> (<paramref name="members"/> in its order) the coordinated phases: the
    /// phases that carry the corridor through movement, the peak direction's first (both where they exist; none for
    /// a member without a through movement), and the peak direction's through movement.
    /// </summary>
    public static (IReadOnlyDictionary<string, IReadOnlyList<int>> Phases, IReadOnlyDictionary<string, string?> PeakMovements) Through(
        Corridor corridor,
        IReadOnlyList<Intersection> members,
        bool inboundPeak)
    {
        ArgumentNullException.ThrowIfNull(corridor);
        ArgumentNullException.ThrowIfNull(members);
        var phases = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        var peak = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            var outbound = CorridorPlanner.Through(corridor, members, i, outbound: true);
            var inbound = CorridorPlanner.Through(corridor, members, i, outbound: false);
            var main = inboundPeak ? inbound : outbound;
            var other = inboundPeak ? outbound : inbound;
            phases[members[i].Id] = new[] { main.Phase, other.Phase }.OfType<int>().Distinct().ToList();
            peak[members[i].Id] = main.Movement;
        }

        return (phases, peak);
    }
}
