using Traffic.Signals.Model;

namespace Traffic.Signals.Config;

/// <summary>
/// One problem in a network file: the file, the element path with ids (for example
/// <c>intersections[3] (I004).phases[2] (id 4).yellow</c>) and what is wrong.
/// </summary>
public sealed record ConfigError(string File, string Element, string Message)
{
    public override string ToString() => $"{File}: {Element}: {Message}";
}

/// <summary>Outcome of loading a network: the network when there is no error, and every error found.</summary>
public sealed record LoadResult(Network? Network, IReadOnlyList<ConfigError> Errors)
{
    public bool Ok => Network is not null && Errors.Count == 0;
}
