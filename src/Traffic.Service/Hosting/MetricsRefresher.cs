using Akka.Actor;
using Traffic.Actors;
using Traffic.Mqtt.Streams;
using Traffic.Mqtt.Validation;

namespace Traffic.Service.Hosting;

/// <summary>
/// Brings the pulled metrics up to date before /metrics is written: the gateway's
/// <see cref="WireCounters"/> (added as the difference since the last scrape, so several service
/// instances in one process add up correctly) and the corridor gauges (asked from each corridor
/// supervisor). One per service instance.
/// </summary>
public sealed class MetricsRefresher
{
    private readonly Dictionary<(string Topic, int Field), long> lastWire = [];
    private readonly Dictionary<RejectReason, long> lastReasons = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task RefreshAsync(WireCounters? wire, IActorRef? region, IEnumerable<string> corridors, bool brokerConnected, TimeSpan uptime, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            TrafficMetrics.BrokerConnected.Set(brokerConnected ? 1 : 0);
            TrafficMetrics.UptimeSeconds.Set(uptime.TotalSeconds);
            if (wire is not null)
            {
                AddWire(wire);
            }

            if (region is not null)
            {
                var states = await Task.WhenAll(corridors.Select(c => AskAsync(region, c)));
                foreach (var s in states.OfType<CorridorState>())
                {
                    SetCorridor(s);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<object?> AskAsync(IActorRef region, string corridor)
    {
        try
        {
            return await region.Ask<object>(new GetCorridorState(corridor), TimeSpan.FromSeconds(1));
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private static void SetCorridor(CorridorState s)
    {
        var safe = s.SafeFixedTime.Count;
        var stopped = s.Stopped.Count;
        var rest = s.IntersectionIds.Count - safe - stopped;
        var coordinated = s.Cycle is not null;
        TrafficMetrics.CorridorIntersections.WithLabels(s.CorridorId, "free").Set(coordinated ? 0 : rest);
        TrafficMetrics.CorridorIntersections.WithLabels(s.CorridorId, "coordinated").Set(coordinated ? rest : 0);
        TrafficMetrics.CorridorIntersections.WithLabels(s.CorridorId, "safe_fixed_time").Set(safe);
        TrafficMetrics.CorridorIntersections.WithLabels(s.CorridorId, "stopped").Set(stopped);
        TrafficMetrics.CorridorCycleSeconds.WithLabels(s.CorridorId).Set(s.Cycle ?? 0);
    }

    private void AddWire(WireCounters wire)
    {
        foreach (var c in wire.Snapshot())
        {
            Add(TrafficMetrics.MqttIn, c.Topic, 0, c.In);
            Add(TrafficMetrics.MqttOut, c.Topic, 1, c.Out);
            Add(TrafficMetrics.MqttRejected, c.Topic, 2, c.Rejected);
            Add(TrafficMetrics.MqttDropped, c.Topic, 3, c.Dropped);
        }

        foreach (var (reason, count) in wire.RejectedByReason())
        {
            var delta = count - lastReasons.GetValueOrDefault(reason);
            if (delta > 0)
            {
                TrafficMetrics.MqttRejectedByReason.WithLabels(WireMapping.Camel(reason.ToString())).Inc(delta);
                lastReasons[reason] = count;
            }
        }
    }

    private void Add(Prometheus.Counter counter, string topic, int field, long value)
    {
        var delta = value - lastWire.GetValueOrDefault((topic, field));
        var child = counter.WithLabels(topic); // present (at 0) once the topic has been seen
        if (delta > 0)
        {
            child.Inc(delta);
            lastWire[(topic, field)] = value;
        }
    }
}
