using System.Globalization;
using Traffic.Signals.Model;

namespace Traffic.Control;

/// <summary>
/// When two neighbouring corridor members are linked (SCATS "marriage"): the heavier direction's flow
/// between them is at least <paramref name="LinkFlowPerLaneVph"/> veh/h per approach lane, they are at most
/// <paramref name="MaxTravelTimeS"/> apart (platoons disperse over longer links) and the longer of their own
/// cycles is at most <paramref name="MaxCycleRatio"/> times the shorter (a common cycle would waste too much
/// of the short-cycle member's time). A linked pair is released ("divorce") when the flow falls below
/// <paramref name="ReleaseFlowPerLaneVph"/> (hysteresis) or a static rule fails. A pair keeps its state for at
/// least <paramref name="MinHoldS"/> seconds after a change.
/// </summary>
public sealed record LinkingSettings(
    double LinkFlowPerLaneVph = 250,
    double ReleaseFlowPerLaneVph = 180,
    double MaxTravelTimeS = 60,
    double MaxCycleRatio = 1.6,
    double MinHoldS = 900)
{
    public static LinkingSettings Default { get; } = new();

    public void Validate()
    {
        if (!(ReleaseFlowPerLaneVph >= 0) || !(LinkFlowPerLaneVph >= ReleaseFlowPerLaneVph) || double.IsInfinity(LinkFlowPerLaneVph))
        {
            throw new ArgumentException($"linking: release flow {ReleaseFlowPerLaneVph} veh/h/lane must be >= 0 and <= the link flow {LinkFlowPerLaneVph} veh/h/lane");
        }

        if (!(MaxTravelTimeS > 0) || !(MaxCycleRatio >= 1) || !(MinHoldS >= 0) || double.IsInfinity(MaxTravelTimeS + MaxCycleRatio + MinHoldS))
        {
            throw new ArgumentException($"linking: max travel time {MaxTravelTimeS} s must be > 0, max cycle ratio {MaxCycleRatio} >= 1, min hold {MinHoldS} s >= 0");
        }
    }
}

/// <summary>
/// What the linking rule sees of two neighbours <paramref name="From"/> -> <paramref name="To"/> (in corridor
/// order): the flow arriving at <paramref name="To"/> from <paramref name="From"/> (forward) and at From from To
/// (backward), veh/h per approach lane, with a name for each direction ("eastbound"), the travel time between
/// them and each member's own (Webster) cycle.
/// </summary>
public sealed record PairMeasure(
    string From,
    string To,
    string ForwardName,
    double ForwardPerLaneVph,
    string BackwardName,
    double BackwardPerLaneVph,
    double TravelTimeS,
    double FromCycleS,
    double ToCycleS)
{
    public string Key => $"{From}-{To}";

    public double HeavierPerLaneVph => Math.Max(ForwardPerLaneVph, BackwardPerLaneVph);

    public string HeavierName => BackwardPerLaneVph > ForwardPerLaneVph ? BackwardName : ForwardName;
}

/// <summary>A pair's link state: linked or not, since when (seconds), and why (one line for the log and the operations view).</summary>
public sealed record PairLink(string From, string To, bool Linked, double SinceS, string Reason)
{
    public string Key => $"{From}-{To}";
}

/// <summary>
/// SCATS-like linking of neighbouring corridor members into coordinated groups, with hysteresis
/// (<see cref="LinkingSettings"/>). <see cref="Decide"/> is the rule for one pair; <see cref="Measure"/> reads the
/// pairs of a corridor from flows; <see cref="Groups"/> cuts the corridor at unlinked pairs.
/// </summary>
public static class CorridorLinking
{
    /// <summary>
    /// The pair's new state at <paramref name="nowS"/> given its <paramref name="previous"/> state (null = none
    /// yet, no hold). The reason names the pair, the deciding figure and its threshold, e.g.
    /// "I012-I013 linked: 1150 veh/h/lane eastbound >= 900, 38 s apart".
    /// </summary>
    public static PairLink Decide(PairMeasure m, PairLink? previous, double nowS, LinkingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        settings ??= LinkingSettings.Default;
        settings.Validate();
        if (previous is not null && (previous.From != m.From || previous.To != m.To))
        {
            throw new ArgumentException($"linking: previous state is for {previous.Key}, the measure for {m.Key}", nameof(previous));
        }

        var wasLinked = previous?.Linked ?? false;
        var flow = m.HeavierPerLaneVph;
        var ratio = Math.Max(m.FromCycleS, m.ToCycleS) / Math.Max(1e-9, Math.Min(m.FromCycleS, m.ToCycleS));
        string? veto = null;
        if (m.TravelTimeS > settings.MaxTravelTimeS)
        {
            veto = $"{F(m.TravelTimeS)} s apart > {F(settings.MaxTravelTimeS)} s (platoons disperse)";
        }
        else if (ratio > settings.MaxCycleRatio)
        {
            veto = $"own cycles {F(m.FromCycleS)} s and {F(m.ToCycleS)} s differ by {ratio.ToString("0.00", CultureInfo.InvariantCulture)}x > {F(settings.MaxCycleRatio)}x";
        }

        var flowText = $"{F(flow)} veh/h/lane {m.HeavierName}";
        bool linked;
        string why;
        if (veto is not null)
        {
            linked = false;
            why = $"{flowText}, {veto}";
        }
        else if (wasLinked)
        {
            linked = flow >= settings.ReleaseFlowPerLaneVph;
            why = linked
                ? $"{flowText} >= release {F(settings.ReleaseFlowPerLaneVph)}, {F(m.TravelTimeS)} s apart"
                : $"{flowText} < release {F(settings.ReleaseFlowPerLaneVph)}";
        }
        else
        {
            linked = flow >= settings.LinkFlowPerLaneVph;
            why = linked
                ? $"{flowText} >= {F(settings.LinkFlowPerLaneVph)}, {F(m.TravelTimeS)} s apart"
                : $"{flowText} < {F(settings.LinkFlowPerLaneVph)}";
        }

        if (previous is not null && linked != wasLinked && nowS - previous.SinceS < settings.MinHoldS)
        {
            var state = wasLinked ? "linked" : "unlinked";
            return previous with { Reason = $"{m.Key} stays {state} (held {F(settings.MinHoldS)} s since {F(previous.SinceS)} s): would change, {why}" };
        }

        var since = previous is not null && linked == wasLinked ? previous.SinceS : nowS;
        return new PairLink(m.From, m.To, linked, since, $"{m.Key} {(linked ? "linked" : "unlinked")}: {why}");
    }

    /// <summary>
    /// The pairs of neighbouring members of <paramref name="corridor"/> as the rule sees them, from flows per
    /// movement (veh/h): the flow arriving at a member on the leg from its neighbour, per inbound lane of that
    /// leg; travel time from the link; each member's own Webster cycle.
    /// </summary>
    public static IReadOnlyList<PairMeasure> Measure(
        Corridor corridor,
        IReadOnlyList<Intersection> members,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> flowsVph,
        WebsterSettings? webster = null)
    {
        ArgumentNullException.ThrowIfNull(corridor);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(flowsVph);
        webster ??= WebsterSettings.Default;
        if (!members.Select(m => m.Id).SequenceEqual(corridor.IntersectionIds))
        {
            throw new ArgumentException($"corridor {corridor.Id}: members ({string.Join(", ", members.Select(m => m.Id))}) must be its intersections in order ({string.Join(", ", corridor.IntersectionIds)})", nameof(members));
        }

        var empty = new Dictionary<string, double>();
        var cycles = members.Select(m => Webster.Plan(m, flowsVph.GetValueOrDefault(m.Id, empty), webster).Plan.Cycle).ToList();
        var result = new List<PairMeasure>();
        for (var i = 1; i < members.Count; i++)
        {
            var (a, b) = (members[i - 1], members[i]);
            var link = corridor.Links.FirstOrDefault(l => (l.From == a.Id && l.To == b.Id) || (l.From == b.Id && l.To == a.Id))
                ?? throw new ArgumentException($"corridor {corridor.Id}: no link between {a.Id} and {b.Id}", nameof(corridor));
            var (legAtA, legAtB) = link.From == a.Id ? (link.FromLeg, link.ToLeg) : (link.ToLeg, link.FromLeg);
            result.Add(new PairMeasure(
                a.Id,
                b.Id,
                DirectionName(legAtA, $"{a.Id}->{b.Id}"),
                ArrivingPerLane(b, legAtB, flowsVph.GetValueOrDefault(b.Id, empty)),
                DirectionName(legAtB, $"{b.Id}->{a.Id}"),
                ArrivingPerLane(a, legAtA, flowsVph.GetValueOrDefault(a.Id, empty)),
                Coordination.TravelTime(link.LengthM, link.SpeedKmh),
                cycles[i - 1],
                cycles[i]));
        }

        return result;
    }

    /// <summary>
    /// The coordinated groups of a corridor: maximal runs of members joined by linked pairs, in corridor
    /// order; members with no linked neighbour are in no group (they run free).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Groups(IReadOnlyList<string> memberIds, IEnumerable<PairLink> pairs)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        ArgumentNullException.ThrowIfNull(pairs);
        var linked = pairs.Where(p => p.Linked).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var groups = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        for (var i = 0; i < memberIds.Count; i++)
        {
            if (i > 0 && linked.Contains($"{memberIds[i - 1]}-{memberIds[i]}"))
            {
                current.Add(memberIds[i]);
                continue;
            }

            if (current.Count > 1)
            {
                groups.Add(current);
            }

            current = [memberIds[i]];
        }

        if (current.Count > 1)
        {
            groups.Add(current);
        }

        return groups;
    }

    /// <summary>The part of <paramref name="corridor"/> made of <paramref name="ids"/> (consecutive members), as a corridor of its own.</summary>
    public static Corridor Part(Corridor corridor, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(corridor);
        ArgumentNullException.ThrowIfNull(ids);
        var set = ids.ToHashSet(StringComparer.Ordinal);
        var links = corridor.Links.Where(l => set.Contains(l.From) && set.Contains(l.To)).ToList();
        return new Corridor($"{corridor.Id}:{ids[0]}-{ids[^1]}", corridor.Name, ids, links);
    }

    private static double ArrivingPerLane(Intersection x, string leg, IReadOnlyDictionary<string, double> flows)
    {
        var lanes = x.Legs.FirstOrDefault(l => l.Id == leg)?.InboundLanes ?? 0;
        var flow = x.Movements.Where(m => m.FromLeg == leg).Sum(m => flows.GetValueOrDefault(m.Id));
        return lanes > 0 ? flow / lanes : 0;
    }

    /// <summary>Leaving by leg E means travelling east, and so on; other leg names give "A->B".</summary>
    private static string DirectionName(string leavingLeg, string fallback) => leavingLeg.ToUpperInvariant() switch
    {
        "E" => "eastbound",
        "W" => "westbound",
        "N" => "northbound",
        "S" => "southbound",
        _ => fallback,
    };

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
