namespace Traffic.Control;

/// <summary>
/// One intersection of a corridor as the coordination maths sees it: its id, the green of the
/// coordinated phase in each direction (seconds) and where that green starts in its cycle (seconds
/// after the cycle's zero), and the travel time (seconds) from the previous member (0 for the first).
/// </summary>
public sealed record CorridorMember(string Id, double TravelTimeFromPrevious, double OutboundGreen, double OutboundGreenStart, double InboundGreen, double InboundGreenStart);

/// <summary>A corridor's coordination: common cycle, an offset per member (seconds, in [0, cycle)) and the bandwidths it gives.</summary>
public sealed record CorridorTiming(double Cycle, IReadOnlyDictionary<string, double> Offsets, double OutboundBandwidth, double InboundBandwidth);
