using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Delivery;
using Traffic.Mqtt.Transport;
using Traffic.Mqtt.Validation;

namespace Traffic.Mqtt.Tests;

/// <summary>
/// Round trips through a real broker: the same tests run against the embedded MQTTnet broker and
/// against Mosquitto. A "field" client publishes as a controller or camera would; an observer client
/// reads what the service publishes.
/// </summary>
public abstract class BrokerRoundTrips(StreamsFixture fx, IBrokerFixture broker)
{
    protected MqttGatewayOptions Options => new() { Connection = new MqttConnectionOptions { Port = broker.Port } };

    protected Task<MqttGateway> StartGatewayAsync(Func<InboundMessage, Task> sink) =>
        MqttGateway.StartAsync(Options, TestNetwork.Network, sink, fx.Materializer);

    protected async Task<MqttConnection> ClientAsync(params string[] subscriptions) => await ClientAsync(null, subscriptions);

    private protected async Task<MqttConnection> ClientAsync(Collector<RawInbound>? received, params string[] subscriptions)
    {
        var c = new MqttConnection(new MqttConnectionOptions { Port = broker.Port, Subscriptions = subscriptions });
        if (received is not null)
        {
            c.MessageHandler = (m, _) => { received.Add(m); return ValueTask.CompletedTask; };
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await c.StartAsync(deadline.Token);
        return c;
    }

    protected static Task PublishAsync(MqttConnection field, string topic, byte[] payload) =>
        field.PublishAsync(new OutboundMessage(topic, payload, AtLeastOnce: true, Retain: false, TopicKind.Detectors));

    /// <summary>Steps whose topic the service subscribes to (<see cref="Topics.InboundFilters"/>); others never reach it.</summary>
    private static bool Reachable(DoorStep s)
    {
        var p = s.Topic.Split('/');
        return p.Length == 5 && p[0] == "traffic" && p[2] == "intersections" && p[4] is "detectors" or "cctv" or "status" or "ack";
    }

    [Fact]
    public async Task Broken_messages_are_rejected_with_their_reason_on_the_errors_topic_while_good_ones_between_reach_the_sink()
    {
        var delivered = new Collector<InboundMessage>();
        var errors = new Collector<RawInbound>();
        await using var gateway = await StartGatewayAsync(delivered.AddAsync);
        await using var observer = await ClientAsync(errors, Topics.Errors);
        await using var field = await ClientAsync();

        var script = DoorSteps.Script(Messages.WallNow()).Where(Reachable).ToList();
        var good = script.Where(s => s.Expected is null).ToList();
        var bad = script.Where(s => s.Expected is not null).ToList();
        Assert.True(bad.Count >= 20, $"only {bad.Count} broken kinds reach the broker");
        foreach (var step in script)
        {
            await PublishAsync(field, step.Topic, step.Payload);
        }

        var got = await delivered.WaitCountAsync(good.Count, "good messages at the sink");
        var reports = (await errors.WaitCountAsync(bad.Count, "error reports")).Select(r => WireCodec.Decode<ErrorReport>(r.Payload.Span, WireJsonContext.Default.ErrorReport)).ToList();

        // Brokers keep the order of one publisher's messages per topic, not across topics: compare as sets.
        Assert.Equal(bad.Select(s => $"{s.Topic} {s.Expected} {s.Payload.Length}").Order(), reports.Select(r => $"{r.Topic} {r.Reason} {r.PayloadBytes}").Order());
        Assert.Equal(good.Select(s => s.Topic).Order(), got.Select(m => Topics.Intersection(m.IntersectionId, m.Kind)).Order());
        Assert.Equal(script.Count, gateway.Counters.Snapshot().Where(c => c.Topic != "errors").Sum(c => c.In));
        Assert.Equal(bad.Count, gateway.Counters.Snapshot().Sum(c => c.Rejected));
    }

    [Fact]
    public async Task Detector_readings_arrive_through_ingest_and_a_plan_is_read_back_retained_then_acknowledged()
    {
        var delivered = new Collector<InboundMessage>();
        await using var gateway = await StartGatewayAsync(delivered.AddAsync);
        await using var field = await ClientAsync();
        var messages = new Messages(Messages.WallNow());

        var readings = messages.Detectors();
        await PublishAsync(field, Topics.Detectors("I001"), WireCodec.Encode(readings));
        var first = (await delivered.WaitCountAsync(1, "detector readings"))[0];
        Assert.Equal(("I001", TopicKind.Detectors), (first.IntersectionId, first.Kind));
        Assert.True(DeepEqual.Check(readings, first.Payload, out var diff), diff);

        // A live subscriber sees the plan arrive; a later one gets it from the broker as retained.
        var live = new Collector<RawInbound>();
        await using var liveClient = await ClientAsync(live, Topics.Plan("I002"));
        var sent = await gateway.SendPlanAsync("I002", PlanDeliveryTests.Plan(1) with { Time = Messages.WallNow() });
        await live.WaitCountAsync(1, "the plan at a live subscriber");
        var late = new Collector<RawInbound>();
        await using var lateClient = await ClientAsync(late, Topics.Plan("I002"));
        var retained = (await late.WaitCountAsync(1, "the retained plan"))[0];
        Assert.True(retained.Retained, "the plan is retained at the broker");
        var plan = WireCodec.Decode<TimingPlan>(retained.Payload.Span, WireJsonContext.Default.TimingPlan);
        Assert.True(DeepEqual.Check(sent, plan, out diff), diff);
        Assert.Equal(PlanDeliveryState.AwaitingAck, gateway.Plans.Status("I002")!.State);

        await PublishAsync(field, Topics.Ack("I002"), WireCodec.Encode(messages.Ack(planSeq: sent.Seq)));
        await delivered.WaitAsync(x => x.Any(m => m.Payload is PlanAck), "the ack at the sink");
        Assert.Equal(PlanDeliveryState.Acknowledged, gateway.Plans.Status("I002")!.State);
    }
}

public sealed class EmbeddedBrokerRoundTrips(StreamsFixture fx, EmbeddedBrokerFixture broker)
    : BrokerRoundTrips(fx, broker), IClassFixture<StreamsFixture>, IClassFixture<EmbeddedBrokerFixture>
{
    [Fact]
    public void The_broker_picked_a_free_port()
    {
        Assert.True(broker.Broker.IsRunning);
        Assert.InRange(broker.Port, 1, 65535);
    }
}

public sealed class MosquittoRoundTrips(StreamsFixture fx, MosquittoFixture broker)
    : BrokerRoundTrips(fx, broker), IClassFixture<StreamsFixture>, IClassFixture<MosquittoFixture>;
