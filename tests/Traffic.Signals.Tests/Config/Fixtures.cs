using System.Text.Json.Nodes;
using Traffic.Signals.Config;
using Traffic.Signals.Model;

namespace Traffic.Signals.Tests.Config;

/// <summary>Reads the JSON layouts under Config/Fixtures and loads them, optionally after an edit.</summary>
internal static class Fixtures
{
    public static string Json(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Config", "Fixtures", name + ".json"));

    public static LoadResult Load(string name) => NetworkLoader.Load(Json(name), name + ".json");

    /// <summary>Loads a fixture after <paramref name="edit"/> changed its JSON tree.</summary>
    public static LoadResult LoadEdited(string name, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(Json(name))!;
        edit(node);
        return NetworkLoader.Load(node.ToJsonString(), name + ".json");
    }

    /// <summary>The only intersection of a fixture, asserting it loaded cleanly.</summary>
    public static Intersection Intersection(string name)
    {
        var result = Load(name);
        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors));
        return Assert.Single(result.Network!.Intersections);
    }

    public static JsonNode First(JsonNode root) => root["intersections"]![0]!;

    /// <summary>Whether any signal group of phase <paramref name="a"/> conflicts with any of phase <paramref name="b"/>.</summary>
    public static bool PhasesConflict(Intersection i, int a, int b) =>
        i.SignalGroups.Where(g => g.PhaseId == a).Any(ga => i.SignalGroups.Where(g => g.PhaseId == b).Any(gb => i.Conflicts[ga.Index, gb.Index]));
}
