namespace Traffic.Signals.Model;

/// <summary>The turn a movement makes, seen by the driver entering the intersection.</summary>
public enum Turn
{
    Left,
    Through,
    Right,
    UTurn,
}

/// <summary>How a movement runs inside a phase.</summary>
public enum MovementMode
{
    /// <summary>Has the right of way (green arrow, or a through movement): nothing that crosses it may run.</summary>
    Protected,

    /// <summary>Green ball: yields to opposing traffic and to pedestrians in the crosswalk it crosses.</summary>
    Permitted,
}

public enum SignalGroupKind
{
    Vehicle,
    Pedestrian,
}

public enum DetectorKind
{
    /// <summary>Stop-bar presence loop: calls and extends its phases.</summary>
    StopBar,

    /// <summary>Advance count loop upstream of the stop bar.</summary>
    Advance,

    /// <summary>CCTV count zone covering an approach (vehicles by class, queue, pedestrians).</summary>
    Cctv,
}

/// <summary>What the controller does when no phase has a call.</summary>
public enum RestMode
{
    /// <summary>All phases go to red and wait; a call is served at once.</summary>
    Red,

    /// <summary>The rest phases (main street) stay green until a conflicting call arrives.</summary>
    Green,
}
