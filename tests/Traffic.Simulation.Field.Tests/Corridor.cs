using Traffic.Control;
using Traffic.Signals.Config;
using Traffic.Signals.Model;
using Traffic.Tests.Shared;

namespace Traffic.Simulation.Field.Tests;

/// <summary>The sample corridor and plans for it.</summary>
internal static class Corridor
{
    public static readonly DateTimeOffset Start = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    public static Network Load()
    {
        var path = Repo.File("config/networks/sample-corridor.json");
        var result = NetworkLoader.Load(File.ReadAllText(path), Path.GetFileName(path));
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        return result.Network!;
    }

    /// <summary>A Webster plan of exactly <paramref name="cycle"/> seconds (200 veh/h on every movement).</summary>
    public static TimingPlan Plan(Intersection intersection, double cycle, double offset)
    {
        var flows = intersection.Movements.ToDictionary(m => m.Id, _ => 200.0);
        return Webster.Plan(intersection, flows, new WebsterSettings(MinCycle: cycle, MaxCycle: cycle, Offset: offset)).Plan;
    }
}
