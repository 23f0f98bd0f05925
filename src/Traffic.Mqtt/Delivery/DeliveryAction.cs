using Traffic.Mqtt.Contract;

namespace Traffic.Mqtt.Delivery;

/// <summary>What <see cref="PlanDelivery"/> asks its owner to do: publish a plan, or raise an alarm.</summary>
public abstract record DeliveryAction(string IntersectionId);

/// <summary>Publish <paramref name="Plan"/> on the intersection's plan topic (QoS 1, retained). <paramref name="Attempt"/> 0 is the first send.</summary>
public sealed record PublishPlan(string IntersectionId, TimingPlan Plan, int Attempt) : DeliveryAction(IntersectionId);

/// <summary>Raise an alarm: <paramref name="Code"/> is "planNotAcknowledged", "planRejected" or "planAcknowledgedLate".</summary>
public sealed record PlanAlarm(string IntersectionId, long PlanSeq, AlarmSeverity Severity, string Code, string Detail) : DeliveryAction(IntersectionId);
