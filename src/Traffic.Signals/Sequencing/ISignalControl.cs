using Traffic.Signals.Model;

namespace Traffic.Signals.Sequencing;

/// <summary>
/// The commands a control policy may give the sequencer, and what it may read. Every command is
/// a request: the sequencer only ever makes legal moves (minimum green, clearances, ring-barrier
/// order), so no policy can make the signal unsafe.
/// </summary>
public interface ISignalControl
{
    Intersection Model { get; }

    /// <summary>Current time in ticks (0.1 s).</summary>
    long Now { get; }

    int RingCount { get; }

    RingStatus Ring(int ring);

    /// <summary>True while the phase's vehicle (or, for a pedestrian-only phase, walk) green interval runs.</summary>
    bool IsGreen(int phase);

    /// <summary>Ticks since the phase's green began, or -1 when it is not green.</summary>
    long GreenElapsed(int phase);

    /// <summary>A vehicle or pedestrian call is waiting on the phase.</summary>
    bool HasCall(int phase);

    bool IsPreempted { get; }

    /// <summary>The safety monitor has latched a fault: the intersection is in all-red flash.</summary>
    bool IsFaulted { get; }

    /// <summary>Places a vehicle call; it stays until the phase is served.</summary>
    void PlaceCall(int phase);

    /// <summary>Places a pedestrian call (push button or CCTV pedestrian detection).</summary>
    void PlacePedCall(int phase);

    /// <summary>Hold keeps a green phase green (even past max green) until released.</summary>
    void SetHold(int phase, bool hold);

    /// <summary>Ends the phase's green as soon as minimum green and pedestrian timing allow
    /// (gap-out, force-off). Ignored unless the phase is green.</summary>
    void ForceOff(int phase);

    /// <summary>An omitted phase is skipped even when called.</summary>
    void SetOmit(int phase, bool omit);

    void RequestPreemption(PreemptionRequest request);

    void ReleasePreemption(string id);
}
