namespace Traffic.Sumo.Traci;

/// <summary>A running simulation and the client that drives it: a sumo process over TCP (<see cref="SumoProcess"/>) or libsumo in this process (<see cref="InProcessSumo"/>).</summary>
public interface ISumoSession : IDisposable
{
    TraciClient Client { get; }

    /// <summary>What SUMO printed so far, for error messages (empty when it prints to this process's own output).</summary>
    string Output { get; }

    /// <summary>CPU time SUMO has used so far, or null when it can no longer be read.</summary>
    TimeSpan? ProcessorTime { get; }
}
