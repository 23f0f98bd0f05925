using System.Collections.Concurrent;

namespace Traffic.Service.Hosting;

/// <summary>
/// The gateway numbers the plans it publishes itself (rising across service restarts); the actors
/// number theirs per intersection. An ack from the field names the wire number: this table translates
/// it back. It keeps the last <see cref="Kept"/> plans per intersection (a late ack of an older plan is
/// still understood).
/// </summary>
public sealed class PlanNumbers
{
    public const int Kept = 16;

    private readonly ConcurrentDictionary<string, List<(long Wire, long Actor)>> plans = new(StringComparer.Ordinal);

    public void Record(string intersectionId, long wireSeq, long actorSeq)
    {
        var list = plans.GetOrAdd(intersectionId, _ => []);
        lock (list)
        {
            list.Add((wireSeq, actorSeq));
            if (list.Count > Kept)
            {
                list.RemoveAt(0);
            }
        }
    }

    /// <summary>The actor's number of wire plan <paramref name="wireSeq"/>, or null when this service did not send it.</summary>
    public long? ActorSeq(string intersectionId, long wireSeq)
    {
        if (!plans.TryGetValue(intersectionId, out var list))
        {
            return null;
        }

        lock (list)
        {
            foreach (var (wire, actor) in list)
            {
                if (wire == wireSeq)
                {
                    return actor;
                }
            }
        }

        return null;
    }
}
