using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Settings for light demand (off by default). Passage-time gap (<see cref="AdaptiveSettings.PassageGap"/>): a green may gap out only when no stop-bar
/// detector of the movements it would end has seen a vehicle for the phase's passage time, as an actuated
/// controller's vehicle extension. Without it a gap is read from the presence of the decision instant,
/// which opens between two vehicles of a platoon. Moving calls (<see cref="AdaptiveSettings.MovingCallWeight"/>):
/// vehicles still moving in on a red movement count towards switching to it, so the green can come before they stop.
/// Both those calls and the gap's limit on moving vehicles (<see cref="AdaptiveSettings.GapMovingVehicles"/>) can be kept
/// to light demand (<see cref="AdaptiveSettings.LightDemandQueue"/>): with queues, halted vehicles decide as before.
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
        settings.MovingCallWeight > 0 && LightDemand() ? settings.MovingCallWeight * Value(stage, except, moving) : 0;

    /// <summary>The most vehicles moving in on what would end that still allow a gap: <see cref="AdaptiveSettings.GapMovingVehicles"/> at light demand, no limit otherwise.</summary>
    private double GapMovingLimit() => LightDemand() ? settings.GapMovingVehicles : double.PositiveInfinity;

    /// <summary>True while the vehicles queued or moving in on all movements together are at most <see cref="AdaptiveSettings.LightDemandQueue"/>.</summary>
    private bool LightDemand()
    {
        if (double.IsPositiveInfinity(settings.LightDemandQueue))
        {
            return true;
        }

        var vehicles = 0.0;
        for (var m = 0; m < value.Length; m++)
        {
            vehicles += Math.Max(0, value[m]) + moving[m];
        }

        return vehicles <= settings.LightDemandQueue;
    }

    private long[] CreateLastPresence()
    {
        var a = new long[intersection.Movements.Count];
        Array.Fill(a, Never);
        return a;
    }
}
