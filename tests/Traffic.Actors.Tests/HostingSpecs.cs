using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Traffic.Actors.Tests.TestNetworks;

namespace Traffic.Actors.Tests;

public sealed class HostingSpecs
{
    [Fact]
    public async Task WithTrafficActors_registers_the_region_for_IRequiredActor()
    {
        var network = Of([Layout("two-phase", "H1")]);
        var outbound = new CollectingOutbound();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka("traffic-test", akka => akka.WithTrafficActors(network, outbound));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var region = await host.Services.GetRequiredService<IRequiredActor<TrafficRegion>>().GetAsync();
            region.Tell(new Tick(T0));
            region.Tell(new Tick(T0 + Seconds(3)));
            var state = await region.Ask<IntersectionState>(new GetState("H1"), TimeSpan.FromSeconds(5));
            Assert.Equal(T0 + Seconds(3), state.Time);
            Assert.Equal(3, outbound.SpatCount);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void A_corridor_named_like_the_unassigned_supervisor_is_refused_at_configuration()
    {
        var network = Of([Layout("tee", "H1")], Corridor(TrafficRegion.Unassigned, "H1"));
        var e = Assert.Throws<ArgumentException>(() => TrafficRegion.Assign(network));
        Assert.Contains("may not be called 'unassigned'", e.Message);
    }
}
