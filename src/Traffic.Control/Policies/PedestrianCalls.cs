using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Pedestrian calls from the CCTV: pedestrians waiting at a leg's crosswalk (<see cref="ApproachObservation.PedestriansWaiting"/>)
/// call every phase that walks that crosswalk; <see cref="Place"/> places the calls on phases not green and
/// forgets those served. Shared by the queue-based policies (adaptive, max-pressure).
/// </summary>
internal sealed class PedestrianCalls
{
    private readonly Dictionary<string, List<int>> phasesWalkingLeg = new(StringComparer.Ordinal);
    private readonly HashSet<int> calls = [];

    public PedestrianCalls(Intersection intersection)
    {
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
    }

    public bool Contains(int phase) => calls.Contains(phase);

    public void Observe(ApproachObservation o)
    {
        if (o.PedestriansWaiting > 0 && phasesWalkingLeg.TryGetValue(o.LegId, out var phases))
        {
            calls.UnionWith(phases);
        }
    }

    public void Place(ISignalControl control)
    {
        foreach (var phase in calls.Where(p => !control.IsGreen(p)))
        {
            control.PlacePedCall(phase);
        }

        calls.RemoveWhere(control.IsGreen);
    }
}
