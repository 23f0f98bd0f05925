using System.Collections.Concurrent;

namespace Traffic.Actors.Tests;

/// <summary>Keeps everything published, for tests that count rather than expect one by one.</summary>
internal sealed class CollectingOutbound : IOutbound
{
    private readonly ConcurrentQueue<IOutboundMessage> messages = new();
    private int spats;

    public int SpatCount => Volatile.Read(ref spats);

    public IReadOnlyList<IOutboundMessage> Messages => messages.ToArray();

    public void Send(IOutboundMessage message)
    {
        messages.Enqueue(message);
        if (message is SpatSnapshot)
        {
            Interlocked.Increment(ref spats);
        }
    }
}
