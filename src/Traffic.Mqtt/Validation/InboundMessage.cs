using Traffic.Mqtt.Contract;

namespace Traffic.Mqtt.Validation;

/// <summary>
/// A validated inbound message, ready for the intersection actor: which intersection, what kind, the
/// typed payload (<see cref="DetectorReadings"/>, <see cref="CctvCounts"/>, <see cref="ControllerStatus"/>
/// or <see cref="PlanAck"/>) and when the service received it. Decisions use <c>Payload.Time</c>.
/// </summary>
public sealed record InboundMessage(string IntersectionId, TopicKind Kind, WireMessage Payload, DateTimeOffset ReceivedAt);
