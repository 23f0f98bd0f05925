namespace Traffic.Signals.Config.Generation;

/// <summary>
/// Inputs of <see cref="NetworkGenerator.Generate"/>. <see cref="CorridorCount"/> null means: drawn
/// from the seed in 10..14. The same options always give the same network.
/// </summary>
public sealed record GeneratorOptions
{
    public const int MinCorridors = 10;
    public const int MaxCorridors = 14;

    public int Seed { get; init; }

    public int IntersectionCount { get; init; } = 250;

    public int? CorridorCount { get; init; }
}
