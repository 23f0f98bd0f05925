using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// Writes origin-destination demand for a network, seeded and reproducible (one <see cref="Random"/>,
/// drawn from in a fixed order). A gravity model over the legs that lead off the network:
/// <list type="bullet">
/// <item>Weight of an end = its lanes (approach lanes as an origin, outbound lanes as a destination), times
/// <see cref="ScenarioSpec.ArterialWeight"/> when it is an arterial end (the corridor itself leaving the
/// network), times a period factor from its distance r to the network's centre (0 at the centre, 1 at the
/// farthest intersection): AM origins 0.4 + 1.6 r and destinations 0.4 + 1.6 (1 - r) (inbound), PM the
/// reverse (outbound), off-peak 1. Origins also get a seeded log-normal factor (sigma 0.25).</item>
/// <item>Each origin produces its share of <see cref="ScenarioSpec.TotalVehPerHour"/> by weight. It sends it
/// to <see cref="ScenarioSpec.DestinationsPerOrigin"/> destinations drawn without replacement with probability
/// proportional to destination weight x exp(-free-flow time / DecayS), shared in proportion to the same
/// weights. Same-intersection trips and unreachable destinations are left out.</item>
/// <item>Flows are rounded to 0.1 veh/h; the routes are the shortest free-flow-time paths (<see cref="Router"/>).</item>
/// </list>
/// </summary>
public static class ScenarioGenerator
{
    public static ScenarioDocument Generate(Network network, ScenarioSpec spec)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(spec);
        if (!(spec.TotalVehPerHour > 0) || spec.DestinationsPerOrigin < 1 || !(spec.DecayS > 0) || !(spec.ArterialWeight > 0))
        {
            throw new ArgumentException($"scenario {spec.Name}: total, destinations per origin, decay and arterial weight must be positive", nameof(spec));
        }

        var random = new Random(spec.Seed);
        var router = new Router(RoadNetwork.Build(network, SimulationOptions.Default));
        var net = router.Network;
        var index = network.Intersections.Select((x, i) => (x.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var cx = network.Intersections.Average(x => x.X);
        var cy = network.Intersections.Average(x => x.Y);
        var maxR = network.Intersections.Max(x => Math.Sqrt(((x.X - cx) * (x.X - cx)) + ((x.Y - cy) * (x.Y - cy))));
        double Radius(string id)
        {
            var x = network.Intersections[index[id]];
            return maxR <= 0 ? 0 : Math.Sqrt(((x.X - cx) * (x.X - cx)) + ((x.Y - cy) * (x.Y - cy))) / maxR;
        }

        var arterial = ArterialEnds(network);
        var origins = router.Origins.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        var destinations = router.Destinations.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();

        var originWeight = origins.Select(o =>
        {
            var link = net.Links[o.Value];
            var w = link.LaneCount * (arterial.Contains((link.To, link.ToLeg)) ? spec.ArterialWeight : 1);
            var r = Radius(link.To);
            w *= spec.Period switch
            {
                DayPeriod.Am => 0.4 + (1.6 * r),
                DayPeriod.Pm => 0.4 + (1.6 * (1 - r)),
                _ => 1.0,
            };
            return w * Math.Exp(0.25 * Gaussian(random));
        }).ToArray();
        var destinationWeight = destinations.Select(d =>
        {
            var link = net.Links[d.Value];
            var w = link.LaneCount * (arterial.Contains((link.From, link.FromLeg)) ? spec.ArterialWeight : 1);
            var r = Radius(link.From);
            return w * spec.Period switch
            {
                DayPeriod.Am => 0.4 + (1.6 * (1 - r)),
                DayPeriod.Pm => 0.4 + (1.6 * r),
                _ => 1.0,
            };
        }).ToArray();

        var totalWeight = originWeight.Sum();
        var flows = new List<OdFlowDocument>();
        for (var o = 0; o < origins.Count; o++)
        {
            var from = net.Links[origins[o].Value];
            var produce = spec.TotalVehPerHour * originWeight[o] / totalWeight;

            // Weighted sampling without replacement (Efraimidis-Spirakis keys u^(1/w)), in destination-name order.
            var candidates = new List<(int Destination, double Weight, double Key)>();
            for (var d = 0; d < destinations.Count; d++)
            {
                var to = net.Links[destinations[d].Value];
                var u = random.NextDouble();
                if (to.From == from.To)
                {
                    continue;
                }

                var time = router.FreeFlowTime(origins[o].Value, destinations[d].Value);
                if (double.IsPositiveInfinity(time))
                {
                    continue;
                }

                var w = destinationWeight[d] * Math.Exp(-time / spec.DecayS);
                if (w > 0)
                {
                    candidates.Add((d, w, Math.Log(Math.Max(u, 1e-300)) / w));
                }
            }

            var chosen = candidates.OrderByDescending(c => c.Key).ThenBy(c => c.Destination).Take(spec.DestinationsPerOrigin).OrderBy(c => c.Destination).ToList();
            var sum = chosen.Sum(c => c.Weight);
            foreach (var c in chosen)
            {
                var vph = Math.Round(produce * c.Weight / sum, 1, MidpointRounding.AwayFromZero);
                if (vph > 0)
                {
                    flows.Add(new OdFlowDocument { Origin = origins[o].Key, Destination = destinations[c.Destination].Key, VehPerHour = vph });
                }
            }
        }

        var period = ScenarioSpec.PeriodName(spec.Period);
        return new ScenarioDocument
        {
            Name = spec.Name,
            Network = network.Name,
            Description = spec.Period switch
            {
                DayPeriod.Am => "AM peak hour: mostly inbound, from the outskirts and the arterial ends towards the centre",
                DayPeriod.Pm => "PM peak hour: mostly outbound, from the centre towards the outskirts and the arterial ends",
                _ => "off-peak hour: no preferred direction",
            },
            Period = period,
            Generator = new ScenarioGeneratorDocument
            {
                Seed = spec.Seed,
                TotalVehPerHour = spec.TotalVehPerHour,
                DestinationsPerOrigin = spec.DestinationsPerOrigin,
                DecayS = spec.DecayS,
                ArterialWeight = spec.ArterialWeight,
            },
            DurationS = spec.DurationS,
            Flows = flows,
        };
    }

    /// <summary>The spec that regenerates a generated document (null when it has no generator section).</summary>
    public static ScenarioSpec? SpecOf(ScenarioDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return doc.Generator is not { } g || doc.Name is null || doc.Period is null
            ? null
            : new ScenarioSpec(doc.Name, ScenarioSpec.ParsePeriod(doc.Period), g.Seed, g.TotalVehPerHour, g.DestinationsPerOrigin, g.DecayS, g.ArterialWeight, doc.DurationS);
    }

    /// <summary>
    /// Legs by which a corridor leaves the network: at each end intersection of a corridor, the leg without a
    /// link that points away from the neighbour (bearing within 45 degrees of the opposite of the leg linked to it).
    /// </summary>
    public static HashSet<(string Intersection, string Leg)> ArterialEnds(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var linked = new HashSet<(string, string)>();
        foreach (var l in network.Links)
        {
            linked.Add((l.From, l.FromLeg));
            linked.Add((l.To, l.ToLeg));
        }

        var ends = new HashSet<(string, string)>();
        foreach (var c in network.Corridors)
        {
            var ids = c.IntersectionIds;
            if (ids.Count < 2)
            {
                continue;
            }

            foreach (var (end, neighbour) in new[] { (ids[0], ids[1]), (ids[^1], ids[^2]) })
            {
                var link = network.Links.FirstOrDefault(l => l.From == end && l.To == neighbour);
                var towards = link?.FromLeg ?? network.Links.FirstOrDefault(l => l.To == end && l.From == neighbour)?.ToLeg;
                if (towards is null)
                {
                    continue;
                }

                var x = network.Intersection(end);
                var away = (x.Leg(towards).BearingDeg + 180) % 360;
                var best = x.Legs
                    .Where(l => !linked.Contains((end, l.Id)))
                    .Select(l => (l.Id, Off: Math.Abs(((l.BearingDeg - away + 540) % 360) - 180)))
                    .Where(p => p.Off <= 45)
                    .OrderBy(p => p.Off)
                    .FirstOrDefault();
                if (best.Id is not null)
                {
                    ends.Add((end, best.Id));
                }
            }
        }

        return ends;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
