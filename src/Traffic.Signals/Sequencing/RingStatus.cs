namespace Traffic.Signals.Sequencing;

public enum RingInterval
{
    /// <summary>No phase timing in this ring: waiting at a barrier, resting in red, or start-up all-red.</summary>
    Idle,
    Green,
    Yellow,
    RedClearance,
}

/// <summary>What one ring is doing. <paramref name="Phase"/> is 0 when Idle. <paramref name="IntervalStart"/> in ticks.</summary>
public readonly record struct RingStatus(int Ring, int Phase, RingInterval Interval, long IntervalStart);
