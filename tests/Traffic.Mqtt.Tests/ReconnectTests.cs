using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Transport;
using Traffic.Mqtt.Validation;

namespace Traffic.Mqtt.Tests;

/// <summary>The broker goes away and comes back (losing its retained plans); the gateway reconnects and resends every latest plan.</summary>
public sealed class ReconnectTests(StreamsFixture fx) : IClassFixture<StreamsFixture>
{
    [Fact]
    public void Backoff_doubles_from_the_initial_delay_up_to_the_cap()
    {
        var initial = TimeSpan.FromMilliseconds(200);
        var max = TimeSpan.FromSeconds(5);
        Assert.Equal([200, 400, 800, 1600, 3200, 5000, 5000], Enumerable.Range(0, 7).Select(a => Backoff.Delay(a, initial, max).TotalMilliseconds));
        Assert.Equal(max, Backoff.Delay(1000, initial, max));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(-1, initial, max));
    }

    [Fact]
    public async Task After_a_broker_restart_the_gateway_reconnects_resends_the_latest_plans_and_ingest_flows_again()
    {
        await using var broker = await EmbeddedBroker.StartAsync(port: 0);
        var delivered = new Collector<InboundMessage>();
        var options = new MqttGatewayOptions { Connection = new MqttConnectionOptions { Port = broker.Port, InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500) } };
        await using var gateway = await MqttGateway.StartAsync(options, TestNetwork.Network, delivered.AddAsync, fx.Materializer);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Connection.Reconnected += () => { reconnected.TrySetResult(); return Task.CompletedTask; };

        var plan1 = await gateway.SendPlanAsync("I001", PlanDeliveryTests.Plan(1));
        var plan2 = await gateway.SendPlanAsync("I002", PlanDeliveryTests.Plan(1));
        await ReadPlansAsync(broker.Port, 2);

        await broker.StopAsync();
        await broker.RestartAsync();
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, gateway.Connection.Reconnects);

        var plans = await ReadPlansAsync(broker.Port, 2);
        Assert.Equal(
            [("I001", plan1.Seq), ("I002", plan2.Seq)],
            plans.Select(p => (Topics.TryParse(p.Topic, out var a) ? a.IntersectionId! : "?", WireCodec.Decode<TimingPlan>(p.Payload.Span, WireJsonContext.Default.TimingPlan).Seq)).Distinct().Order());

        await using var field = new MqttConnection(new MqttConnectionOptions { Port = broker.Port, Subscriptions = [] });
        await field.StartAsync();
        await field.PublishAsync(new OutboundMessage(Topics.Status("I001"), WireCodec.Encode(new Messages(Messages.WallNow()).Status()), true, false, TopicKind.Status));
        var status = (await delivered.WaitCountAsync(1, "status after the reconnect"))[0];
        Assert.Equal(TopicKind.Status, status.Kind);
    }

    private static async Task<IReadOnlyList<RawInbound>> ReadPlansAsync(int port, int count)
    {
        var got = new Collector<RawInbound>();
        await using var reader = new MqttConnection(new MqttConnectionOptions { Port = port, Subscriptions = [$"{Topics.Prefix}/intersections/+/plan"] })
        {
            MessageHandler = (m, _) => { got.Add(m); return ValueTask.CompletedTask; },
        };
        await reader.StartAsync();
        // Retained or live: the broker restarted empty, so whatever arrives after the restart was resent.
        return await got.WaitAsync(x => x.Select(m => m.Topic).Distinct().Count() >= count, $"plans of {count} intersections");
    }
}
