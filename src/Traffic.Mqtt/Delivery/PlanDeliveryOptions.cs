namespace Traffic.Mqtt.Delivery;

/// <summary>How long to wait for the controller's ack (event time) and how many times to resend before the alarm.</summary>
public sealed record PlanDeliveryOptions
{
    public static PlanDeliveryOptions Default { get; } = new();

    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxResends { get; init; } = 3;
}
