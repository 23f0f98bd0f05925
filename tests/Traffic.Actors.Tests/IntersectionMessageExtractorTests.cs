using Akka.Util;

namespace Traffic.Actors.Tests;

public sealed class IntersectionMessageExtractorTests
{
    private readonly IntersectionMessageExtractor extractor = new(50);

    [Fact]
    public void The_entity_is_the_intersection_and_an_envelope_is_unwrapped()
    {
        var inner = new GetState("I007");
        Assert.Equal("I007", extractor.EntityId(inner));
        Assert.Same(inner, extractor.EntityMessage(inner));
        var envelope = new IntersectionEnvelope("I007", inner);
        Assert.Equal("I007", extractor.EntityId(envelope));
        Assert.Same(inner, extractor.EntityMessage(envelope));
        Assert.Null(extractor.EntityId(new Tick(0)));
        Assert.Null(extractor.ShardId(new Tick(0)));
    }

    [Fact]
    public void Shard_ids_follow_the_sharding_formula_and_spread_over_the_shards()
    {
        var ids = Enumerable.Range(1, 250).Select(k => $"I{k:000}").ToList();
        foreach (var id in ids)
        {
            var expected = (Math.Abs(MurmurHash.StringHash(id)) % 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, extractor.ShardId(new GetState(id)));
        }

        var used = ids.Select(extractor.ShardIdOf).Distinct().Count();
        Assert.True(used > 40, $"250 ids fell into only {used} of 50 shards");
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntersectionMessageExtractor(0));
    }
}
