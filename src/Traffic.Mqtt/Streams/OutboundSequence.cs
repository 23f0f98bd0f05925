using System.Collections.Concurrent;

namespace Traffic.Mqtt.Streams;

/// <summary>
/// Per-topic sequence numbers for what the service publishes. Seeded with a start value (the host
/// passes the start time in Unix milliseconds) so numbers keep rising across service restarts and a
/// controller never sees a new plan with a lower number than the one before.
/// </summary>
public sealed class OutboundSequence(long start)
{
    private readonly ConcurrentDictionary<string, StrongBox> next = new(StringComparer.Ordinal);

    public long Next(string topic) => Interlocked.Increment(ref next.GetOrAdd(topic, _ => new StrongBox(start)).Value);

    private sealed class StrongBox(long value)
    {
        public long Value = value;
    }
}
