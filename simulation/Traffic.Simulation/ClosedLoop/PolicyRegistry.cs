using Traffic.Control;

namespace Traffic.Simulation;

/// <summary>
/// Control policies by name, for the closed loop and the `compare` command. <see cref="CreateDefault"/>
/// knows "fixed" (a <see cref="FixedTimePolicy"/> running the Webster plan of the intersection's design
/// flows) and "actuated" (<see cref="ActuatedPolicy"/> with default settings); max-pressure and the
/// adaptive policy register here when they exist.
/// </summary>
public sealed class PolicyRegistry
{
    private readonly SortedDictionary<string, (string Description, PolicyFactory Factory)> entries = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => entries.Keys;

    public static PolicyRegistry CreateDefault()
    {
        var registry = new PolicyRegistry();
        registry.Register(
            "fixed",
            "fixed time, Webster plan from the scenario's flows per movement (no offsets)",
            c => new FixedTimePolicy(c.Intersection, Webster.Plan(c.Intersection, c.DesignFlowsVph, WebsterSettings.Default with { SaturationFlowPerLane = c.SaturationFlowPerLane }).Plan));
        registry.Register(
            "actuated",
            "fully actuated, default settings (no recalls; gap-out on the phase's passage time)",
            c => new ActuatedPolicy(c.Intersection, ActuatedSettings.Default));
        return registry;
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
