namespace Traffic.Control;

/// <summary>
/// One report from a detector. <paramref name="Detector"/> is the index into
/// <see cref="Traffic.Signals.Model.Intersection.Detectors"/>; <paramref name="Time"/> is event time at
/// the source in ticks (0.1 s); <paramref name="Presence"/> is true while a vehicle occupies the zone;
/// <paramref name="Count"/> is the number of vehicles that entered the zone since the previous reading.
/// </summary>
public readonly record struct DetectorReading(int Detector, long Time, bool Presence, int Count);
