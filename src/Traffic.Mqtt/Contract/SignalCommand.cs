namespace Traffic.Mqtt.Contract;

/// <summary>
/// Out, <c>traffic/v1/intersections/{id}/command</c> (QoS 1): a request to the controller. The
/// controller's own safety rules (minimum green, clearances) still apply.
/// <list type="bullet">
/// <item>preempt: dwell in <see cref="Phases"/> (the emergency approach) under <see cref="PreemptId"/>.</item>
/// <item>release: ends preemption <see cref="PreemptId"/> when given, otherwise releases holds on <see cref="Phases"/>.</item>
/// <item>hold: keep <see cref="Phases"/> green until released.</item>
/// <item>forceOff: end the green of <see cref="Phases"/> as soon as allowed.</item>
/// <item>call: place a vehicle call on <see cref="Phases"/> (pedestrian call when <see cref="Pedestrian"/>).</item>
/// <item>omit: skip <see cref="Phases"/> (no green, even when called) until unomitted; unomit: serve them again.</item>
/// </list>
/// </summary>
public sealed record SignalCommand : WireMessage
{
    public required CommandKind Command { get; init; }

    public required IReadOnlyList<int> Phases { get; init; }

    public string? PreemptId { get; init; }

    public bool Pedestrian { get; init; }
}

public enum CommandKind
{
    Preempt,
    Release,
    Hold,
    ForceOff,
    Call,
    Omit,
    Unomit,
}
