using Prometheus;

namespace Traffic.Service.Hosting;

/// <summary>
/// Every metric the service exports on /metrics (prometheus-net default registry). Labels are
/// low-cardinality: topic kind, input kind, result, corridor, alarm code and severity; never an
/// intersection or a vehicle.
/// </summary>
public static class TrafficMetrics
{
    private static readonly string[] Topic = ["topic"];

    /// <summary>MQTT messages that entered ingest or egress, per topic kind (from the gateway's WireCounters).</summary>
    public static readonly Counter MqttIn = Metrics.CreateCounter("traffic_mqtt_in_total", "MQTT messages that entered ingest (inbound kinds) or egress (outbound kinds).", Topic);

    /// <summary>Delivered to the actors (inbound) or published to the broker (outbound).</summary>
    public static readonly Counter MqttOut = Metrics.CreateCounter("traffic_mqtt_out_total", "MQTT messages delivered to the actors (inbound kinds) or published (outbound kinds).", Topic);

    public static readonly Counter MqttRejected = Metrics.CreateCounter("traffic_mqtt_rejected_total", "Inbound MQTT messages rejected at the door (reported on traffic/v1/errors).", Topic);

    public static readonly Counter MqttRejectedByReason = Metrics.CreateCounter("traffic_mqtt_rejected_reasons_total", "Inbound MQTT messages rejected at the door, per reason code.", "reason");

    public static readonly Counter MqttDropped = Metrics.CreateCounter("traffic_mqtt_dropped_total", "MQTT messages that could not keep up or could not be delivered.", Topic);

    /// <summary>Replies of the intersections to validated inputs: accepted, rejected, timeout (no reply: the actor crashed on it), failed.</summary>
    public static readonly Counter Inputs = Metrics.CreateCounter("traffic_inputs_total", "Validated inputs handed to the intersection actors, by reply.", "kind", "result");

    /// <summary>How long an input takes from the Ask to the intersection's reply (the decision step included).</summary>
    public static readonly Histogram DecisionSeconds = Metrics.CreateHistogram(
        "traffic_decision_seconds",
        "Time from handing an input to the actors to their reply (advance, decide, apply).",
        new HistogramConfiguration
        {
            LabelNames = ["kind"],
            Buckets = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        });

    /// <summary>What the actors handed to the egress, per kind (spat, plan, alarm, safety_fault).</summary>
    public static readonly Counter Outbound = Metrics.CreateCounter("traffic_outbound_total", "Messages the actors handed to the MQTT egress.", "kind");

    /// <summary>What did not fit into the bounded queue between the actors and the egress.</summary>
    public static readonly Counter OutboundDropped = Metrics.CreateCounter("traffic_outbound_dropped_total", "Actor outputs dropped because the queue to the egress was full or closed.", "kind");

    public static readonly Counter Alarms = Metrics.CreateCounter("traffic_alarms_total", "Alarms raised by the actors, by severity and code.", "severity", "code");

    public static readonly Counter ActorRestarts = Metrics.CreateCounter("traffic_actor_restarts_total", "Intersection actors restarted by their corridor supervisor.", "corridor");

    public static readonly Counter SafetyFaults = Metrics.CreateCounter("traffic_safety_faults_total", "Safety monitor faults latched (intersection in all-red flash).");

    /// <summary>Intersections per corridor supervisor and operating mode (free, coordinated, safe_fixed_time, stopped).</summary>
    public static readonly Gauge CorridorIntersections = Metrics.CreateGauge("traffic_corridor_intersections", "Intersections of a corridor supervisor per operating mode.", "corridor", "mode");

    /// <summary>The corridor's common cycle, 0 when it runs free.</summary>
    public static readonly Gauge CorridorCycleSeconds = Metrics.CreateGauge("traffic_corridor_cycle_seconds", "Common cycle of a coordinated corridor; 0 when free.", "corridor");

    public static readonly Gauge Intersections = Metrics.CreateGauge("traffic_intersections", "Intersections in the loaded network.");

    public static readonly Gauge BrokerConnected = Metrics.CreateGauge("traffic_broker_connected", "1 while the service is connected to the MQTT broker.");

    public static readonly Gauge UptimeSeconds = Metrics.CreateGauge("traffic_uptime_seconds", "Seconds since the service started.");
}
