namespace Traffic.Control;

/// <summary>NTCIP 1202 style detector diagnostics.</summary>
public enum DetectorFault
{
    None,

    /// <summary>Max presence: occupied for longer than any real vehicle would be.</summary>
    StuckOn,

    /// <summary>No actuation for a window long for the flow expected there.</summary>
    NoActivity,

    /// <summary>Chatter: more actuations than traffic can physically make.</summary>
    Erratic,
}

/// <summary>
/// A detector fault raised (<paramref name="Raised"/> true) or cleared, at <paramref name="Time"/> (ticks),
/// with the reason in words; the actor layer publishes it as an alarm.
/// </summary>
public sealed record DetectorAlarm(string IntersectionId, string DetectorId, int Detector, DetectorFault Fault, long Time, bool Raised, string Reason);
