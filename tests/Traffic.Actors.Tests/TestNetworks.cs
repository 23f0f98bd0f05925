using Traffic.Signals.Config;
using Traffic.Signals.Model;

namespace Traffic.Actors.Tests;

/// <summary>The seven layout fixtures (copied from Traffic.Signals.Tests) and networks built from them.</summary>
internal static class TestNetworks
{
    public static readonly string[] Layouts = ["nema8", "two-phase", "tee", "five-leg", "one-way", "midblock", "scramble"];

    /// <summary>Event time zero of the tests: 2025-03-01 08:00 UTC, to exercise realistic tick values.</summary>
    public static readonly long T0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public static long Seconds(double s) => (long)Math.Round(s * 10);

    public static Intersection Layout(string name, string? id = null)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json"));
        var result = NetworkLoader.Load(json, name + ".json");
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        var i = Assert.Single(result.Network!.Intersections);
        return id is null ? i : i with { Id = id };
    }

    public static Network Of(IReadOnlyList<Intersection> intersections, params Corridor[] corridors) =>
        new("test", intersections, [], corridors);

    public static Corridor Corridor(string id, params string[] intersections) => new(id, id, intersections, []);

    /// <summary>Three NEMA intersections A, B, C west to east on corridor W1, 500 m apart at 50 km/h (36 s).</summary>
    public static (Intersection[] Members, Corridor Corridor) WestEastNema() => (
        [Layout("nema8", "A"), Layout("nema8", "B"), Layout("nema8", "C")],
        new Corridor("W1", "west-east", ["A", "B", "C"], [
            new Link("A", "E", "B", "W", 500, 50),
            new Link("B", "E", "C", "W", 500, 50),
        ]));

    /// <summary>
    /// <paramref name="count"/> intersections I001.. cycling through the seven layouts; every run of
    /// ten consecutive ids from I001 up to I200 forms a corridor C01..C20, the rest are on none.
    /// </summary>
    public static Network Replicated(int count)
    {
        var layouts = Layouts.Select(l => Layout(l)).ToArray();
        var intersections = Enumerable.Range(1, count)
            .Select(k => layouts[(k - 1) % layouts.Length] with { Id = $"I{k:000}" })
            .ToList();
        var corridors = Enumerable.Range(0, Math.Min(count, 200) / 10)
            .Select(c => Corridor($"C{c + 1:00}", Enumerable.Range((c * 10) + 1, 10).Select(k => $"I{k:000}").ToArray()))
            .ToArray();
        return Of(intersections, corridors);
    }
}
