using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Traffic.Actors;
using Traffic.Mqtt;
using Traffic.Signals.Model;

namespace Traffic.Service.Hosting;

/// <summary>
/// The actors' <see cref="IOutbound"/>: <see cref="Send"/> never blocks (a bounded channel; what does
/// not fit, or comes after <see cref="CompleteAsync"/>, is dropped and counted in
/// <see cref="TrafficMetrics.OutboundDropped"/>). One pump task takes the messages out in order and
/// hands them to the MQTT gateway once it is attached: SPaT without waiting, plans and alarms awaiting
/// the egress queue. A <see cref="SafetyFault"/> is counted; the critical alarm the actor raises with
/// it is what reaches the wire.
/// </summary>
public sealed class OutboundPump : IOutbound
{
    private readonly Channel<IOutboundMessage> channel;
    private readonly Network network;
    private readonly ILogger logger;
    private readonly PlanNumbers planNumbers;
    private Task? pump;

    public OutboundPump(int capacity, Network network, PlanNumbers planNumbers, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        channel = Channel.CreateBounded<IOutboundMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: Send counts the drop
            SingleReader = true,
            SingleWriter = false,
        });
        this.network = network;
        this.planNumbers = planNumbers;
        this.logger = logger;
    }

    /// <summary>Messages waiting for the gateway.</summary>
    public int Pending => channel.Reader.Count;

    public void Send(IOutboundMessage message)
    {
        var kind = KindOf(message);
        if (channel.Writer.TryWrite(message))
        {
            TrafficMetrics.Outbound.WithLabels(kind).Inc();
        }
        else
        {
            TrafficMetrics.OutboundDropped.WithLabels(kind).Inc();
        }

        switch (message)
        {
            case Alarm a:
                TrafficMetrics.Alarms.WithLabels(SeverityName(a.Severity), a.Code).Inc();
                if (a.Code == "intersection-restarted")
                {
                    TrafficMetrics.ActorRestarts.WithLabels(a.CorridorId ?? TrafficRegion.Unassigned).Inc();
                }

                break;
            case SafetyFault:
                TrafficMetrics.SafetyFaults.Inc();
                break;
        }
    }

    /// <summary>Starts handing messages to <paramref name="gateway"/>.</summary>
    public void Attach(MqttGateway gateway)
    {
        if (pump is not null)
        {
            throw new InvalidOperationException("the outbound pump is already attached");
        }

        pump = Task.Run(() => RunAsync(gateway));
    }

    /// <summary>Stops taking messages (later ones are dropped and counted) and waits until the queued ones are handed over.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        channel.Writer.TryComplete();
        if (pump is not null)
        {
            await pump.WaitAsync(ct);
        }
    }

    private async Task RunAsync(MqttGateway gateway)
    {
        await foreach (var message in channel.Reader.ReadAllAsync())
        {
            try
            {
                switch (message)
                {
                    case SpatSnapshot s:
                        gateway.PublishSpat(s.IntersectionId, WireMapping.ToSpat(s)); // a full egress counts the drop itself
                        break;
                    case TimingPlanIssued p:
                        var sent = await gateway.SendPlanAsync(p.IntersectionId, WireMapping.ToPlan(network.Intersection(p.IntersectionId), p));
                        planNumbers.Record(p.IntersectionId, sent.Seq, p.Seq);
                        break;
                    case Alarm a:
                        await gateway.RaiseAlarmAsync(WireMapping.ToAlarm(a));
                        break;
                    case FieldCommandIssued c:
                        await gateway.SendCommandAsync(c.IntersectionId, WireMapping.ToCommand(c));
                        break;
                }
            }
            catch (Exception e)
            {
                // One bad message must not stop the pump; the egress counts what it could not publish.
                TrafficMetrics.OutboundDropped.WithLabels(KindOf(message)).Inc();
                logger.LogWarning(e, "could not hand {Kind} to the MQTT egress", KindOf(message));
            }
        }
    }

    private static string SeverityName(AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Info => "info",
        AlarmSeverity.Warning => "warning",
        _ => "critical",
    };

    private static string KindOf(IOutboundMessage message) => message switch
    {
        SpatSnapshot => "spat",
        TimingPlanIssued => "plan",
        Alarm => "alarm",
        FieldCommandIssued => "command",
        SafetyFault => "safety_fault",
        _ => "other",
    };
}
