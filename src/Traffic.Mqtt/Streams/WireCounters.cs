using System.Collections.Concurrent;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Validation;

namespace Traffic.Mqtt.Streams;

/// <summary>
/// Message counts per topic kind ("detectors", "spat", ..., "unknown" for topics that do not parse):
/// In = entered ingest or egress, Out = delivered to the sink or published, Rejected = refused at the
/// door (also per reason), Dropped = could not keep up or could not be delivered. Nothing leaves
/// ingest or egress without being counted in one of Out, Rejected, Dropped. Thread-safe; labels are
/// low-cardinality so the host can export them as metrics directly.
/// </summary>
public sealed class WireCounters
{
    private readonly ConcurrentDictionary<string, Cells> topics = new(StringComparer.Ordinal);
    private readonly long[] reasons = new long[Enum.GetValues<RejectReason>().Length];

    public static string KeyOf(string topic) => Topics.TryParse(topic, out var a) ? Topics.Segment(a.Kind) : "unknown";

    public static string KeyOf(TopicKind kind) => Topics.Segment(kind);

    public void In(string key) => Interlocked.Increment(ref Get(key).In);

    public void Out(string key) => Interlocked.Increment(ref Get(key).Out);

    public void Dropped(string key) => Interlocked.Increment(ref Get(key).Dropped);

    public void Rejected(string key, RejectReason reason)
    {
        Interlocked.Increment(ref Get(key).Rejected);
        Interlocked.Increment(ref reasons[(int)reason]);
    }

    public TopicCount For(string key) => topics.TryGetValue(key, out var c) ? c.Snapshot(key) : new TopicCount(key, 0, 0, 0, 0);

    public IReadOnlyList<TopicCount> Snapshot() =>
        [.. topics.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value.Snapshot(t.Key))];

    public long RejectedFor(RejectReason reason) => Interlocked.Read(ref reasons[(int)reason]);

    public IReadOnlyDictionary<RejectReason, long> RejectedByReason() =>
        Enum.GetValues<RejectReason>().Where(r => RejectedFor(r) > 0).ToDictionary(r => r, RejectedFor);

    private Cells Get(string key) => topics.GetOrAdd(key, _ => new Cells());

    private sealed class Cells
    {
        public long In;
        public long Out;
        public long Rejected;
        public long Dropped;

        public TopicCount Snapshot(string key) =>
            new(key, Interlocked.Read(ref In), Interlocked.Read(ref Out), Interlocked.Read(ref Rejected), Interlocked.Read(ref Dropped));
    }
}

/// <summary>Counts of one topic kind at one moment.</summary>
public sealed record TopicCount(string Topic, long In, long Out, long Rejected, long Dropped);
