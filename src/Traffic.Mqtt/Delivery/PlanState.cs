namespace Traffic.Mqtt.Delivery;

public enum PlanDeliveryState
{
    /// <summary>Sent, ack not yet due.</summary>
    AwaitingAck,

    /// <summary>The controller acknowledged it.</summary>
    Acknowledged,

    /// <summary>The controller refused it (ack with accepted = false).</summary>
    Rejected,

    /// <summary>Resent the maximum number of times without an ack; the alarm is raised.</summary>
    Unacknowledged,
}

/// <summary>The latest plan of one intersection and where its delivery stands.</summary>
public sealed record PlanStatus(string IntersectionId, long PlanSeq, PlanDeliveryState State, int Resends, DateTimeOffset LastSent);
