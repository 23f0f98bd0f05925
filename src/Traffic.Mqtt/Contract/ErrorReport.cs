using Traffic.Mqtt.Validation;

namespace Traffic.Mqtt.Contract;

/// <summary>
/// Out, <c>traffic/v1/errors</c>: an inbound message was rejected at the door. <see cref="WireMessage.Time"/>
/// is when it was received; <see cref="Topic"/> where it arrived; <see cref="Reason"/> the code
/// (docs/mqtt.md lists them) and <see cref="Detail"/> what exactly was wrong and where.
/// </summary>
public sealed record ErrorReport : WireMessage
{
    public required string Topic { get; init; }

    public required RejectReason Reason { get; init; }

    public required string Detail { get; init; }

    public required int PayloadBytes { get; init; }
}
