namespace Traffic.Mqtt.Contract;

/// <summary>
/// In, <c>traffic/v1/intersections/{id}/ack</c>: the controller took (or refused) the timing plan
/// with sequence number <see cref="PlanSeq"/>. <see cref="Reason"/> says why when refused.
/// </summary>
public sealed record PlanAck : WireMessage
{
    public required long PlanSeq { get; init; }

    public required bool Accepted { get; init; }

    public string? Reason { get; init; }
}
