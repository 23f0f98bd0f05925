using System.Globalization;
using Traffic.Signals.Model;

namespace Traffic.Signals.Config;

/// <summary>
/// Checks links and corridors against the intersection documents (so a link to an intersection with
/// its own errors is still checked) and builds the model records.
/// </summary>
internal sealed class LinkResolver(ErrorSink errors, IReadOnlyDictionary<string, IntersectionDocument> intersections)
{
    public List<Link> Resolve(List<LinkDocument>? links, List<CorridorDocument>? corridors, out List<Corridor> resolvedCorridors)
    {
        var result = new List<Link>();
        var starts = new HashSet<(string, string)>();
        for (var i = 0; i < (links?.Count ?? 0); i++)
        {
            var l = links![i];
            var lp = ErrorSink.Item(string.Empty, "links", i);
            var from = End(l.From, l.FromLeg, lp, "from", "fromLeg", outbound: true);
            var to = End(l.To, l.ToLeg, lp, "to", "toLeg", outbound: false);
            var ok = from is not null && to is not null;
            if (l.From is not null && l.From == l.To)
            {
                errors.Add(ErrorSink.Field(lp, "to"), "a link must join two different intersections");
                ok = false;
            }

            if (l.LengthM is null)
            {
                errors.Missing(ErrorSink.Field(lp, "lengthM"));
                ok = false;
            }
            else if (l.LengthM is < 10 or > 5000 || double.IsNaN(l.LengthM.Value))
            {
                errors.Add(ErrorSink.Field(lp, "lengthM"), string.Create(CultureInfo.InvariantCulture, $"{l.LengthM:0.#} is outside 10..5000 m"));
                ok = false;
            }

            var speed = l.SpeedKmh ?? to?.SpeedLimitKmh;
            if (l.SpeedKmh is { } s && (s is < 5 or > 120 || double.IsNaN(s)))
            {
                errors.Add(ErrorSink.Field(lp, "speedKmh"), string.Create(CultureInfo.InvariantCulture, $"{s:0.#} is outside 5..120 km/h"));
                ok = false;
            }

            if (ok && !starts.Add((l.From!, l.FromLeg!)))
            {
                errors.Add(lp, $"a link leaving {l.From} by leg {l.FromLeg} is already given");
                ok = false;
            }

            if (ok)
            {
                result.Add(new Link(l.From!, l.FromLeg!, l.To!, l.ToLeg!, l.LengthM!.Value, speed ?? 0));
            }
        }

        resolvedCorridors = Corridors(corridors, result);
        return result;
    }

    /// <summary>Checks one end of a link; returns its leg document, or null after reporting.</summary>
    private LegDocument? End(string? intersection, string? leg, string lp, string field, string legField, bool outbound)
    {
        if (intersection is null)
        {
            errors.Missing(ErrorSink.Field(lp, field));
            return null;
        }

        if (!intersections.TryGetValue(intersection, out var doc))
        {
            errors.Add(ErrorSink.Field(lp, field), $"unknown intersection \"{intersection}\"");
            return null;
        }

        if (leg is null)
        {
            errors.Missing(ErrorSink.Field(lp, legField));
            return null;
        }

        var l = doc.Legs?.FirstOrDefault(x => x.Id == leg);
        if (l is null)
        {
            errors.Add(ErrorSink.Field(lp, legField), $"intersection {intersection} has no leg \"{leg}\"");
            return null;
        }

        var inbound = l.Lanes?.Count ?? 0;
        var lanes = outbound ? l.OutboundLanes ?? Math.Max(1, inbound) : inbound;
        if (lanes == 0)
        {
            errors.Add(ErrorSink.Field(lp, legField), outbound
                ? $"leg {leg} of {intersection} has no outbound lanes, so no link can leave by it"
                : $"leg {leg} of {intersection} has no approach lanes, so no link can arrive on it");
            return null;
        }

        return l;
    }

    private List<Corridor> Corridors(List<CorridorDocument>? corridors, List<Link> links)
    {
        var result = new List<Corridor>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (corridors?.Count ?? 0); i++)
        {
            var c = corridors![i];
            var cp = ErrorSink.Item(string.Empty, "corridors", i, c.Id);
            var ok = true;
            if (c.Id is null)
            {
                errors.Missing(ErrorSink.Field(cp, "id"));
                ok = false;
            }
            else if (!ids.Add(c.Id))
            {
                errors.Add(ErrorSink.Field(cp, "id"), $"duplicate corridor id \"{c.Id}\"");
                ok = false;
            }

            var members = c.Intersections ?? [];
            if (members.Count < 2)
            {
                errors.Add(ErrorSink.Field(cp, "intersections"), "a corridor needs at least 2 intersections");
                ok = false;
            }

            var corridorLinks = new List<Link>();
            for (var k = 0; k < members.Count; k++)
            {
                var at = string.Create(CultureInfo.InvariantCulture, $"{cp}.intersections[{k}]");
                if (!intersections.ContainsKey(members[k]))
                {
                    errors.Add(at, $"unknown intersection \"{members[k]}\"");
                    ok = false;
                    continue;
                }

                if (members.IndexOf(members[k]) < k)
                {
                    errors.Add(at, $"intersection {members[k]} appears twice in the corridor");
                    ok = false;
                    continue;
                }

                if (k == 0 || !intersections.ContainsKey(members[k - 1]))
                {
                    continue;
                }

                var between = links.Where(l => (l.From == members[k - 1] && l.To == members[k]) || (l.From == members[k] && l.To == members[k - 1])).ToList();
                if (between.Count == 0)
                {
                    errors.Add(at, $"no link joins {members[k - 1]} and {members[k]} in either direction");
                    ok = false;
                }

                corridorLinks.AddRange(between.OrderBy(l => l.From == members[k - 1] ? 0 : 1));
            }

            if (ok)
            {
                result.Add(new Corridor(c.Id!, c.Name ?? c.Id!, members, corridorLinks));
            }
        }

        return result;
    }
}
