namespace Traffic.Signals.Model;

/// <summary>
/// A fully resolved, validated intersection: every timing is set (given or computed from the
/// formulas in Timing), the conflict matrix is complete. Built by the config loader; immutable.
/// </summary>
public sealed record Intersection(
    string Id,
    string Name,
    double X,
    double Y,
    IReadOnlyList<Leg> Legs,
    IReadOnlyList<Lane> Lanes,
    IReadOnlyList<Movement> Movements,
    IReadOnlyList<Crosswalk> Crosswalks,
    IReadOnlyList<Phase> Phases,
    RingStructure Structure,
    IReadOnlyList<SignalGroup> SignalGroups,
    ConflictMatrix Conflicts,
    IReadOnlyList<Detector> Detectors,
    ControllerOptions Options)
{
    /// <summary>The layout name the config gives ("nema8", "twophase", ...), for summaries; empty when not given.</summary>
    public string Layout { get; init; } = string.Empty;

    /// <summary>Overlaps (signal groups green with any of their parent phases); their groups follow the phase groups.</summary>
    public IReadOnlyList<Overlap> Overlaps { get; init; } = [];

    /// <summary>
    /// The movements that are green while phase <paramref name="phaseId"/> is green: its own, then those of
    /// every overlap it is a parent of (what a policy should count as served by the phase).
    /// </summary>
    public IReadOnlyList<PhaseMovement> ServedMovements(int phaseId)
    {
        var own = Phase(phaseId).Movements;
        if (Overlaps.Count == 0)
        {
            return own;
        }

        var all = new List<PhaseMovement>(own);
        foreach (var o in Overlaps)
        {
            if (o.Parents.Contains(phaseId))
            {
                all.AddRange(o.Movements);
            }
        }

        return all;
    }

    /// <summary>The overlap a signal group shows, or null when it is a phase's group.</summary>
    public Overlap? OverlapOf(int group)
    {
        var id = SignalGroups[group].OverlapId;
        if (id is null)
        {
            return null;
        }

        foreach (var o in Overlaps)
        {
            if (o.Id == id)
            {
                return o;
            }
        }

        throw new InvalidOperationException($"intersection {Id}: signal group {SignalGroups[group].Name} names unknown overlap {id}");
    }

    public Phase Phase(int id)
    {
        foreach (var p in Phases)
        {
            if (p.Id == id)
            {
                return p;
            }
        }

        throw new ArgumentException($"intersection {Id} has no phase {id}", nameof(id));
    }

    public Leg Leg(string id)
    {
        foreach (var l in Legs)
        {
            if (l.Id == id)
            {
                return l;
            }
        }

        throw new ArgumentException($"intersection {Id} has no leg {id}", nameof(id));
    }

    /// <summary>Index of the vehicle group of a phase, or -1.</summary>
    public int VehicleGroupOf(int phaseId) => GroupOf(phaseId, SignalGroupKind.Vehicle);

    /// <summary>Index of the pedestrian group of a phase, or -1.</summary>
    public int PedestrianGroupOf(int phaseId) => GroupOf(phaseId, SignalGroupKind.Pedestrian);

    private int GroupOf(int phaseId, SignalGroupKind kind)
    {
        foreach (var g in SignalGroups)
        {
            if (g.PhaseId == phaseId && g.Kind == kind)
            {
                return g.Index;
            }
        }

        return -1;
    }
}
