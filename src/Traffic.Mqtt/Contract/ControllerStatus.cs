namespace Traffic.Mqtt.Contract;

/// <summary>
/// In, <c>traffic/v1/intersections/{id}/status</c>: the field controller's state. It doubles as the
/// heartbeat: the controller publishes it at least every <see cref="HeartbeatS"/> seconds.
/// </summary>
public sealed record ControllerStatus : WireMessage
{
    public required ControllerMode Mode { get; init; }

    /// <summary>Phases currently timing green (one per ring at most).</summary>
    public required IReadOnlyList<int> Phases { get; init; }

    /// <summary>Phases with a pedestrian call waiting (push button).</summary>
    public required IReadOnlyList<int> PedCalls { get; init; }

    /// <summary>Fault codes the controller reports (for example "mmuConflict", "detectorStuck:D3"); empty when healthy.</summary>
    public required IReadOnlyList<string> Faults { get; init; }

    /// <summary>Sequence number of the timing plan the controller is running (0 = none / local plan).</summary>
    public required long PlanSeq { get; init; }

    /// <summary>The longest the controller promises to stay silent.</summary>
    public required double HeartbeatS { get; init; }
}

public enum ControllerMode
{
    Normal,
    Preempt,
    Flash,
    Manual,
    Offline,
}
