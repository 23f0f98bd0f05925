namespace Traffic.Signals.Sequencing;

/// <summary>What one signal group shows. Vehicle groups use Red, Yellow, Green; pedestrian groups
/// DontWalk, PedClearance (flashing don't walk), Walk. FlashRed is the fault flash (all groups).</summary>
public enum Indication : byte
{
    Red = 0,
    Yellow = 1,
    Green = 2,
    DontWalk = 3,
    PedClearance = 4,
    Walk = 5,
    FlashRed = 6,
}

public static class IndicationExtensions
{
    /// <summary>True for every indication that lets someone go or still be in the conflict area:
    /// green, yellow, walk, flashing don't walk. Two conflicting groups must never both be active.</summary>
    public static bool IsActive(this Indication i) =>
        i is Indication.Green or Indication.Yellow or Indication.Walk or Indication.PedClearance;
}
