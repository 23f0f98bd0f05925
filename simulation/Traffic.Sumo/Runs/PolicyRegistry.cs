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
    private readonly Dictionary<string, double> periods = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>fixed (the network's programme), actuated, max-pressure, adaptive (on tracked vehicles), adaptive-counts.</summary>
    public static PolicyRegistry CreateDefault()
    {
        var registry = new PolicyRegistry();
        registry.Register("fixed", null);
        registry.Register("actuated", s => new ActuatedPolicy(s.Intersection, ActuatedSettings.Default), SensorNeeds.StopBar);
        registry.Register(
            "max-pressure",
            s => new MaxPressurePolicy(s.Intersection, MaxPressureSettings.Default),
            SensorNeeds.Queue | SensorNeeds.Exit,
            readEverySeconds: MaxPressureSettings.Default.DecisionIntervalSeconds);
        registry.RegisterAdaptive(SumoAdaptive);
        return registry;
    }

    /// <summary>
    /// The adaptive settings of the SUMO runs (docs/validation.md has the tuning): <see cref="AdaptiveSettings.Default"/>
    /// with a 5 s minimum hold (the imported phases' minimum green) and vehicles moving in within the 200 m zone
    /// counting as much as halted ones to hold a green; at light demand (at most 4 vehicles queued or moving in
    /// at the whole light) they also call a red stage, and a gap needs none of them left on what would end.
    /// </summary>
    public static AdaptiveSettings SumoAdaptive { get; } = AdaptiveSettings.Default with
    {
        MinHoldSeconds = 5,
        MovingWeight = 1,
        MovingHoldsGreen = true,
        GapMovingVehicles = 0,
        MovingCallWeight = 1,
        LightDemandQueue = 4,
    };

    /// <summary>
    /// Registers (or replaces) "adaptive" and "adaptive-counts" with <paramref name="settings"/>. "adaptive" reads the
    /// approaching vehicles (per-vehicle subscriptions, as a tracking camera sees them) and so schedules them
    /// (<see cref="AdaptiveSettings.Arrivals"/>); "adaptive-counts" decides on counts only, as with counting cameras and
    /// loops: stop-bar presence, queue and approach zones every step, and the exit zones only when downstream queues
    /// count (<see cref="AdaptiveSettings.DownstreamWeight"/> above 0).
    /// </summary>
    public void RegisterAdaptive(AdaptiveSettings settings)
    {
        Register("adaptive", s => new AdaptivePolicy(s.Intersection, settings), SensorNeeds.Arrivals);
        Register(
            "adaptive-counts",
            s => new AdaptivePolicy(s.Intersection, settings),
            SensorNeeds.StopBar | SensorNeeds.Queue | SensorNeeds.Approach | (settings.DownstreamWeight > 0 ? SensorNeeds.Exit : SensorNeeds.None));
    }

    public IReadOnlyList<string> Names => factories.Keys.ToList();

    /// <summary>
    /// Adds or replaces a policy; <paramref name="reads"/> limits the detection the runner adds for it
    /// (default: all zones). <paramref name="readEverySeconds"/> above 1: the runner reads the zones only
    /// at the scenario's begin + k * that many seconds (right before a policy that decides on that period
    /// from its first tick decides), with one batched message of gets instead of per-step subscriptions.
    /// </summary>
    public void Register(string name, Func<SumoSignal, ISignalPolicy>? factory, SensorNeeds reads = SensorNeeds.All, double readEverySeconds = 1)
    {
        if (!(readEverySeconds >= 1) || double.IsInfinity(readEverySeconds) || Math.Abs(readEverySeconds - Math.Round(readEverySeconds)) > 1e-9)
        {
            throw new ArgumentException($"policy '{name}': read period {readEverySeconds} s must be a whole number of seconds >= 1", nameof(readEverySeconds));
        }

        factories[name] = factory;
        needs[name] = reads;
        periods[name] = readEverySeconds;
    }

    /// <summary>How often the runner reads the zones for <paramref name="name"/>, seconds (1 = every step).</summary>
    public double ReadPeriod(string name) => IsProgramme(name) ? 1 : periods[name];

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
