namespace Traffic.Signals.Config.Generation;

/// <summary>The generator options cannot be honoured (corridor count out of range, intersection count that does not fit the grid).</summary>
public sealed class GeneratorOptionsException : Exception
{
    public GeneratorOptionsException()
    {
    }

    public GeneratorOptionsException(string message)
        : base(message)
    {
    }

    public GeneratorOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
