namespace Traffic.Simulation;

/// <summary>
/// Settings of a <see cref="ClosedLoopRun"/>. <paramref name="DesignFlows"/>: the flows fixed-time plans are
/// made for (intersection id -> movement id -> veh/h); null = the run's own demand. <paramref name="Registry"/>:
/// null = <see cref="PolicyRegistry.CreateDefault"/>. <paramref name="Simulation"/>: its seed is replaced by
/// <paramref name="Seed"/>.
/// </summary>
public sealed record RunSettings(
    int Seed = 1,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? DesignFlows = null,
    PolicyRegistry? Registry = null,
    SimulationOptions? Simulation = null,
    ClosedLoopOptions? Loop = null,
    EvaluationOptions? Evaluation = null);
