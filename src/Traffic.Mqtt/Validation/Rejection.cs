namespace Traffic.Mqtt.Validation;

/// <summary>Why a message was refused: a reason code and a detail naming the field and the value.</summary>
public sealed record Rejection(RejectReason Reason, string Detail);
