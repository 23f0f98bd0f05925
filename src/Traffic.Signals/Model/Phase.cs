namespace Traffic.Signals.Model;

public sealed record PhaseMovement(string MovementId, MovementMode Mode);

/// <summary>
/// Interval lengths of one phase in seconds, each a multiple of 0.1 s. Walk and PedClearance are 0
/// when the phase serves no crosswalk. Passage is the actuated gap (vehicle extension).
/// </summary>
public sealed record PhaseTimings(
    double MinGreen,
    double MaxGreen,
    double Yellow,
    double RedClearance,
    double Walk,
    double PedClearance,
    double Passage);

/// <summary>
/// A NEMA-style phase: the vehicle movements it serves (protected or permitted) and the crosswalks
/// that walk with it. A pedestrian-only phase (mid-block crossing, scramble) has no movements.
/// </summary>
public sealed record Phase(
    int Id,
    string Name,
    IReadOnlyList<PhaseMovement> Movements,
    IReadOnlyList<string> Crosswalks,
    PhaseTimings Timings)
{
    public bool HasVehicles => Movements.Count > 0;

    public bool HasPedestrians => Crosswalks.Count > 0;
}
