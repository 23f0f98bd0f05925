using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>Read-only views of a controller that several parts report the same way.</summary>
public static class SignalControlExtensions
{
    /// <summary>The phase each ring is timing green and showing green, in ring order (what a controller status reports).</summary>
    public static List<int> GreenRingPhases(this ISignalControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        var list = new List<int>(control.RingCount);
        for (var r = 0; r < control.RingCount; r++)
        {
            var ring = control.Ring(r);
            if (ring.Interval == RingInterval.Green && control.IsGreen(ring.Phase))
            {
                list.Add(ring.Phase);
            }
        }

        return list;
    }
}
