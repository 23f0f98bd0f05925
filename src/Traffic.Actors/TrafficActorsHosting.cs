using Akka.DependencyInjection;
using Akka.Hosting;
using Traffic.Control;
using Traffic.Signals.Model;

namespace Traffic.Actors;

/// <summary>
/// Akka.Hosting wiring. The host calls <see cref="WithTrafficActors(AkkaConfigurationBuilder, Network, IOutbound, TrafficActorSettings?, Func{Intersection, ISignalPolicy}?)"/>
/// (and <see cref="WithLiveClock"/> for live operation), then takes <c>IRequiredActor&lt;TrafficRegion&gt;</c>
/// wherever it needs to send inputs, commands and queries.
/// </summary>
public static class TrafficActorsHosting
{
    /// <summary>Starts the <see cref="TrafficRegion"/> ("traffic") for the network and registers it.</summary>
    public static AkkaConfigurationBuilder WithTrafficActors(
        this AkkaConfigurationBuilder builder,
        Network network,
        IOutbound outbound,
        TrafficActorSettings? settings = null,
        Func<Intersection, ISignalPolicy>? freePolicy = null) =>
        builder.WithTrafficActors(network, _ => outbound, settings, freePolicy);

    /// <summary>As above, with the outbound publisher taken from the service provider (for example the MQTT egress).</summary>
    public static AkkaConfigurationBuilder WithTrafficActors(
        this AkkaConfigurationBuilder builder,
        Network network,
        Func<IDependencyResolver, IOutbound> outbound,
        TrafficActorSettings? settings = null,
        Func<Intersection, ISignalPolicy>? freePolicy = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        TrafficRegion.Assign(network); // fail at configuration time, not inside the actor system
        return builder.WithActors((system, registry, resolver) =>
        {
            var region = system.ActorOf(TrafficRegion.Props(network, outbound(resolver), settings, freePolicy), "traffic");
            registry.Register<TrafficRegion>(region);
        });
    }

    /// <summary>Starts the live driver ("clock"): a <see cref="Tick"/> of wall-clock event time to the region every <paramref name="period"/>.</summary>
    public static AkkaConfigurationBuilder WithLiveClock(this AkkaConfigurationBuilder builder, TimeSpan period) =>
        builder.WithActors((system, registry) =>
        {
            var region = registry.Get<TrafficRegion>();
            registry.Register<LiveClock>(system.ActorOf(LiveClock.Props(region, period), "clock"));
        });
}
