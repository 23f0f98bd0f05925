using Traffic.Control;

namespace Traffic.Simulation;

/// <summary>
/// Control policies by name, for the closed loop and the `compare` command. <see cref="CreateDefault"/>
/// knows "fixed" (a <see cref="FixedTimePolicy"/> running the Webster plan of the intersection's design
/// flows), "actuated" (<see cref="ActuatedPolicy"/> with default settings) and "actuated-ped" (the same with
/// pedestrian recall wherever there are crosswalks), "max-pressure" and "adaptive".
/// </summary>
public sealed class PolicyRegistry
{
    private readonly SortedDictionary<string, (string Description, PolicyFactory Factory)> entries = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => entries.Keys;

    /// <summary>
    /// The adaptive settings the closed loop runs: <see cref="AdaptiveSettings.Default"/> (tuned in SUMO) with, retuned on
    /// daegu-250 with pedestrians (off-peak and AM, seed 1, docs/control.md): a switch margin of 12 vehicles and a
    /// 120 s maximum green (fewer switches: each costs a clearance and, with pedestrians nearly everywhere, often a
    /// walk), moving vehicles counted fully against a switch (MovingHoldsGreen), a gap only with nobody moving in,
    /// only stages the rings reach forwards (ForwardOnly), a ring's phase running to the end of its own queue
    /// (PerRingEnd), a 5 s hold (the phase minimums rule), exit-lane queues ignored (DownstreamWeight 0), vehicles
    /// moving in on a red stage at half weight (ApproachingWeight), movements no phase protects at full weight
    /// (PermittedOnlyFull), and a pedestrian call worth nothing at first and 0.02 vehicles per second it waits. While a
    /// configured camera gives no counts (failed), the margin is 5 vehicles and the maximum green 30 s (the estimator's
    /// queues are less sure; 20 % failed detectors, AM, 30 min: 379 s/veh with the normal settings, 290 with these).
    /// </summary>
    public static AdaptiveSettings DaeguAdaptive { get; } = AdaptiveSettings.Default with
    {
        SwitchMargin = 12,
        MaxGreenSeconds = 120,
        MovingWeight = 1,
        GapMovingVehicles = 0,
        ForwardOnly = true,
        MovingHoldsGreen = true,
        PerRingEnd = true,
        MinHoldSeconds = 5,
        DownstreamWeight = 0,
        ApproachingWeight = 0.5,
        PermittedOnlyFull = true,
        PedestrianCallVehicles = 0,
        PedestrianWaitWeight = 0.02,
        DegradedSwitchMargin = 5,
        DegradedMaxGreenSeconds = 30,
    };

    public static PolicyRegistry CreateDefault()
    {
        var registry = new PolicyRegistry();
        registry.Register(
            "fixed",
            "fixed time, Webster plan from the scenario's flows per movement, cycle lengthened until no phase is over 0.9 saturated (no offsets)",
            c => new FixedTimePolicy(c.Intersection, FixedTimePlan(c).Plan));
        registry.Register(
            "actuated",
            "fully actuated, default settings (no recalls; gap-out on the phase's passage time)",
            c => new ActuatedPolicy(c.Intersection, ActuatedSettings.Default));
        registry.Register(
            "actuated-ped",
            "fully actuated with pedestrian recall on every phase with crosswalks (walks every cycle, as fixed time does, whether or not a pedestrian waits)",
            c => new ActuatedPolicy(c.Intersection, new ActuatedSettings(c.Intersection.Phases.Where(p => p.HasPedestrians).ToDictionary(p => p.Id, _ => RecallMode.Ped))));
        registry.Register(
            "max-pressure",
            "max-pressure (Varaiya), a decision every 10 s, per-movement queues from the CCTV movement counter",
            c => new MaxPressurePolicy(c.Intersection, MaxPressureSettings.Default));
        registry.Register(
            "adaptive",
            "adaptive: 1 s decisions on CCTV movement queues (else the Kalman estimate of loops and CCTV), detector health and fallbacks; switch margin 12 vehicles, per-ring end, pedestrian calls weighted by their wait, tuned on daegu-250 (docs/control.md)",
            c => new AdaptivePolicy(c.Intersection, DaeguAdaptive));
        return registry;
    }

    /// <summary>
    /// The plan the "fixed" policy runs: Webster's plan of the design flows; when a phase's degree of
    /// saturation is above <paramref name="maxSaturation"/> (this happens when pedestrian minimum greens
    /// force a cycle longer than C0 and the extra time went to the phases with the walks), the cycle is
    /// lengthened in 5 s steps, up to the maximum cycle, so the flows get their share of the time again.
    /// </summary>
    public static WebsterResult FixedTimePlan(PolicyContext context, double maxSaturation = 0.9)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = WebsterSettings.Default with { SaturationFlowPerLane = context.SaturationFlowPerLane };
        var result = Webster.Plan(context.Intersection, context.DesignFlowsVph, settings);
        while (result.DegreesOfSaturation.Values.Any(x => x > maxSaturation) && result.Plan.Cycle + 5 <= settings.MaxCycle)
        {
            settings = settings with { MinCycle = result.Plan.Cycle + 5 };
            result = Webster.Plan(context.Intersection, context.DesignFlowsVph, settings);
        }

        return result;
    }

    public void Register(string name, string description, PolicyFactory factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!entries.TryAdd(name, (description, factory)))
        {
            throw new ArgumentException($"policy '{name}' is registered already", nameof(name));
        }
    }

    public bool Contains(string name) => entries.ContainsKey(name);

    public string Describe(string name) => Entry(name).Description;

    public ISignalPolicy Create(string name, PolicyContext context) => Entry(name).Factory(context);

    private (string Description, PolicyFactory Factory) Entry(string name) =>
        entries.TryGetValue(name, out var e)
            ? e
            : throw new ArgumentException($"unknown policy '{name}' (known: {string.Join(", ", entries.Keys)})", nameof(name));
}
