using System.Diagnostics;
using Akka.Actor;
using Traffic.Signals.Sequencing;
using Xunit.Abstractions;
using static Traffic.Actors.Tests.TestNetworks;

namespace Traffic.Actors.Tests;

public sealed class TrafficRegionSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    [Fact]
    public void Every_intersection_gets_exactly_one_supervisor_the_first_corridor_that_lists_it()
    {
        var ids = new[] { "X1", "X2", "X3", "X4", "X5" };
        var network = Of(
            ids.Select(id => Layout("tee", id)).ToList(),
            Corridor("main", "X1", "X2", "X3"),
            Corridor("cross", "X3", "X4"),
            Corridor("shadowed", "X1", "X2"));

        var assigned = TrafficRegion.Assign(network);

        Assert.Equal(["main", "cross", TrafficRegion.Unassigned], assigned.Keys);
        Assert.Equal(["X1", "X2", "X3"], assigned["main"]);
        Assert.Equal(["X4"], assigned["cross"]);
        Assert.Equal(["X5"], assigned[TrafficRegion.Unassigned]);
        Assert.Equal(ids.Order(), assigned.Values.SelectMany(v => v).Order());
    }

    [Fact]
    public void Routes_by_intersection_and_corridor_id_and_rejects_unknown_ids_without_harm()
    {
        var network = Of([Layout("nema8", "N1"), Layout("tee", "T1")], Corridor("C", "N1"));
        var region = Sys.ActorOf(TrafficRegion.Props(network, new ActorOutbound(CreateTestProbe())));

        region.Tell(new GetState("T1"));
        Assert.Equal((string?)TrafficRegion.Unassigned, ExpectMsg<IntersectionState>().CorridorId);
        region.Tell(new IntersectionEnvelope("N1", new GetState("N1")));
        Assert.Equal("C", ExpectMsg<IntersectionState>().CorridorId);

        region.Tell(new Call("Z9", T0, 2));
        var rejected = ExpectMsg<Rejected>();
        Assert.Equal("Z9", rejected.Target);
        Assert.Contains("unknown intersection 'Z9' in network test", rejected.Reason);
        region.Tell(new GetCorridorState("nope"));
        Assert.Contains("unknown corridor 'nope'", ExpectMsg<Rejected>().Reason);

        region.Tell(new GetCorridorState("C"));
        Assert.Equal(["N1"], ExpectMsg<CorridorState>().IntersectionIds);
        region.Tell(GetAssignments.Instance);
        Assert.Equal(2, ExpectMsg<IReadOnlyDictionary<string, IReadOnlyList<string>>>().Count);
    }

    [Fact]
    public void Two_hundred_fifty_intersections_emit_spat_every_second_for_a_minute_without_faults()
    {
        const int count = 250;
        const int seconds = 60;
        var network = Replicated(count);
        var outbound = new CollectingOutbound();
        var region = Sys.ActorOf(TrafficRegion.Props(network, outbound));

        // The twenty corridors run coordinated (max recall, so they cycle); the other 50 run actuated
        // without detection and may rest in red.
        var cycle = Math.Ceiling(network.Intersections.Max(i => NominalPlan.For(i, TrafficActorSettings.Default).Cycle));
        foreach (var corridor in network.Corridors)
        {
            var offsets = corridor.IntersectionIds.Select((id, k) => (id, k)).ToDictionary(x => x.id, x => (double)(x.k * 7 % (int)cycle));
            region.Tell(new SetCorridorPlan(corridor.Id, T0, cycle, offsets));
            ExpectMsg<Accepted>();
        }

        var clock = Stopwatch.StartNew();
        for (var s = 0; s <= seconds; s++)
        {
            region.Tell(new Tick(T0 + Seconds(s)));
        }

        AwaitCondition(() => outbound.SpatCount >= count * seconds, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
        clock.Stop();
        Output.WriteLine($"{count} intersections x {seconds} s of event time: {outbound.SpatCount} SPaT in {clock.Elapsed.TotalMilliseconds:F0} ms wall time");

        var messages = outbound.Messages;
        Assert.Empty(messages.OfType<SafetyFault>());
        Assert.Empty(messages.OfType<Alarm>());
        Assert.Equal(count + 200, messages.OfType<TimingPlanIssued>().Count()); // a free plan each, then 200 coordinated
        var expected = Enumerable.Range(1, seconds).Select(s => T0 + Seconds(s)).ToList();
        var byIntersection = messages.OfType<SpatSnapshot>().GroupBy(s => s.IntersectionId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(network.Intersections.Select(i => i.Id).Order(), byIntersection.Keys.Order());
        foreach (var (id, spats) in byIntersection)
        {
            Assert.Equal(expected, spats.Select(s => s.Time));
            Assert.All(spats, s => Assert.DoesNotContain(s.Groups, g => g.Indication == Indication.FlashRed));
        }

        // After start-up all-red every coordinated intersection has shown green or walk.
        var coordinated = network.Corridors.SelectMany(c => c.IntersectionIds).ToList();
        Assert.Equal(200, coordinated.Count);
        Assert.All(coordinated, id => Assert.Contains(byIntersection[id], s => s.Groups.Any(g => g.Indication.IsActive())));
        Output.WriteLine($"common cycle {cycle} s; intersections that showed green or walk: {byIntersection.Count(kv => kv.Value.Any(s => s.Groups.Any(g => g.Indication.IsActive())))}");
    }
}
