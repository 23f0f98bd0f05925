namespace Traffic.Control;

/// <summary>How a phase is called regardless of detection.</summary>
public enum RecallMode
{
    /// <summary>Called only by detectors (and pedestrians).</summary>
    None,

    /// <summary>A constant vehicle call: the phase is served every cycle for at least its minimum green, then gaps out as usual.</summary>
    Min,

    /// <summary>A constant vehicle call and no gap-out: the phase runs to max green every cycle.</summary>
    Max,

    /// <summary>A constant pedestrian call: walk and pedestrian clearance every cycle.</summary>
    Ped,
}

/// <summary>
/// Settings of <see cref="ActuatedPolicy"/>. <paramref name="Recall"/> maps phase id to its recall mode
/// (phases not listed: <see cref="RecallMode.None"/>). <paramref name="CctvPedestrianCalls"/>: pedestrians
/// the CCTV sees waiting at a leg's crosswalk place a pedestrian call on the phases that walk it.
/// Passage times come from each phase's <c>PhaseTimings.Passage</c>; rest and dual entry are controller
/// options carried out by the sequencer.
/// </summary>
public sealed record ActuatedSettings(IReadOnlyDictionary<int, RecallMode> Recall, bool CctvPedestrianCalls = true)
{
    public static ActuatedSettings Default { get; } = new(new Dictionary<int, RecallMode>());

    public RecallMode RecallOf(int phase) => Recall.GetValueOrDefault(phase, RecallMode.None);
}
