using Traffic.Control;
using Traffic.Sumo.Import;

namespace Traffic.Sumo.Runs;

/// <summary>
/// Control policies by name. A factory builds the policy of one imported light; a name registered
/// without a factory means "the network's own programme" (SUMO runs its tlLogic, no TraCI control).
/// New policies plug in with <see cref="Register"/>.
/// </summary>
public sealed class PolicyRegistry
{
    private readonly Dictionary<string, Func<SumoSignal, ISignalPolicy>?> factories = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SensorNeeds> needs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>fixed (the network's programme), actuated, max-pressure.</summary>
    public static PolicyRegistry CreateDefault()
    {
        var registry = new PolicyRegistry();
        registry.Register("fixed", null);
        registry.Register("actuated", s => new ActuatedPolicy(s.Intersection, ActuatedSettings.Default), SensorNeeds.StopBar);
        registry.Register("max-pressure", s => new MaxPressurePolicy(s.Intersection, MaxPressureSettings.Default), SensorNeeds.Queue | SensorNeeds.Exit);
        return registry;
    }

    public IReadOnlyList<string> Names => factories.Keys.ToList();

    /// <summary>Adds or replaces a policy; <paramref name="reads"/> limits the detection the runner adds for it (default: all zones).</summary>
    public void Register(string name, Func<SumoSignal, ISignalPolicy>? factory, SensorNeeds reads = SensorNeeds.All)
    {
        factories[name] = factory;
        needs[name] = reads;
    }

    /// <summary>The detection <paramref name="name"/> reads (none for the network's own programme).</summary>
    public SensorNeeds Needs(string name) => IsProgramme(name) ? SensorNeeds.None : needs[name];

    public bool Contains(string name) => factories.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> means the network's own programme.</summary>
    public bool IsProgramme(string name) => Factory(name) is null;

    public ISignalPolicy Create(string name, SumoSignal signal) =>
        (Factory(name) ?? throw new InvalidOperationException($"policy '{name}' is the network's own programme; it has no controller"))(signal);

    private Func<SumoSignal, ISignalPolicy>? Factory(string name) =>
        factories.TryGetValue(name, out var f)
            ? f
            : throw new ArgumentException($"unknown policy '{name}'; known: {string.Join(", ", factories.Keys)}", nameof(name));
}
