using Traffic.Signals.Sequencing;

namespace Traffic.Mqtt.Contract;

/// <summary>
/// Out, <c>traffic/v1/intersections/{id}/spat</c> (QoS 0, every second): each signal group's state
/// and when it can change. Times are SAE J2735 time marks: tenths of a second since the start of the
/// UTC hour of <see cref="WireMessage.Time"/> (0..35999; see <see cref="TimeMark"/>).
/// </summary>
public sealed record SpatMessage : WireMessage
{
    public required ControllerMode Mode { get; init; }

    public required IReadOnlyList<SignalGroupSpat> Groups { get; init; }
}

/// <summary>
/// One signal group ("2" vehicle heads of phase 2, "P2" its pedestrian heads): its indication, the
/// earliest (<see cref="MinEndTime"/>) and latest (<see cref="MaxEndTime"/>) time it can end, and the
/// likely end when the controller can tell.
/// </summary>
public sealed record SignalGroupSpat
{
    public required string Group { get; init; }

    public required Indication State { get; init; }

    public required int MinEndTime { get; init; }

    public required int MaxEndTime { get; init; }

    public int? LikelyTime { get; init; }
}
