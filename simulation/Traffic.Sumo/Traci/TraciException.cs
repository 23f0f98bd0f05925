namespace Traffic.Sumo.Traci;

/// <summary>SUMO refused a command, or the connection broke or sent something this client cannot read.</summary>
public sealed class TraciException : Exception
{
    public TraciException()
    {
    }

    public TraciException(string message)
        : base(message)
    {
    }

    public TraciException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
