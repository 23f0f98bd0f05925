using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Settings for light demand (off by default). Passage-time gap (<see cref="AdaptiveSettings.PassageGap"/>): a green may gap out only when no stop-bar
/// detector of the movements it would end has seen a vehicle for the phase's passage time, as an actuated
/// controller's vehicle extension. Without it a gap is read from the presence of the decision instant,
/// which opens between two vehicles of a platoon. Moving calls (<see cref="AdaptiveSettings.MovingCallWeight"/>):
/// vehicles still moving in on a red movement count towards switching to it, so the green can come before they stop.
/// </summary>
public sealed partial class AdaptivePolicy
{
    private long[]? lastPresence;

    private void NotePresence(int detector, long time)
    {
        if (!settings.PassageGap || !stopBarPresence[detector])
        {
            return;
        }

        lastPresence ??= CreateLastPresence();
        foreach (var m in detectorMovements[detector])
        {
            lastPresence[m] = Math.Max(lastPresence[m], time);
        }
    }

    /// <summary>True when the passage gap is off, or every movement the <paramref name="ending"/> phases serve has been free for its phase's passage time.</summary>
    private bool PassageGapOpen(int[] ending, long now)
    {
        if (!settings.PassageGap || lastPresence is null)
        {
            return true;
        }

        // Commands act at the sequencer's next advance, so judge the gap for the coming tick (as actuated control does).
        var next = now + PolicyTiming.CommandLatencyTicks;
        foreach (var p in ending)
        {
            var passage = SignalTime.FromSeconds(intersection.Phase(p).Timings.Passage);
            foreach (var m in phaseMovements[p])
            {
                if (next - lastPresence[m] < passage)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Vehicles moving in on the red movements <paramref name="stage"/> would serve (beyond <paramref name="except"/>),
    /// <see cref="AdaptiveSettings.MovingCallWeight"/> each: they call the green before they stop.
    /// </summary>
    private double MovingCall(int[] stage, int[] except) =>
        settings.MovingCallWeight > 0 ? settings.MovingCallWeight * Value(stage, except, moving) : 0;

    private long[] CreateLastPresence()
    {
        var a = new long[intersection.Movements.Count];
        Array.Fill(a, Never);
        return a;
    }
}
