using System.Globalization;
using System.Xml.Linq;
using Traffic.Sumo.Import;

namespace Traffic.Sumo.Runs;

/// <summary>
/// A measuring zone: a single-lane E2 detector (<paramref name="Detector"/>, null when the lane itself
/// is read) plus <paramref name="Lanes"/>, whole lanes read by their own last-step values: when the
/// zone covers its lane, the lanes before it (upstream zones) or after it (downstream zones) that the
/// zone reaches into, and the lane itself when it is read whole.
/// </summary>
internal sealed record Zone(string DetectorId, XElement? Detector, IReadOnlyList<string> Lanes);

/// <summary>
/// Places the runner's measuring zones. An upstream zone ends at the stop line and reaches back
/// over single predecessor lanes when the lane is shorter than the zone; a downstream zone starts
/// where the lane starts and reaches forward over single successor lanes. Chains stop at lanes
/// controlled by a traffic light (they belong to that light), at merges and splits, and at the end
/// of the network. (SUMO 1.15's multi-lane E2 detectors trip an assertion under TraCI, so the
/// extra lanes are read as whole lanes.)
/// </summary>
internal sealed class DetectorLayout
{
    private readonly SumoNet net;
    private readonly Dictionary<string, List<string>> predecessors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> successors = new(StringComparer.Ordinal);
    private readonly HashSet<string> signalled = new(StringComparer.Ordinal);

    public DetectorLayout(SumoNet net)
    {
        this.net = net;
        foreach (var c in net.Connections)
        {
            if (c.From.StartsWith(':') || !net.Lanes.ContainsKey(c.FromLaneId) || !net.Lanes.ContainsKey(c.ToLaneId))
            {
                continue;
            }

            if (c.Tl is not null)
            {
                signalled.Add(c.FromLaneId);
                continue;
            }

            Add(predecessors, c.ToLaneId, c.FromLaneId);
            Add(successors, c.FromLaneId, c.ToLaneId);
        }
    }

    /// <summary>
    /// A zone ending at the stop line. <paramref name="wholeLane"/>: when the zone covers the lane, read
    /// the lane's own values instead of placing an E2 (same vehicle number; lane halting means below
    /// 0.1 m/s where an E2's means below 1.39 m/s, so only presence zones use it).
    /// </summary>
    public Zone Upstream(string id, string lane, double zone, bool wholeLane = false) => Place(id, lane, zone, predecessors, upstream: true, wholeLane);

    /// <summary>
    /// The lanes from which a vehicle reaches <paramref name="lane"/>'s stop line within <paramref name="zone"/> metres,
    /// each with the distance from its end to the stop line: the lane, then every lane upstream whose only
    /// connection leads onward towards it (merges are followed into each branch; a lane that also leads elsewhere,
    /// or that a traffic light controls, ends the search).
    /// </summary>
    public IReadOnlyList<(string Lane, double Offset)> UpstreamLanes(string lane, double zone)
    {
        var result = new List<(string, double)> { (lane, 0) };
        var seen = new HashSet<string>(StringComparer.Ordinal) { lane };
        var frontier = new Queue<(string Lane, double Offset)>();
        frontier.Enqueue((lane, net.Lanes[lane].Length));
        while (frontier.Count > 0)
        {
            var (current, offset) = frontier.Dequeue();
            if (offset >= zone || !predecessors.TryGetValue(current, out var before))
            {
                continue;
            }

            foreach (var b in before)
            {
                if (signalled.Contains(b) || !successors.TryGetValue(b, out var after) || after.Count != 1 || !seen.Add(b))
                {
                    continue;
                }

                result.Add((b, offset));
                frontier.Enqueue((b, offset + net.Lanes[b].Length));
            }
        }

        return result;
    }

    /// <summary>The lane and its single successors within <paramref name="zone"/> metres, each with the distance from the junction to its start.</summary>
    public IReadOnlyList<(string Lane, double Offset)> DownstreamLanes(string lane, double zone)
    {
        var result = new List<(string, double)> { (lane, 0) };
        var offset = net.Lanes[lane].Length;
        foreach (var after in Chain(lane, zone - offset, successors, stopAtSignal: false))
        {
            result.Add((after, offset));
            offset += net.Lanes[after].Length;
        }

        return result;
    }

    public Zone Downstream(string id, string lane, double zone) => Place(id, lane, zone, successors, upstream: false, wholeLane: false);

    private Zone Place(string id, string lane, double zone, Dictionary<string, List<string>> next, bool upstream, bool wholeLane)
    {
        var length = net.Lanes[lane].Length;
        var chain = Chain(lane, zone - length, next, stopAtSignal: upstream);
        if (wholeLane && zone >= length)
        {
            return new Zone(id, null, [lane, .. chain]);
        }

        var size = Math.Max(0.5, Math.Min(zone, length - 0.1));
        return new Zone(id, Element(id, lane, upstream ? Math.Max(0, length - size - 0.05) : 0, size), chain);
    }

    /// <summary>
    /// True when <paramref name="lane"/>, or a lane it leads into over single successors within
    /// <paramref name="distance"/> metres, is an incoming lane of a traffic light.
    /// </summary>
    public bool LeadsToSignal(string lane, double distance)
    {
        var current = lane;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Add(current))
        {
            if (signalled.Contains(current))
            {
                return true;
            }

            distance -= net.Lanes[current].Length;
            if (distance < 0 || !successors.TryGetValue(current, out var options) || options.Count != 1)
            {
                return false;
            }

            current = options[0];
        }

        return false;
    }

    private List<string> Chain(string lane, double remaining, Dictionary<string, List<string>> next, bool stopAtSignal)
    {
        var chain = new List<string>();
        var current = lane;
        while (remaining > 0 && next.TryGetValue(current, out var options) && options.Count == 1
               && !(stopAtSignal && signalled.Contains(options[0])) && options[0] != lane && !chain.Contains(options[0]))
        {
            current = options[0];
            chain.Add(current);
            remaining -= net.Lanes[current].Length;
        }

        return chain;
    }

    private static XElement Element(string id, string lane, double pos, double length) =>
        new(
            "laneAreaDetector",
            new XAttribute("id", id),
            new XAttribute("lane", lane),
            new XAttribute("pos", Str(pos)),
            new XAttribute("length", Str(length)),
            new XAttribute("freq", "86400"),
            new XAttribute("file", "NUL"));

    private static string Str(double v) => Math.Round(v, 2).ToString(CultureInfo.InvariantCulture);

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
