using Traffic.Signals.Config;
using Traffic.Signals.Model;
using Traffic.Tests.Shared;

namespace Traffic.Simulation.Tests;

/// <summary>The committed network files, loaded once.</summary>
internal static class Networks
{
    private static readonly Lazy<Network> SampleLazy = new(() => Load("config/networks/sample-corridor.json"));
    private static readonly Lazy<Network> DaeguLazy = new(() => Load("config/networks/daegu-250.json"));

    public static Network SampleCorridor => SampleLazy.Value;

    public static Network Daegu250 => DaeguLazy.Value;

    private static Network Load(string relative)
    {
        var result = NetworkLoader.Load(File.ReadAllText(Repo.File(relative)), Path.GetFileName(relative));
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        return result.Network!;
    }
}
