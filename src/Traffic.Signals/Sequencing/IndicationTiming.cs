namespace Traffic.Signals.Sequencing;

/// <summary>
/// When the indication a signal group shows now can next change, in ticks of event time (SPaT
/// minEndTime and maxEndTime). <paramref name="MinEnd"/> is the earliest tick at which the
/// indication can change, whatever commands come (minimum green, walk, clearances, ring and barrier
/// order). <paramref name="MaxEnd"/> is the latest tick it will change if no further command is
/// given (max-out, a pending force-off, the end of yellow or pedestrian clearance); null when that
/// depends on calls still to come (a red waiting for service, a green resting or held).
/// </summary>
public readonly record struct IndicationTiming(long MinEnd, long? MaxEnd);
