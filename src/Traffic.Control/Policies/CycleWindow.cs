using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>Cycle arithmetic shared by the plan-following policies (fixed time, coordinated). All values in ticks.</summary>
internal static class CycleWindow
{
    /// <summary>
    /// When a green that began at <paramref name="greenStart"/> should end, for a phase whose window starts
    /// <paramref name="start"/> after the cycle's zero (at <paramref name="offset"/>) and lasts <paramref name="green"/>:
    /// the window's end when it began inside the window; when it began outside, at once if it is nearer the
    /// window it missed (late), else at the end of the coming window (early).
    /// </summary>
    public static long PlannedEnd(long greenStart, long offset, long start, long green, long cycle)
    {
        var into = Mod(greenStart - offset - start, cycle);
        if (into <= green)
        {
            return greenStart - into + green;
        }

        var late = into - green;
        var early = cycle - into;
        return late <= early ? greenStart : greenStart + early + green;
    }

    /// <summary>
    /// Each phase's window in <paramref name="plan"/>: it starts where the splits of the phases before it in its ring
    /// end (ticks after the cycle's zero) and lasts its green.
    /// </summary>
    public static void Fill(IReadOnlyList<IReadOnlyList<int>> rings, TimingPlan plan, Dictionary<int, (long Start, long Green)> windows)
    {
        foreach (var ring in rings)
        {
            long start = 0;
            foreach (var phase in ring)
            {
                var split = plan.Split(phase);
                windows[phase] = (start, SignalTime.FromSeconds(split.Green));
                start += SignalTime.FromSeconds(split.Split);
            }
        }
    }

    public static long Mod(long a, long m) => ((a % m) + m) % m;
}
