using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

internal static class StageSet
{
    /// <summary>Every combination of one vehicle phase per ring inside one barrier group (rings without a phase there are left out).</summary>
    internal static List<int[]> Of(Intersection intersection, string policy)
    {
        var result = new List<int[]>();
        var structure = intersection.Structure;
        foreach (var group in structure.BarrierGroups)
        {
            var perRing = structure.Rings
                .Select(ring => ring.Where(group.Contains).Where(p => intersection.Phase(p).HasVehicles).ToArray())
                .Where(phases => phases.Length > 0)
                .ToList();
            IEnumerable<int[]> combos = [[]];
            foreach (var choices in perRing)
            {
                combos = combos.SelectMany(c => choices.Select(p => c.Append(p).ToArray())).ToList();
            }

            result.AddRange(combos.Where(c => c.Length > 0));
        }

        if (result.Count == 0)
        {
            throw new ArgumentException($"intersection {intersection.Id} has no vehicle phase for {policy}", nameof(intersection));
        }

        return result;
    }

    /// <summary>
    /// True when reaching <paramref name="stage"/> needs a ring to go back in its service order inside the
    /// barrier group it is in (e.g. ring 2 from phase 6 to phase 5 while ring 1 stays in phase 2): the
    /// sequencer can only get there through the barrier, which the other ring must reach too.
    /// </summary>
    internal static bool NeedsBarrierCrossing(Intersection intersection, int[] stage, Func<int, bool> isGreen)
    {
        var structure = intersection.Structure;
        foreach (var ring in structure.Rings)
        {
            var green = -1;
            var target = -1;
            for (var i = 0; i < ring.Count; i++)
            {
                if (isGreen(ring[i]))
                {
                    green = i;
                }

                if (stage.Contains(ring[i]))
                {
                    target = i;
                }
            }

            if (green >= 0 && target >= 0 && target < green && structure.BarrierGroups.Any(g => g.Contains(ring[green]) && g.Contains(ring[target])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Asks the sequencer for <paramref name="stage"/>: calls its phases and lifts their omits, omits every other
    /// vehicle phase (so no stale call pulls the signal elsewhere) and forces off greens outside the stage.
    /// When a ring would have to go back in its order (<see cref="NeedsBarrierCrossing"/>) the stage's own greens
    /// are forced off too, so that every ring crosses the barrier at once and comes back to the stage at once
    /// (otherwise that ring sits in red until the green phase of the other ring ends by itself).
    /// Pedestrian-only phases are left to their calls. A green phase outside the stage for which
    /// <paramref name="keepGreen"/> is true is left green (neither omitted nor forced off): its ring moves on later.
    /// </summary>
    internal static void Request(Intersection intersection, ISignalControl control, int[] stage, Func<int, bool>? keepGreen = null)
    {
        var cross = NeedsBarrierCrossing(intersection, stage, control.IsGreen);
        foreach (var phase in intersection.Phases)
        {
            var id = phase.Id;
            if (!phase.HasVehicles)
            {
                continue;
            }

            if (stage.Contains(id))
            {
                control.SetOmit(id, false);
                if (!control.IsGreen(id))
                {
                    control.PlaceCall(id);
                }
                else if (cross)
                {
                    control.ForceOff(id);
                    control.PlaceCall(id);
                }
            }
            else if (keepGreen is null || !control.IsGreen(id) || !keepGreen(id))
            {
                control.SetOmit(id, true);
                if (control.IsGreen(id))
                {
                    control.ForceOff(id);
                }
            }
        }
    }
}
