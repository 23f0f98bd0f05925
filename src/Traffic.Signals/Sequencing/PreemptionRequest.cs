namespace Traffic.Signals.Sequencing;

/// <summary>
/// Emergency-vehicle (or rail) preemption: end the running phases through their full clearances,
/// then dwell in <paramref name="DwellPhases"/> (the emergency approach) until released, then return
/// to normal operation. Entry never shortens minimum green, yellow, red clearance or pedestrian clearance;
/// walk only where ControllerOptions.AllowWalkTruncationOnPreempt.
/// </summary>
public sealed record PreemptionRequest(string Id, IReadOnlyList<int> DwellPhases);
