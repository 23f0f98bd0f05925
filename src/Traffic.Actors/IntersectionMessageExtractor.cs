using System.Globalization;
using Akka.Util;

namespace Traffic.Actors;

/// <summary>
/// Entity id, shard id and payload of a message, the way cluster sharding will need them: the
/// entity id is the intersection id (<see cref="IHasIntersectionId"/>, or the id of an
/// <see cref="IntersectionEnvelope"/>, whose payload is the entity message), and the shard id is
/// computed exactly as Akka.Cluster.Sharding's HashCodeMessageExtractor does (MurmurHash of the
/// entity id modulo the number of shards), so that a sharded deployment can subclass
/// HashCodeMessageExtractor with the same two overrides and place every intersection on the same shard.
/// Kept free of the sharding package until the service runs as a cluster.
/// </summary>
public sealed class IntersectionMessageExtractor(int maxNumberOfShards = IntersectionMessageExtractor.DefaultShards)
{
    /// <summary>About ten shards per node for up to ten nodes.</summary>
    public const int DefaultShards = 100;

    public int MaxNumberOfShards { get; } = maxNumberOfShards > 0
        ? maxNumberOfShards
        : throw new ArgumentOutOfRangeException(nameof(maxNumberOfShards), "the number of shards must be positive");

    public string? EntityId(object message) => message switch
    {
        IntersectionEnvelope e => e.IntersectionId,
        IHasIntersectionId m => m.IntersectionId,
        _ => null,
    };

    public object EntityMessage(object message) => message is IntersectionEnvelope e ? e.Message : message;

    public string? ShardId(object message) => EntityId(message) is { } id ? ShardIdOf(id) : null;

    public string ShardIdOf(string entityId)
    {
        var hash = MurmurHash.StringHash(entityId);
        return (hash == int.MinValue ? 0 : Math.Abs(hash) % MaxNumberOfShards).ToString(CultureInfo.InvariantCulture);
    }
}
