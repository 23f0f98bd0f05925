namespace Traffic.Simulation;

/// <summary>What a movement's signal lets a driver at the stop line do during one simulation step.</summary>
public enum MovementSignal : byte
{
    /// <summary>Stop at the stop line (hard: no vehicle crosses on red).</summary>
    Red = 0,

    /// <summary>Stop if able to stop comfortably (deceleration b), otherwise go.</summary>
    Yellow = 1,

    /// <summary>Protected green: go.</summary>
    Green = 2,

    /// <summary>Permitted green: go, but a left or U turn yields to opposing through and right-turning traffic.</summary>
    GreenPermitted = 3,
}
