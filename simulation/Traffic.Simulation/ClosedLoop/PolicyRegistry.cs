using Traffic.Control;
using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// Control policies by name, for the closed loop and the `compare` command. <see cref="CreateDefault"/>
/// knows "fixed" (a <see cref="FixedTimePolicy"/> running the Webster plan of the intersection's design
/// flows), "actuated" (<see cref="ActuatedPolicy"/> with default settings) and "actuated-ped" (the same with
/// pedestrian recall wherever there are crosswalks), "max-pressure", "adaptive" and "adaptive-coordinated"
/// (network-level: corridor groups coordinated, the rest adaptive).
/// </summary>
public sealed class PolicyRegistry
{
    private readonly SortedDictionary<string, (string Description, NetworkPolicyFactory Factory)> entries = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => entries.Keys;

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
            "adaptive: 1 s decisions on CCTV movement queues (else the Kalman estimate of loops and CCTV), detector health and fallbacks; switch margin 12 vehicles, per-ring end, pedestrian calls weighted by their wait, the fixed-time plan while a camera is out, tuned on daegu-250 (docs/control.md)",
            c => new AdaptivePolicy(c.Intersection, AdaptiveSettings.Daegu, FixedTimePlan(c).Plan));
        registry.RegisterNetwork(
            "adaptive-coordinated",
            "corridor coordination: neighbours linked by their design flows (CorridorLinking) run CoordinatedPolicy on their group's common cycle and green-wave offsets; the others run \"adaptive\"",
            c => AdaptiveCoordinated(c, new RebalanceSettings()));
        registry.RegisterNetwork(
            "adaptive-coordinated-static",
            "as adaptive-coordinated, but the coordinated members keep the planned splits (no re-balancing; side phases still gap out early)",
            c => AdaptiveCoordinated(c, RebalanceSettings.Off));
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

    /// <summary>
    /// "adaptive-coordinated": the network's coordination planned from the design flows
    /// (<see cref="NetworkCoordination.Plan"/>); members of a coordinated group run <see cref="CoordinatedPolicy"/>
    /// on their group's plan (splits re-balanced by <paramref name="rebalance"/>), every other intersection the "adaptive" policy.
    /// </summary>
    public static Func<Intersection, ISignalPolicy> AdaptiveCoordinated(NetworkPolicyContext context, RebalanceSettings rebalance)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = Coordination(context);
        var webster = WebsterSettings.Default with { SaturationFlowPerLane = context.SaturationFlowPerLane };
        var empty = new Dictionary<string, double>();
        return x => plan.GroupOf(x.Id) is { } g
            ? new CoordinatedPolicy(x, g.Plan.Plans[x.Id], g.CoordinatedPhases[x.Id], context.DesignFlowsVph.GetValueOrDefault(x.Id, empty), rebalance, webster)
            : new AdaptivePolicy(x, AdaptiveSettings.Daegu);
    }

    /// <summary>
    /// The shortest common cycle of a coordinated group in the closed loop: the members' Webster cycles of the
    /// design flows (50 - 101 s on daegu-250 AM) gave 557 s/veh of delay, a 100 s floor 421, 120 s 392, 150 s 413
    /// (AM, seed 1, docs/control.md).
    /// </summary>
    public const double CoordinationMinCycleS = 120;

    /// <summary>
    /// The coordination the closed loop plans for a network from its design flows (also what the peak-direction
    /// arrivals on green are measured on): linking on the members' own Webster cycles, groups planned with a
    /// common cycle of at least <see cref="CoordinationMinCycleS"/>.
    /// </summary>
    public static NetworkCoordinationPlan Coordination(NetworkPolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var webster = WebsterSettings.Default with { SaturationFlowPerLane = context.SaturationFlowPerLane };
        var groups = webster with { MinCycle = Math.Max(webster.MinCycle, CoordinationMinCycleS) };
        return NetworkCoordination.Plan(context.Network, context.DesignFlowsVph, webster: webster, groupWebster: groups);
    }

    public void Register(string name, string description, PolicyFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        RegisterNetwork(name, description, c =>
        {
            var empty = new Dictionary<string, double>();
            return x => factory(new PolicyContext(x, c.DesignFlowsVph.GetValueOrDefault(x.Id, empty), c.SaturationFlowPerLane));
        });
    }

    /// <summary>Registers a policy that is set up for the whole network at once (e.g. corridor coordination).</summary>
    public void RegisterNetwork(string name, string description, NetworkPolicyFactory factory)
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

    /// <summary>The named policy for one intersection (for a network-level policy: as if the network were this intersection alone).</summary>
    public ISignalPolicy Create(string name, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alone = new Network(context.Intersection.Id, [context.Intersection], [], []);
        var flows = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal) { [context.Intersection.Id] = context.DesignFlowsVph };
        return ForNetwork(name, new NetworkPolicyContext(alone, flows, context.SaturationFlowPerLane))(context.Intersection);
    }

    /// <summary>The named policy set up for <see cref="NetworkPolicyContext.Network"/>: a policy per intersection.</summary>
    public Func<Intersection, ISignalPolicy> ForNetwork(string name, NetworkPolicyContext context) => Entry(name).Factory(context);

    private (string Description, NetworkPolicyFactory Factory) Entry(string name) =>
        entries.TryGetValue(name, out var e)
            ? e
            : throw new ArgumentException($"unknown policy '{name}' (known: {string.Join(", ", entries.Keys)})", nameof(name));
}
