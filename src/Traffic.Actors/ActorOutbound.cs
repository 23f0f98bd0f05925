using Akka.Actor;

namespace Traffic.Actors;

/// <summary>Publishes by telling an actor (a test probe, or an egress actor).</summary>
public sealed class ActorOutbound(IActorRef target) : IOutbound
{
    public void Send(IOutboundMessage message) => target.Tell(message, ActorRefs.NoSender);
}
