namespace Traffic.Simulation;

/// <summary>A network, demand or option the simulation cannot run; <see cref="Errors"/> lists every problem found.</summary>
public sealed class SimulationConfigException : Exception
{
    public SimulationConfigException(string what, IReadOnlyList<string> errors)
        : base($"{what}: {errors.Count} error(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
    {
        Errors = errors;
    }

    public SimulationConfigException()
    {
        Errors = [];
    }

    public SimulationConfigException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public SimulationConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; }
}
