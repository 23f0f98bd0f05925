using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Traffic.Actors;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Validation;
using Traffic.Signals.Model;

namespace Traffic.Service.Hosting;

/// <summary>
/// The MQTT ingest's sink: turns each validated <see cref="InboundMessage"/> into the actor input and
/// Asks the region. Awaiting the reply is the back-pressure (the ingest keeps a bounded number of
/// calls in flight). Every reply is counted (<see cref="TrafficMetrics.Inputs"/>) and timed
/// (<see cref="TrafficMetrics.DecisionSeconds"/>). A refused plan ack is not an input (the gateway
/// raises its alarm); an ack of a plan this service sent is translated to the actor's plan number.
/// </summary>
public sealed class InboundBridge(IActorRef region, Network network, PlanNumbers planNumbers, TimeSpan askTimeout, ILogger logger)
{
    public async Task DeliverAsync(InboundMessage message)
    {
        var kind = Topics.Segment(message.Kind);
        var input = ToInput(message);
        if (input is null)
        {
            TrafficMetrics.Inputs.WithLabels(kind, "refused").Inc();
            return;
        }

        var clock = Stopwatch.StartNew();
        string result;
        try
        {
            var reply = await region.Ask<object>(input, askTimeout);
            result = reply switch
            {
                Accepted => "accepted",
                Rejected r => Rejected(r),
                _ => "failed",
            };
        }
        catch (AskTimeoutException)
        {
            result = "timeout";
            logger.LogWarning("{Intersection}: no reply to {Kind} within {Timeout} s", message.IntersectionId, kind, askTimeout.TotalSeconds);
        }

        TrafficMetrics.DecisionSeconds.WithLabels(kind).Observe(clock.Elapsed.TotalSeconds);
        TrafficMetrics.Inputs.WithLabels(kind, result).Inc();
    }

    private IIntersectionInput? ToInput(InboundMessage message) => message.Payload switch
    {
        DetectorReadings d => WireMapping.FromDetectors(network.Intersection(message.IntersectionId), d),
        Mqtt.Contract.CctvCounts c => WireMapping.FromCctv(message.IntersectionId, c),
        Mqtt.Contract.CctvTracks t => WireMapping.FromTracks(network.Intersection(message.IntersectionId), t),
        Mqtt.Contract.ControllerStatus s => WireMapping.FromStatus(message.IntersectionId, s),
        Mqtt.Contract.PlanAck { Accepted: false } => null,
        Mqtt.Contract.PlanAck a => WireMapping.FromAck(message.IntersectionId, a, planNumbers.ActorSeq(message.IntersectionId, a.PlanSeq) ?? a.PlanSeq),
        _ => throw new ArgumentException($"{message.IntersectionId}: no actor input for a {message.Kind} message", nameof(message)),
    };

    private string Rejected(Rejected r)
    {
        logger.LogDebug("input rejected by {Target}: {Reason}", r.Target, r.Reason);
        return "rejected";
    }
}
