namespace Traffic.Signals.Model;

/// <summary>A directed road link: leaving <paramref name="From"/> by leg <paramref name="FromLeg"/>, arriving at <paramref name="To"/> on leg <paramref name="ToLeg"/>.</summary>
public sealed record Link(string From, string FromLeg, string To, string ToLeg, double LengthM, double SpeedKmh);

/// <summary>An arterial corridor: intersections in order along it and the links between consecutive ones.</summary>
public sealed record Corridor(string Id, string Name, IReadOnlyList<string> IntersectionIds, IReadOnlyList<Link> Links);

public sealed record Network(
    string Name,
    IReadOnlyList<Intersection> Intersections,
    IReadOnlyList<Link> Links,
    IReadOnlyList<Corridor> Corridors)
{
    public Intersection Intersection(string id)
    {
        foreach (var i in Intersections)
        {
            if (i.Id == id)
            {
                return i;
            }
        }

        throw new ArgumentException($"network {Name} has no intersection {id}", nameof(id));
    }
}
