using System.Text.Json;
using Traffic.Signals.Config;
using Traffic.Signals.Config.Generation;

namespace Traffic.Signals.Tests.Generation;

public sealed class NetworkGeneratorTests
{
    private static readonly NetworkDocument Seed42 = NetworkGenerator.Generate(new GeneratorOptions { Seed = 42 });

    public static TheoryData<int> Seeds() => new() { 1, 42, 2024, 99999 };

    [Fact]
    public void SameSeedGivesTheSameJson()
    {
        Assert.Equal(Json(NetworkGenerator.Generate(new GeneratorOptions { Seed = 7 })), Json(NetworkGenerator.Generate(new GeneratorOptions { Seed = 7 })));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentJson()
    {
        Assert.NotEqual(Json(NetworkGenerator.Generate(new GeneratorOptions { Seed = 7 })), Json(NetworkGenerator.Generate(new GeneratorOptions { Seed = 8 })));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void HasExactlyTheRequestedIntersectionsWithIdsI001On(int seed)
    {
        var network = NetworkGenerator.Generate(new GeneratorOptions { Seed = seed });

        Assert.Equal(Enumerable.Range(1, 250).Select(i => $"I{i:000}"), network.Intersections!.Select(i => i.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CorridorCountIsDrawnIn10To14(int seed)
    {
        var network = NetworkGenerator.Generate(new GeneratorOptions { Seed = seed });

        Assert.InRange(network.Corridors!.Count, 10, 14);
        Assert.Equal(network.Corridors.Count, network.Corridors.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(14)]
    public void GivenCorridorCountIsHonoured(int corridors)
    {
        var network = NetworkGenerator.Generate(new GeneratorOptions { Seed = 3, CorridorCount = corridors });

        Assert.Equal(corridors, network.Corridors!.Count);
        Assert.Equal(250, network.Intersections!.Count);
    }

    [Theory]
    [InlineData(9, 250)]
    [InlineData(15, 250)]
    [InlineData(12, 20)]
    [InlineData(12, 5000)]
    public void OptionsThatCannotBeHonouredAreRejected(int corridors, int count)
    {
        var e = Assert.Throws<GeneratorOptionsException>(
            () => NetworkGenerator.Generate(new GeneratorOptions { Seed = 1, CorridorCount = corridors, IntersectionCount = count }));

        Assert.Contains(corridors is < 10 or > 14 ? $"corridor count {corridors}" : $"intersection count {count}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ConsecutiveIntersectionsAlongEveryCorridorAre200To800MetresApart(int seed)
    {
        var network = NetworkGenerator.Generate(new GeneratorOptions { Seed = seed });
        var byId = ById(network);

        foreach (var corridor in network.Corridors!)
        {
            foreach (var (a, b) in Pairs(corridor))
            {
                Assert.InRange(Distance(byId[a], byId[b]), NetworkGenerator.MinSpacingM, NetworkGenerator.MaxSpacingM);
            }
        }
    }

    [Fact]
    public void SpeedsAre50To70InStepsOf10AndMatchTheLegs()
    {
        var byId = ById(Seed42);

        foreach (var link in Seed42.Links!)
        {
            Assert.Contains(link.SpeedKmh!.Value, new[] { 50.0, 60.0, 70.0 });
            Assert.Equal(link.SpeedKmh, Leg(byId[link.From!], link.FromLeg!).SpeedLimitKmh);
            Assert.Equal(link.SpeedKmh, Leg(byId[link.To!], link.ToLeg!).SpeedLimitKmh);
        }

        foreach (var corridor in Seed42.Corridors!)
        {
            Assert.Single(Seed42.Links!.Where(l => OnCorridor(corridor, l)).Select(l => l.SpeedKmh).Distinct());
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void LinksJoinExistingLegsThatPointAtEachOther(int seed)
    {
        var network = NetworkGenerator.Generate(new GeneratorOptions { Seed = seed });
        var byId = ById(network);

        foreach (var link in network.Links!)
        {
            var (from, to) = (byId[link.From!], byId[link.To!]);
            var fromLeg = Leg(from, link.FromLeg!);
            var toLeg = Leg(to, link.ToLeg!);
            var towards = Bearing(from, to);
            Assert.InRange(AngleBetween(fromLeg.Bearing!.Value, towards), 0, 30);
            Assert.InRange(AngleBetween(toLeg.Bearing!.Value, towards + 180), 0, 30);
            Assert.Equal(Math.Round(Distance(from, to), 1), link.LengthM!.Value, 6);
            Assert.True(fromLeg.OutboundLanes > 0, $"{link.From} leg {link.FromLeg} has no outbound lanes for the link to {link.To}");
            Assert.NotEmpty(toLeg.Lanes!);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryConsecutivePairOnACorridorIsLinkedAndNothingElseIs(int seed)
    {
        var network = NetworkGenerator.Generate(new GeneratorOptions { Seed = seed });
        var pairs = network.Corridors!.SelectMany(Pairs).ToList();
        var linked = network.Links!.Select(l => (l.From!, l.To!)).ToHashSet();

        foreach (var (a, b) in pairs)
        {
            Assert.True(linked.Contains((a, b)) || linked.Contains((b, a)), $"{a} and {b} are consecutive but not linked");
        }

        var allowed = pairs.Concat(pairs.Select(p => (p.Item2, p.Item1))).ToHashSet();
        Assert.All(linked, l => Assert.Contains(l, allowed));
        Assert.Equal(linked.Count, network.Links!.Count);
    }

    [Fact]
    public void TwoWayStreetsAreLinkedBothWays()
    {
        var byId = ById(Seed42);
        var linked = Seed42.Links!.Select(l => (l.From!, l.To!)).ToHashSet();
        var twoWay = Seed42.Corridors!.SelectMany(Pairs)
            .Where(p => byId[p.Item1].Layout != LayoutTemplates.OneWay && byId[p.Item2].Layout != LayoutTemplates.OneWay)
            .ToList();

        Assert.NotEmpty(twoWay);
        Assert.All(twoWay, p => Assert.True(linked.Contains(p) && linked.Contains((p.Item2, p.Item1)), $"{p} not linked both ways"));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ArterialCrossingsAreNema8SharedByAnEastWestAndANorthSouthCorridor(int seed)
    {
        var network = NetworkGenerator.Generate(new GeneratorOptions { Seed = seed });
        var byId = ById(network);
        var eastWest = network.Corridors!.Where(c => IsEastWest(network, c)).ToList();
        var northSouth = network.Corridors!.Except(eastWest).ToList();

        foreach (var inter in network.Intersections!)
        {
            var onEw = eastWest.Count(c => c.Intersections!.Contains(inter.Id!));
            var onNs = northSouth.Count(c => c.Intersections!.Contains(inter.Id!));
            if (inter.Layout == LayoutTemplates.Nema8)
            {
                Assert.Equal((1, 1), (onEw, onNs));
            }
            else
            {
                Assert.Equal(1, onEw + onNs);
            }
        }

        Assert.Equal(eastWest.Count * northSouth.Count, network.Intersections!.Count(i => i.Layout == LayoutTemplates.Nema8));
        Assert.InRange(eastWest.Count - northSouth.Count, 0, 1);
        Assert.All(network.Corridors!, c => Assert.Equal(c.Intersections!.Count, c.Intersections.Distinct().Count()));
        Assert.All(network.Corridors!, c => Assert.All(c.Intersections!, id => Assert.True(byId.ContainsKey(id))));
    }

    [Fact]
    public void LegsOffTheCorridorsLeadOffTheNetwork()
    {
        var eastWest = Seed42.Corridors!.Where(c => IsEastWest(Seed42, c)).SelectMany(c => c.Intersections!).ToHashSet();
        var northSouth = Seed42.Corridors!.Where(c => !IsEastWest(Seed42, c)).SelectMany(c => c.Intersections!).ToHashSet();

        foreach (var link in Seed42.Links!)
        {
            foreach (var (id, leg) in new[] { (link.From!, link.FromLeg!), (link.To!, link.ToLeg!) })
            {
                Assert.True(leg is "E" or "W" ? eastWest.Contains(id) : northSouth.Contains(id), $"{id} leg {leg} is linked but not on a corridor of that axis");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryLayoutAppearsAndEveryIntersectionFollowsTheConflictSemantics(int seed)
    {
        var network = NetworkGenerator.Generate(new GeneratorOptions { Seed = seed });

        Assert.Equal(LayoutTemplates.Names.Order(StringComparer.Ordinal), network.Intersections!.Select(i => i.Layout!).Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(network.Intersections!.SelectMany(SemanticsCheck.Problems));
    }

    [Fact]
    public void LayoutMixFollowsTheDocumentedShares()
    {
        var others = Seed42.Intersections!.Where(i => i.Layout != LayoutTemplates.Nema8).ToList();

        foreach (var (layout, share) in NetworkGenerator.Mix.Skip(1))
        {
            Assert.Equal(Math.Max(1, (int)Math.Floor(share * others.Count)), others.Count(i => i.Layout == layout));
        }
    }

    [Fact]
    public void ScramblesAreDowntown()
    {
        var crossings = Seed42.Intersections!.Where(i => i.Layout == LayoutTemplates.Nema8).ToList();
        var (cx, cy) = ((crossings.Min(X) + crossings.Max(X)) / 2, (crossings.Min(Y) + crossings.Max(Y)) / 2);
        double FromCentre(IntersectionDocument i) => Math.Sqrt(Math.Pow(X(i) - cx, 2) + Math.Pow(Y(i) - cy, 2));
        var others = Seed42.Intersections!.Where(i => i.Layout != LayoutTemplates.Nema8).Select(FromCentre).Order().ToList();
        var median = others[others.Count / 2];

        Assert.All(Seed42.Intersections!.Where(i => i.Layout == LayoutTemplates.Scramble), i => Assert.True(FromCentre(i) < median, $"{i.Id} is {FromCentre(i):0} m from the centre"));
    }

    [Fact]
    public void SampleCorridorHasFiveIntersectionsOnOneCorridorLinkedBothWays()
    {
        var sample = NetworkGenerator.SampleCorridor();
        var byId = ById(sample);

        Assert.Equal(
            [LayoutTemplates.Nema8, LayoutTemplates.TwoPhase, LayoutTemplates.Tee, LayoutTemplates.Midblock, LayoutTemplates.Nema8],
            sample.Intersections!.Select(i => i.Layout));
        var corridor = Assert.Single(sample.Corridors!);
        Assert.Equal(sample.Intersections!.Select(i => i.Id), corridor.Intersections);
        Assert.Equal(8, sample.Links!.Count);
        Assert.All(Pairs(corridor), p => Assert.InRange(Distance(byId[p.Item1], byId[p.Item2]), 200, 800));
        Assert.Empty(sample.Intersections!.SelectMany(SemanticsCheck.Problems));
    }

    [Theory]
    [InlineData("config/networks/daegu-250.json")]
    [InlineData("config/networks/sample-corridor.json")]
    public void CommittedNetworkFilesAreWhatTheGeneratorWrites(string path)
    {
        var expected = path.Contains("sample", StringComparison.Ordinal)
            ? NetworkGenerator.SampleCorridor()
            : NetworkGenerator.Generate(new GeneratorOptions { Seed = 42 });

        Assert.Equal(Json(expected) + "\n", File.ReadAllText(Path.Combine(RepoRoot(), path)));
    }

    [Theory]
    [MemberData(nameof(LayoutTemplatesTests.Layouts), MemberType = typeof(LayoutTemplatesTests))]
    public void CommittedLayoutFilesAreWhatTheTemplatesWrite(string layout)
    {
        Assert.Equal(Json(LayoutTemplates.Example(layout)) + "\n", File.ReadAllText(Path.Combine(RepoRoot(), "config", "layouts", layout + ".json")));
    }

    private static string Json(NetworkDocument network) => JsonSerializer.Serialize(network, ConfigJsonContext.Default.NetworkDocument);

    private static Dictionary<string, IntersectionDocument> ById(NetworkDocument network) =>
        network.Intersections!.ToDictionary(i => i.Id!, StringComparer.Ordinal);

    private static IEnumerable<(string, string)> Pairs(CorridorDocument corridor) =>
        corridor.Intersections!.Zip(corridor.Intersections!.Skip(1));

    private static bool OnCorridor(CorridorDocument corridor, LinkDocument link) =>
        Pairs(corridor).Any(p => (p.Item1 == link.From && p.Item2 == link.To) || (p.Item2 == link.From && p.Item1 == link.To));

    private static bool IsEastWest(NetworkDocument network, CorridorDocument corridor) =>
        network.Links!.First(l => OnCorridor(corridor, l)).FromLeg is "E" or "W";

    private static LegDocument Leg(IntersectionDocument inter, string id) => inter.Legs!.Single(l => l.Id == id);

    private static double X(IntersectionDocument i) => i.Position!.X;

    private static double Y(IntersectionDocument i) => i.Position!.Y;

    private static double Distance(IntersectionDocument a, IntersectionDocument b) =>
        Math.Sqrt(Math.Pow(X(b) - X(a), 2) + Math.Pow(Y(b) - Y(a), 2));

    private static double Bearing(IntersectionDocument a, IntersectionDocument b) =>
        Math.Atan2(X(b) - X(a), Y(b) - Y(a)) * 180 / Math.PI;

    private static double AngleBetween(double a, double b)
    {
        var d = Math.Abs((a - b) % 360);
        return d > 180 ? 360 - d : d;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Traffic.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Traffic.sln not found above " + AppContext.BaseDirectory);
    }
}
