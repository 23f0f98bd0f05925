using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// The daegu-250 additions of <see cref="AdaptivePolicy"/> (all off in <see cref="AdaptiveSettings.Default"/>, on in
/// the closed loop's settings): the weight of a pedestrian call growing with its wait
/// (<see cref="AdaptiveSettings.PedestrianCallVehicles"/>, <see cref="AdaptiveSettings.PedestrianWaitWeight"/>),
/// per-ring end (<see cref="AdaptiveSettings.PerRingEnd"/>), vehicles moving in on a red stage
/// (<see cref="AdaptiveSettings.ApproachingWeight"/>) and full weight for movements no phase protects
/// (<see cref="AdaptiveSettings.PermittedOnlyFull"/>).
/// </summary>
public sealed partial class AdaptivePolicy
{
    /// <summary>Per phase id the time its pedestrian call was first seen, while it waits.</summary>
    private readonly Dictionary<int, long> pedCallSince = [];

    private long decisionTime;

    /// <summary>Remembers when each pedestrian call was first seen; forgets the calls served.</summary>
    private void TrackPedestrianCalls(ISignalControl control, long now)
    {
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
            || SignalTime.ToSeconds(control.GreenElapsed(phase)) >= MaxGreen)
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

    /// <summary>
    /// True while a movement whose leg has a camera in the configuration has no fresh measured queue (the camera is out,
    /// from the start or later): its value then comes from the estimator or recall, which are less sure, so the degraded
    /// margin and maximum green apply (<see cref="AdaptiveSettings.DegradedSwitchMargin"/>, <see cref="AdaptiveSettings.DegradedMaxGreenSeconds"/>).
    /// Movements on legs without a camera do not count (that is their normal state), nor the first
    /// <see cref="AdaptiveSettings.StaleSeconds"/> of a run, before any count can have arrived.
    /// </summary>
    private bool ComputeDegraded()
    {
        if (decisionTime <= stale)
        {
            return false;
        }

        for (var m = 0; m < measuredAt.Length; m++)
        {
            if (cameraExpected[m] && decisionTime - measuredAt[m] > stale)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><see cref="ComputeDegraded"/> at the current decision (computed once per decision).</summary>
    private bool degraded;

    private bool[] cameraExpected = [];

    private void InitDegraded() =>
        cameraExpected = intersection.Movements
            .Select(mv => intersection.Detectors.Any(d => d.Kind == DetectorKind.Cctv && d.LegId == mv.FromLeg))
            .ToArray();

    private double Margin => settings.DegradedSwitchMargin is { } d && degraded ? d : settings.SwitchMargin;

    private double MaxGreen => settings.DegradedMaxGreenSeconds is { } d && degraded ? d : settings.MaxGreenSeconds;
}
