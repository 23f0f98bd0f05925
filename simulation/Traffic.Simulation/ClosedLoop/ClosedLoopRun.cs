using System.Diagnostics;
using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// One run of the closed loop in process: the simulation, the real controllers with the named policy
/// (<see cref="ControlledSignals"/>) and the <see cref="Evaluator"/>, wired together. Unless the evaluation
/// options name them, the peak-direction movements measured apart are those of the network's coordination
/// planned from the design flows (<see cref="PolicyRegistry.Coordination"/>), whatever the policy.
/// <code>var run = new ClosedLoopRun(network, demand, "actuated", new RunSettings(Seed: 2));
/// run.RunUntil(3600); var metrics = run.Finish();</code>
/// </summary>
public sealed class ClosedLoopRun
{
    private readonly Stopwatch wall = new();

    public ClosedLoopRun(Network network, Demand demand, string policy, RunSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(demand);
        settings ??= new RunSettings();
        var registry = settings.Registry ?? PolicyRegistry.CreateDefault();
        if (!registry.Contains(policy))
        {
            throw new ArgumentException($"unknown policy '{policy}' (known: {string.Join(", ", registry.Names)})", nameof(policy));
        }

        Policy = policy;
        var options = (settings.Simulation ?? SimulationOptions.Default) with { Seed = settings.Seed };
        var design = settings.DesignFlows ?? DesignFlows.FromDemand(demand);
        Signals = ControlledSignals.Create(network, registry, policy, design, settings.Loop);
        var evaluation = settings.Evaluation ?? EvaluationOptions.Default;
        if (evaluation.PeakMovements.Count == 0 && network.Corridors.Count > 0)
        {
            // The same movements for every policy: those the coordination would make its green waves on.
            evaluation = evaluation with { PeakMovements = PolicyRegistry.Coordination(new NetworkPolicyContext(network, design)).PeakMovements() };
        }

        Evaluator = new Evaluator(evaluation);
        Simulation = new Simulation(network, demand, Signals, options, Evaluator);
        Signals.Attach(Simulation);
        Evaluator.Attach(Simulation, Signals);
    }

    public string Policy { get; }

    public Simulation Simulation { get; }

    public ControlledSignals Signals { get; }

    public Evaluator Evaluator { get; }

    /// <summary>Wall time spent stepping so far.</summary>
    public TimeSpan Wall => wall.Elapsed;

    public void Step()
    {
        wall.Start();
        Simulation.Step();
        Evaluator.Sample();
        wall.Stop();
    }

    /// <summary>Steps to <paramref name="timeSeconds"/>; calls <paramref name="progress"/> every <paramref name="progressEveryS"/> simulated seconds.</summary>
    public void RunUntil(double timeSeconds, Action<ClosedLoopRun>? progress = null, double progressEveryS = 300)
    {
        var dt = Simulation.Options.TimeStepS;
        var next = (Math.Floor((Simulation.Time + 1e-9) / progressEveryS) + 1) * progressEveryS;
        while (Simulation.Time < timeSeconds - (dt / 2))
        {
            Step();
            if (progress is not null && Simulation.Time >= next - 1e-9)
            {
                progress(this);
                next += progressEveryS;
            }
        }
    }

    public RunMetrics Finish() => Evaluator.Finish(Policy, Signals.Faults.Count, wall.Elapsed.TotalSeconds);
}
