using Akka.Actor;

namespace Traffic.Actors.Tests;

/// <summary>
/// Forwards to a probe, but once armed for an intersection throws on that intersection's next
/// SPaT or plan messages: a failing egress, which crashes the intersection actor that publishes.
/// </summary>
internal sealed class ArmedOutbound(IActorRef probe) : IOutbound
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> armed = [];

    public void Arm(string intersectionId, int failures)
    {
        lock (gate)
        {
            armed[intersectionId] = failures;
        }
    }

    public void Send(IOutboundMessage message)
    {
        var id = message switch
        {
            SpatSnapshot s => s.IntersectionId,
            TimingPlanIssued p => p.IntersectionId,
            _ => null,
        };
        lock (gate)
        {
            if (id is not null && armed.TryGetValue(id, out var left) && left > 0)
            {
                armed[id] = left - 1;
                throw new InvalidOperationException($"egress failure injected for {id}");
            }
        }

        probe.Tell(message);
    }
}
