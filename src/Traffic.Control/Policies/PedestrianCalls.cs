using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Pedestrian calls from the CCTV: pedestrians waiting at a leg's crosswalk (<see cref="ApproachObservation.PedestriansWaiting"/>)
/// call every phase that walks that crosswalk; <see cref="Place"/> places the calls on phases not green and
/// forgets those served. Shared by the queue-based policies (adaptive, max-pressure, coordinated).
/// Fallback: a leg with a camera in the configuration (a <see cref="DetectorKind.Cctv"/> detector) whose observations
/// have stopped for longer than the stale time (camera out, from the start or later) puts the phases walking its
/// crosswalks on pedestrian recall, so a walk comes up every cycle there as under fixed time, instead of never; the
/// recall ends with the first observation from that leg.
/// </summary>
internal sealed class PedestrianCalls
{
    private readonly Dictionary<string, List<int>> phasesWalkingLeg = new(StringComparer.Ordinal);
    private readonly HashSet<int> calls = [];
    private readonly string[] cameraLegs;
    private readonly Dictionary<string, long> lastSeen = new(StringComparer.Ordinal);
    private readonly long staleTicks;

    public PedestrianCalls(Intersection intersection, double staleSeconds = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(staleSeconds);
        staleTicks = SignalTime.FromSeconds(staleSeconds);
        var crosswalkLeg = intersection.Crosswalks.Where(c => c.LegId is not null).ToDictionary(c => c.Id, c => c.LegId!);
        foreach (var phase in intersection.Phases)
        {
            foreach (var leg in phase.Crosswalks.Where(crosswalkLeg.ContainsKey).Select(c => crosswalkLeg[c]))
            {
                if (!phasesWalkingLeg.TryGetValue(leg, out var list))
                {
                    phasesWalkingLeg[leg] = list = [];
                }

                list.Add(phase.Id);
            }
        }

        cameraLegs = intersection.Detectors
            .Where(d => d.Kind == DetectorKind.Cctv && phasesWalkingLeg.ContainsKey(d.LegId))
            .Select(d => d.LegId)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Legs whose camera has given no observation for longer than the stale time at <paramref name="now"/>.</summary>
    public IEnumerable<string> LegsOnRecall(long now) =>
        now <= staleTicks ? [] : cameraLegs.Where(l => now - lastSeen.GetValueOrDefault(l, 0) > staleTicks);

    public bool Contains(int phase) => calls.Contains(phase);

    public void Observe(ApproachObservation o)
    {
        lastSeen[o.LegId] = Math.Max(o.Time, lastSeen.GetValueOrDefault(o.LegId, 0));
        if (o.PedestriansWaiting > 0 && phasesWalkingLeg.TryGetValue(o.LegId, out var phases))
        {
            calls.UnionWith(phases);
        }
    }

    public void Place(ISignalControl control)
    {
        foreach (var leg in LegsOnRecall(control.Now))
        {
            calls.UnionWith(phasesWalkingLeg[leg]);
        }

        foreach (var phase in calls.Where(p => !control.IsGreen(p)))
        {
            control.PlacePedCall(phase);
        }

        calls.RemoveWhere(control.IsGreen);
    }
}
