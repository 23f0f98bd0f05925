namespace Traffic.Signals.Model;

/// <summary>
/// Controller-wide behaviour. <paramref name="RestPhases"/> are the main-street phases that rest in
/// green when <paramref name="Rest"/> is Green. <paramref name="DualEntryPhases"/>: when a barrier
/// group starts with a call in one ring only, the other ring serves its dual-entry phase.
/// <paramref name="AllowWalkTruncationOnPreempt"/>: the agency lets preemption shorten walk (never
/// pedestrian clearance). <paramref name="StartupAllRedSeconds"/>: all-red at power-up.
/// </summary>
public sealed record ControllerOptions(
    RestMode Rest,
    IReadOnlyList<int> RestPhases,
    IReadOnlyList<int> DualEntryPhases,
    bool AllowWalkTruncationOnPreempt,
    double StartupAllRedSeconds)
{
    public static ControllerOptions Default { get; } = new(RestMode.Red, [], [], false, 4.0);
}
