using Traffic.Signals.Model;

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
}
