using Traffic.Actors;
using Traffic.Signals.Model;

namespace Traffic.Service.Hosting;

// What the JSON API returns. Times are ISO-8601 UTC (event time), durations and timings seconds.

public sealed record ApiError(string Error);

public sealed record HealthView(string Status, BrokerHealth Broker, ActorsHealth Actors, int Intersections, double UptimeSeconds);

public sealed record BrokerHealth(bool Connected, bool Embedded, string Address);

public sealed record ActorsHealth(bool Up, int Corridors);

public sealed record CorridorList(IReadOnlyList<CorridorView> Corridors);

public sealed record CorridorView(
    string Id,
    string Name,
    IReadOnlyList<string> Intersections,
    double? CycleS,
    IReadOnlyDictionary<string, double> OffsetsS,
    IReadOnlyList<string> SafeFixedTime,
    IReadOnlyList<string> Stopped,
    IReadOnlyDictionary<string, int> Restarts,
    DateTimeOffset? Time)
{
    /// <summary>Coordinated groups (runs of linked neighbours) with their cycle, offsets and band; members in none run free.</summary>
    public IReadOnlyList<CorridorGroupView> Groups { get; init; } = [];

    /// <summary>Every neighbour pair's link state and the reason for it.</summary>
    public IReadOnlyList<CorridorLinkView> Links { get; init; } = [];

    public static CorridorView From(CorridorState s, Network network) => new(
        s.CorridorId,
        network.Corridors.FirstOrDefault(c => c.Id == s.CorridorId)?.Name ?? (s.CorridorId == TrafficRegion.Unassigned ? "intersections on no corridor" : s.CorridorId),
        s.IntersectionIds,
        s.Cycle,
        s.Offsets,
        s.SafeFixedTime,
        s.Stopped,
        s.Restarts,
        s.Time > 0 ? EventTime.ToDateTimeOffset(s.Time) : null)
    {
        Groups = [.. s.Groups.Select(g => new CorridorGroupView(g.IntersectionIds, g.Cycle, g.Offsets, g.InboundPeak ? "inbound" : "outbound", g.Bandwidth))],
        Links = [.. s.Links.Select(l => new CorridorLinkView(l.From, l.To, l.Linked, l.Reason))],
    };
}

public sealed record CorridorGroupView(IReadOnlyList<string> Intersections, double CycleS, IReadOnlyDictionary<string, double> OffsetsS, string PeakDirection, double BandwidthS);

public sealed record CorridorLinkView(string From, string To, bool Linked, string Reason);

public sealed record SignalGroupView(string Name, string Kind, string Indication, DateTimeOffset MinEnd, DateTimeOffset? MaxEnd);

public sealed record PhaseSplitView(int Phase, double SplitS, double GreenS);

public sealed record PlanView(long Seq, long AckedSeq, double CycleS, double OffsetS, IReadOnlyList<IReadOnlyList<int>> Rings, IReadOnlyList<PhaseSplitView> Phases);

public sealed record RingView(int Ring, int Phase, string Interval, DateTimeOffset Since);

public sealed record IntersectionView(
    string Id,
    string Name,
    string Layout,
    string? Corridor,
    bool Started,
    DateTimeOffset? Time,
    string Mode,
    string Policy,
    PlanView Plan,
    IReadOnlyList<SignalGroupView> Groups,
    IReadOnlyList<RingView> Rings,
    bool Preempted,
    bool Manual,
    string? Fault,
    IReadOnlyList<int>? FieldPhases,
    IReadOnlyList<string>? FieldFaults,
    int Restarts,
    int RejectedInputs,
    int LateInputs,
    int FieldStatusChecked,
    double? FieldAgreementPercent)
{
    public static IntersectionView From(IntersectionState s, Intersection i) => new(
        s.IntersectionId,
        i.Name,
        i.Layout,
        s.CorridorId,
        s.Started,
        s.Started ? EventTime.ToDateTimeOffset(s.Time) : null,
        WireMapping.ModeName(s.Mode),
        s.Policy,
        new PlanView(s.PlanSeq, s.AckedSeq, s.Plan.Cycle, s.Plan.Offset, s.Plan.Sequence, [.. s.Plan.Splits.Select(p => new PhaseSplitView(p.Phase, p.Split, p.Green))]),
        [.. s.Groups.Select(g => new SignalGroupView(
            g.Name,
            g.Kind == SignalGroupKind.Vehicle ? "vehicle" : "pedestrian",
            WireMapping.Camel(g.Indication.ToString()),
            EventTime.ToDateTimeOffset(g.MinEnd),
            g.MaxEnd is { } max ? EventTime.ToDateTimeOffset(max) : null))],
        [.. s.Rings.Select(r => new RingView(r.Ring, r.Phase, WireMapping.Camel(r.Interval.ToString()), EventTime.ToDateTimeOffset(r.IntervalStart)))],
        s.Preempted,
        s.Manual,
        s.Fault?.ToString(),
        s.FieldStatus?.CurrentPhases,
        s.FieldStatus?.Faults,
        s.Restarts,
        s.RejectedInputs,
        s.LateInputs,
        s.FieldAgreement.Checked,
        s.FieldAgreement.Checked > 0 ? Math.Round(100.0 * s.FieldAgreement.Agreeing / s.FieldAgreement.Checked, 1) : null);
}
