using Akka.Streams;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Delivery;
using Traffic.Mqtt.Streams;
using Traffic.Mqtt.Transport;
using Traffic.Mqtt.Validation;
using Traffic.Signals.Model;

namespace Traffic.Mqtt;

/// <summary>
/// The service's MQTT side in one piece: connection (with reconnect), ingest (validated messages to
/// the sink), egress (plans, commands, SPaT, alarms, errors) and plan delivery (acks, resends, alarms,
/// resend-all after a reconnect). Acks go to plan delivery and then to the sink like every other
/// inbound message. The gateway stamps <see cref="WireMessage.Source"/> and <see cref="WireMessage.Seq"/>
/// of everything it publishes; the caller sets the event time. The wall clock (the TimeProvider) is
/// used only for receive times and the delivery tick: this is the live driver's edge.
/// </summary>
public sealed class MqttGateway : IAsyncDisposable
{
    private readonly Func<InboundMessage, Task> sink;
    private readonly TimeProvider time;
    private readonly OutboundSequence sequence;
    private ITimer? tick;

    private MqttGateway(MqttGatewayOptions options, Network network, Func<InboundMessage, Task> sink, IMaterializer materializer, TimeProvider time)
    {
        Options = options;
        this.sink = sink;
        this.time = time;
        sequence = new OutboundSequence(time.GetUtcNow().ToUnixTimeMilliseconds());
        Plans = new PlanDelivery(options.Delivery);
        Connection = new MqttConnection(options.Connection, time);
        Egress = new MqttEgress(Connection.PublishAsync, materializer, Counters, options.Egress, time);
        Ingest = new MqttIngest(new InboundValidator(network, options.Validator), DeliverAsync, materializer, Counters, Egress.TryEnqueue, sequence, options.Ingest with { ServiceId = options.ServiceId });
        Connection.MessageHandler = Ingest.OnReceivedAsync;
        Connection.Reconnected += OnReconnectedAsync;
    }

    public MqttGatewayOptions Options { get; }

    public WireCounters Counters { get; } = new();

    public PlanDelivery Plans { get; }

    public MqttConnection Connection { get; }

    public MqttIngest Ingest { get; }

    public MqttEgress Egress { get; }

    /// <summary>Connects (retrying until <paramref name="ct"/>), subscribes to the inbound topics and starts the delivery tick.</summary>
    public static async Task<MqttGateway> StartAsync(
        MqttGatewayOptions options,
        Network network,
        Func<InboundMessage, Task> sink,
        IMaterializer materializer,
        TimeProvider? time = null,
        CancellationToken ct = default)
    {
        var gateway = new MqttGateway(options, network, sink, materializer, time ?? TimeProvider.System);
        try
        {
            await gateway.Connection.StartAsync(ct);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        gateway.tick = gateway.time.CreateTimer(_ => gateway.Execute(gateway.Plans.Tick(gateway.time.GetUtcNow())), null, options.DeliveryTick, options.DeliveryTick);
        return gateway;
    }

    /// <summary>Sends a new timing plan (QoS 1, retained) and tracks its ack. Returns the plan as sent (with its sequence number).</summary>
    public async ValueTask<TimingPlan> SendPlanAsync(string intersectionId, TimingPlan plan, CancellationToken ct = default)
    {
        var stamped = plan with { Source = Options.ServiceId, Seq = sequence.Next(Topics.Plan(intersectionId)) };
        var publish = Plans.Submit(intersectionId, stamped, time.GetUtcNow());
        await Egress.EnqueueAsync(OutboundMessage.Plan(publish.IntersectionId, publish.Plan), ct);
        return stamped;
    }

    public async ValueTask SendCommandAsync(string intersectionId, SignalCommand command, CancellationToken ct = default) =>
        await Egress.EnqueueAsync(OutboundMessage.Command(intersectionId, command with { Source = Options.ServiceId, Seq = sequence.Next(Topics.Command(intersectionId)) }), ct);

    /// <summary>Queues a SPaT message without waiting; false (counted as dropped) when egress is full.</summary>
    public bool PublishSpat(string intersectionId, SpatMessage spat) =>
        Egress.TryEnqueue(OutboundMessage.Spat(intersectionId, spat with { Source = Options.ServiceId, Seq = sequence.Next(Topics.Spat(intersectionId)) }));

    public async ValueTask RaiseAlarmAsync(Alarm alarm, CancellationToken ct = default) =>
        await Egress.EnqueueAsync(OutboundMessage.ForAlarm(alarm with { Source = Options.ServiceId, Seq = sequence.Next(Topics.Alarms) }), ct);

    public async ValueTask DisposeAsync()
    {
        if (tick is not null)
        {
            await tick.DisposeAsync();
        }

        // Input stops first (later arrivals are counted as dropped), what is queued goes out while the
        // connection is still up, then the connection closes.
        await Ingest.CompleteAsync();
        await Egress.DisposeAsync();
        await Connection.DisposeAsync();
    }

    private async Task DeliverAsync(InboundMessage message)
    {
        if (message.Payload is PlanAck ack)
        {
            Execute(Plans.OnAck(message.IntersectionId, ack, ack.Time));
        }

        await sink(message);
    }

    private Task OnReconnectedAsync()
    {
        Execute(Plans.ResendAll(time.GetUtcNow()));
        return Task.CompletedTask;
    }

    private void Execute(IEnumerable<DeliveryAction> actions)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case PublishPlan p:
                    Egress.TryEnqueue(OutboundMessage.Plan(p.IntersectionId, p.Plan));
                    break;
                case PlanAlarm a:
                    Egress.TryEnqueue(OutboundMessage.ForAlarm(new Alarm
                    {
                        Source = Options.ServiceId,
                        Seq = sequence.Next(Topics.Alarms),
                        Time = time.GetUtcNow(),
                        Intersection = a.IntersectionId,
                        Severity = a.Severity,
                        Code = a.Code,
                        Detail = a.Detail,
                    }));
                    break;
            }
        }
    }
}
