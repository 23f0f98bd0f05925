using Traffic.Mqtt.Delivery;
using Traffic.Mqtt.Streams;
using Traffic.Mqtt.Transport;
using Traffic.Mqtt.Validation;

namespace Traffic.Mqtt;

/// <summary>Everything the gateway needs to know; every part has working defaults except the broker address.</summary>
public sealed record MqttGatewayOptions
{
    public MqttConnectionOptions Connection { get; init; } = new();

    public ValidatorOptions Validator { get; init; } = ValidatorOptions.Default;

    public IngestOptions Ingest { get; init; } = IngestOptions.Default;

    public EgressOptions Egress { get; init; } = EgressOptions.Default;

    public PlanDeliveryOptions Delivery { get; init; } = PlanDeliveryOptions.Default;

    /// <summary>The source name on everything the service publishes.</summary>
    public string ServiceId { get; init; } = "traffic-service";

    /// <summary>How often plan acks are checked (resends, alarms).</summary>
    public TimeSpan DeliveryTick { get; init; } = TimeSpan.FromSeconds(1);
}
