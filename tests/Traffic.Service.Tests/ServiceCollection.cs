namespace Traffic.Service.Tests;

/// <summary>Tests that start the whole service share process-wide metrics: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceCollection
{
    public const string Name = "service";
}
