using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// The daegu-250 additions of <see cref="AdaptivePolicy"/> (all off in <see cref="AdaptiveSettings.Default"/>):
/// the loops' gap as the gap signal (<see cref="AdaptiveSettings.LoopGapOut"/>) and the weight of a
/// pedestrian call growing with its wait (<see cref="AdaptiveSettings.PedestrianCallVehicles"/>,
/// <see cref="AdaptiveSettings.PedestrianWaitWeight"/>).
/// </summary>
public sealed partial class AdaptivePolicy
{
    /// <summary>Per detector the last time it was occupied or counted a vehicle (event time, ticks).</summary>
    private long[] lastActuation = [];

    /// <summary>Per phase id the healthy detectors that call it (rebuilt each decision).</summary>
    private Dictionary<int, int[]> phaseDetectors = [];

    /// <summary>Per phase id the time its pedestrian call was first seen, while it waits.</summary>
    private readonly Dictionary<int, long> pedCallSince = [];

    private long decisionTime;

    private void InitLoops()
    {
        lastActuation = Enumerable.Repeat(Never, intersection.Detectors.Count).ToArray();
        phaseDetectors = intersection.Phases.ToDictionary(
            p => p.Id,
            p => Enumerable.Range(0, intersection.Detectors.Count)
                .Where(d => intersection.Detectors[d].Kind != DetectorKind.Cctv && intersection.Detectors[d].Phases.Contains(p.Id))
                .ToArray());
    }

    private void ObserveLoop(in DetectorReading r)
    {
        if (r.Detector >= 0 && r.Detector < lastActuation.Length && (r.Presence || r.Count > 0))
        {
            lastActuation[r.Detector] = Math.Max(lastActuation[r.Detector], r.Time);
        }
    }

    /// <summary>
    /// Loop gap of the phases that would end: every healthy loop calling one of them has been free for
    /// at least that phase's passage time (as an actuated controller gaps out). Null when one of the phases
    /// has no healthy loop (the camera rule decides then).
    /// </summary>
    private bool? LoopGap(IEnumerable<int> ending, long now)
    {
        foreach (var phase in ending)
        {
            var healthy = phaseDetectors[phase].Where(Health.IsHealthy).ToArray();
            if (healthy.Length == 0)
            {
                return null;
            }

            var passage = SignalTime.FromSeconds(intersection.Phase(phase).Timings.Passage);
            if (healthy.Any(d => stopBarPresence[d] || now + PolicyTiming.CommandLatencyTicks - lastActuation[d] < passage))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Remembers when each pedestrian call was first seen; forgets the calls served.</summary>
    private void TrackPedestrianCalls(ISignalControl control, long now)
    {
        decisionTime = now;
        foreach (var phase in intersection.Phases)
        {
            if (control.IsGreen(phase.Id) || !pedCalls.Contains(phase.Id))
            {
                pedCallSince.Remove(phase.Id);
            }
            else
            {
                pedCallSince.TryAdd(phase.Id, now);
            }
        }
    }

    /// <summary>
    /// What a pedestrian call on <paramref name="phase"/> adds to a stage's value (vehicles):
    /// <see cref="AdaptiveSettings.PedestrianCallVehicles"/> (default <see cref="AdaptiveSettings.RecallVehicles"/>)
    /// plus <see cref="AdaptiveSettings.PedestrianWaitWeight"/> per second the call has waited.
    /// </summary>
    private double PedestrianValue(int phase)
    {
        var weight = settings.PedestrianCallVehicles ?? settings.RecallVehicles;
        if (settings.PedestrianWaitWeight > 0 && pedCallSince.TryGetValue(phase, out var since))
        {
            weight += settings.PedestrianWaitWeight * SignalTime.ToSeconds(decisionTime - since);
        }

        return weight;
    }

    /// <summary>
    /// Per-ring end (<see cref="AdaptiveSettings.PerRingEnd"/>): a green <paramref name="phase"/> that the new
    /// <paramref name="stage"/> ends inside the same barrier group (its ring moves forwards to the stage's phase,
    /// no barrier crossing) stays green while its own movements still have a queue or a vehicle on the stop
    /// bar, up to the maximum green, as an actuated ring runs its phase to its own gap. Otherwise false.
    /// </summary>
    private bool KeepsOwnQueue(int phase, int[] stage, ISignalControl control)
    {
        var structure = intersection.Structure;
        var ring = structure.Rings.FirstOrDefault(r => r.Contains(phase));
        var next = ring?.Where(stage.Contains).Select(p => (int?)p).FirstOrDefault();
        if (ring is null || next is not { } n || IndexIn(ring, n) < IndexIn(ring, phase)
            || !structure.BarrierGroups.Any(g => g.Contains(phase) && g.Contains(n))
            || StageSet.NeedsBarrierCrossing(intersection, stage, control.IsGreen)
            || SignalTime.ToSeconds(control.GreenElapsed(phase)) >= settings.MaxGreenSeconds)
        {
            return false;
        }

        int[] own = [phase];
        return Value(own, stage) > settings.GapVehicles || Value(own, stage, near) > 0;
    }

    private static int IndexIn(IReadOnlyList<int> ring, int phase)
    {
        for (var i = 0; i < ring.Count; i++)
        {
            if (ring[i] == phase)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Vehicles moving towards the stop bar (not yet queued) on what <paramref name="stage"/> serves beyond
    /// <paramref name="except"/>, by the service it gives them (<see cref="AdaptiveSettings.ApproachingWeight"/>).
    /// </summary>
    private double ApproachingValue(int[] stage, int[] except)
    {
        if (settings.ApproachingWeight <= 0)
        {
            return 0;
        }

        var sum = 0.0;
        for (var m = 0; m < moving.Length; m++)
        {
            var extra = Service(stage, m) - Service(except, m);
            if (extra > 0)
            {
                sum += extra * moving[m];
            }
        }

        return sum;
    }

    /// <summary>
    /// Service a permitted phase gives <paramref name="movement"/>: <see cref="AdaptiveSettings.PermittedShare"/>, or 1 with
    /// <see cref="AdaptiveSettings.PermittedOnlyFull"/> when no phase protects the movement (a permitted right turn or a
    /// side street's permitted left has no better phase, so discounting it only makes its stage look emptier than it is).
    /// </summary>
    private double PermittedShareOf(string movement) =>
        settings.PermittedOnlyFull && !intersection.Phases.Any(p => p.Movements.Any(pm => pm.MovementId == movement && pm.Mode == MovementMode.Protected))
            ? 1.0
            : settings.PermittedShare;
}
