namespace Traffic.Control;

/// <summary>
/// Corridor coordination maths. Common cycle: the largest of the members' own (Webster) cycles, so
/// no member is oversaturated by the corridor. Offsets for a green wave in the peak direction: each
/// member's coordinated green starts when a vehicle that left the first member at the start of its
/// green arrives (cumulative travel time = link length / progression speed). Bandwidth: the classic
/// time-space-diagram measure, the longest window of departure times at the first member from which
/// a vehicle at the progression speed meets green at every member (one way); two-way is computed
/// for each direction.
/// </summary>
public static class Coordination
{
    private const double Step = 0.1;

    /// <summary>The common cycle: the largest member cycle, rounded up to a whole second, or <paramref name="chosen"/> when given.</summary>
    public static double CommonCycle(IEnumerable<double> memberCycles, double? chosen = null)
    {
        var cycles = memberCycles.ToList();
        if (cycles.Count == 0 || cycles.Any(c => !(c > 0) || double.IsInfinity(c)))
        {
            throw new ArgumentException($"corridor cycles must be a non-empty list of positive numbers (got {string.Join(", ", cycles)})", nameof(memberCycles));
        }

        if (chosen is { } c0)
        {
            if (c0 < cycles.Max())
            {
                throw new ArgumentException($"chosen cycle {c0} s is shorter than a member's own cycle {cycles.Max()} s", nameof(chosen));
            }

            return c0;
        }

        return Math.Ceiling(cycles.Max() - 1e-9);
    }

    /// <summary>Travel time in seconds over <paramref name="lengthM"/> at <paramref name="speedKmh"/>.</summary>
    public static double TravelTime(double lengthM, double speedKmh)
    {
        if (!(lengthM >= 0) || !(speedKmh > 0) || double.IsInfinity(lengthM + speedKmh))
        {
            throw new ArgumentException($"link of {lengthM} m at {speedKmh} km/h: length must be >= 0 and speed > 0");
        }

        return lengthM / (speedKmh / 3.6);
    }

    /// <summary>
    /// Offsets (seconds in [0, cycle)) that put the start of each member's outbound green (or inbound,
    /// when <paramref name="inboundPeak"/>) on the progression from the first (last) member.
    /// </summary>
    public static CorridorTiming GreenWave(IReadOnlyList<CorridorMember> members, double cycle, bool inboundPeak = false)
    {
        Check(members, cycle);
        var offsets = new Dictionary<string, double>(StringComparer.Ordinal);
        var arrival = 0.0;
        var order = inboundPeak ? Enumerable.Range(0, members.Count).Reverse().ToList() : Enumerable.Range(0, members.Count).ToList();
        for (var i = 0; i < order.Count; i++)
        {
            var m = members[order[i]];
            if (i > 0)
            {
                arrival += inboundPeak ? members[order[i - 1]].TravelTimeFromPrevious : m.TravelTimeFromPrevious;
            }

            var start = inboundPeak ? m.InboundGreenStart : m.OutboundGreenStart;
            offsets[m.Id] = Mod(arrival - start, cycle);
        }

        return new CorridorTiming(cycle, offsets, Bandwidth(members, cycle, offsets, false), Bandwidth(members, cycle, offsets, true));
    }

    /// <summary>
    /// Bandwidth in seconds for one direction: the longest run of departure times (mod cycle) at the
    /// first member of that direction from which a vehicle at the progression speed finds every
    /// member's green open. A member's green runs from offset + green start for its green time.
    /// </summary>
    public static double Bandwidth(IReadOnlyList<CorridorMember> members, double cycle, IReadOnlyDictionary<string, double> offsets, bool inbound)
    {
        Check(members, cycle);
        var steps = (int)Math.Round(cycle / Step);
        var open = new bool[steps];
        var order = inbound ? Enumerable.Range(0, members.Count).Reverse().ToList() : Enumerable.Range(0, members.Count).ToList();
        for (var s = 0; s < steps; s++)
        {
            var t = s * Step;
            var ok = true;
            var arrival = t;
            for (var i = 0; i < order.Count && ok; i++)
            {
                var m = members[order[i]];
                if (i > 0)
                {
                    arrival += inbound ? members[order[i - 1]].TravelTimeFromPrevious : m.TravelTimeFromPrevious;
                }

                var (start, green) = inbound ? (m.InboundGreenStart, m.InboundGreen) : (m.OutboundGreenStart, m.OutboundGreen);
                var offset = offsets.TryGetValue(m.Id, out var o) ? o : throw new ArgumentException($"no offset for corridor member {m.Id}", nameof(offsets));
                ok = Mod(arrival - offset - start + 1e-9, cycle) < green - 1e-9;
            }

            open[s] = ok;
        }

        if (open.All(o => o))
        {
            return cycle;
        }

        // Longest circular run of open departure times.
        var best = 0;
        var run = 0;
        for (var s = 0; s < 2 * steps; s++)
        {
            run = open[s % steps] ? run + 1 : 0;
            best = Math.Max(best, Math.Min(run, steps));
        }

        return Math.Round(best * Step, 1);
    }

    private static double Mod(double x, double m) => ((x % m) + m) % m;

    private static void Check(IReadOnlyList<CorridorMember> members, double cycle)
    {
        if (members.Count == 0 || !(cycle > 0) || double.IsInfinity(cycle))
        {
            throw new ArgumentException($"a corridor needs members and a positive cycle (got {members.Count} members, cycle {cycle} s)");
        }

        foreach (var m in members)
        {
            if (m.OutboundGreen < 0 || m.OutboundGreen > cycle || m.InboundGreen < 0 || m.InboundGreen > cycle || m.TravelTimeFromPrevious < 0)
            {
                throw new ArgumentException($"corridor member {m.Id}: greens must lie in [0, cycle {cycle} s] and travel time be >= 0 ({m})");
            }
        }
    }
}
