namespace Traffic.Signals.Model;

/// <summary>
/// Ring-barrier structure. <paramref name="Rings"/> lists each ring's phases in service order;
/// <paramref name="BarrierGroups"/> lists, in order, the sets of phases between two barriers. Phases
/// in one ring never run together; phases of different rings may run together only inside the
/// same barrier group. A plain stage list becomes one barrier group per stage, with the k-th phase
/// of a stage in ring k.
/// </summary>
public sealed record RingStructure(
    IReadOnlyList<IReadOnlyList<int>> Rings,
    IReadOnlyList<IReadOnlyList<int>> BarrierGroups)
{
    public int RingOf(int phaseId)
    {
        for (var r = 0; r < Rings.Count; r++)
        {
            foreach (var p in Rings[r])
            {
                if (p == phaseId)
                {
                    return r;
                }
            }
        }

        throw new ArgumentException($"phase {phaseId} is in no ring", nameof(phaseId));
    }

    public int BarrierGroupOf(int phaseId)
    {
        for (var b = 0; b < BarrierGroups.Count; b++)
        {
            foreach (var p in BarrierGroups[b])
            {
                if (p == phaseId)
                {
                    return b;
                }
            }
        }

        throw new ArgumentException($"phase {phaseId} is in no barrier group", nameof(phaseId));
    }
}
