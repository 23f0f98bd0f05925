using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// The simulated road network built from a model <see cref="Network"/>: for every leg with approach
/// lanes an approach link (the model link that feeds it, or an entry link from outside), for every
/// leg with outbound lanes and no model link leaving it an exit link, and for every movement the
/// path through the intersection. Lanes and movements get dense global indices; the hot loop uses
/// the flat arrays (internal), everything else the info records.
/// </summary>
public sealed class RoadNetwork
{
    // Lanes (global index).
    internal readonly int[] LaneLink;
    internal readonly double[] LaneLength;
    internal readonly double[] LaneSpeed;
    internal readonly int[] LaneIntersection; // downstream intersection, -1 on an exit link
    internal readonly int[] LaneApproach; // approach index (intersection, leg), -1 on an exit link
    internal readonly bool[] LaneIsExit;

    // Links.
    internal readonly LinkKind[] LinkKinds;
    internal readonly int[] LinkFirstLane;
    internal readonly int[] LinkLaneCount;

    // Movements (global index = MovementBase[intersection] + model movement index).
    internal readonly int[] MovementBase;
    internal readonly int[] MovIntersection;
    internal readonly int[] MovExitLink;
    internal readonly double[] MovPath;
    internal readonly Turn[] MovTurn;
    internal readonly int[] MovLaneStart; // into MovLanes
    internal readonly int[] MovLanes;
    internal readonly int[] MovOpposingStart; // into MovOpposing
    internal readonly int[] MovOpposing;

    private readonly LinkInfo[] links;
    private readonly MovementInfo[] movements;
    private readonly (int Intersection, string Leg)[] approaches;
    private readonly Dictionary<(int Intersection, string Leg), int> approachLink;

    private RoadNetwork(Network model, List<LinkInfo> links, List<MovementInfo> movements, List<(int, string)> approaches, Dictionary<(int, string), int> approachLink, int laneCount, List<double> laneSpeeds)
    {
        Model = model;
        this.links = [.. links];
        this.movements = [.. movements];
        this.approaches = [.. approaches];
        this.approachLink = approachLink;

        LaneLink = new int[laneCount];
        LaneLength = new double[laneCount];
        LaneSpeed = [.. laneSpeeds];
        LaneIntersection = new int[laneCount];
        LaneApproach = new int[laneCount];
        LaneIsExit = new bool[laneCount];
        LinkKinds = new LinkKind[links.Count];
        LinkFirstLane = new int[links.Count];
        LinkLaneCount = new int[links.Count];
        var approachIndex = new Dictionary<(int, string), int>();
        for (var a = 0; a < approaches.Count; a++)
        {
            approachIndex[approaches[a]] = a;
        }

        foreach (var k in links)
        {
            LinkKinds[k.Index] = k.Kind;
            LinkFirstLane[k.Index] = k.FirstLane;
            LinkLaneCount[k.Index] = k.LaneCount;
            var toIndex = k.Kind == LinkKind.Exit ? -1 : IndexOf(model, k.To);
            for (var l = k.FirstLane; l < k.FirstLane + k.LaneCount; l++)
            {
                LaneLink[l] = k.Index;
                LaneLength[l] = k.LengthM;
                LaneIntersection[l] = toIndex;
                LaneIsExit[l] = k.Kind == LinkKind.Exit;
                LaneApproach[l] = toIndex < 0 ? -1 : approachIndex[(toIndex, k.ToLeg)];
            }
        }

        MovementBase = new int[model.Intersections.Count + 1];
        for (var i = 0; i < model.Intersections.Count; i++)
        {
            MovementBase[i + 1] = MovementBase[i] + model.Intersections[i].Movements.Count;
        }

        var n = movements.Count;
        MovIntersection = new int[n];
        MovExitLink = new int[n];
        MovPath = new double[n];
        MovTurn = new Turn[n];
        MovLaneStart = new int[n + 1];
        MovOpposingStart = new int[n + 1];
        var lanes = new List<int>();
        var opposing = new List<int>();
        foreach (var m in movements)
        {
            MovIntersection[m.Index] = m.Intersection;
            MovExitLink[m.Index] = m.ExitLink;
            MovPath[m.Index] = m.PathLengthM;
            MovTurn[m.Index] = model.Intersections[m.Intersection].Movements[m.Movement].Turn;
            MovLaneStart[m.Index] = lanes.Count;
            lanes.AddRange(m.Lanes);
            MovLaneStart[m.Index + 1] = lanes.Count;
            MovOpposingStart[m.Index] = opposing.Count;
            opposing.AddRange(m.OpposingLanes);
            MovOpposingStart[m.Index + 1] = opposing.Count;
        }

        MovLanes = [.. lanes];
        MovOpposing = [.. opposing];
    }

    public Network Model { get; }

    public int LaneCount => LaneLink.Length;

    public int MovementCount => movements.Length;

    public IReadOnlyList<LinkInfo> Links => links;

    public IReadOnlyList<MovementInfo> Movements => movements;

    /// <summary>Approaches (intersection index, leg id) in index order; a lane's approach is <see cref="ApproachOfLane"/>.</summary>
    public IReadOnlyList<(int Intersection, string Leg)> Approaches => approaches;

    public int ApproachOfLane(int lane) => LaneApproach[lane];

    public int LinkOfLane(int lane) => LaneLink[lane];

    public double LaneLengthM(int lane) => LaneLength[lane];

    /// <summary>The approach link of a leg, or -1 when the leg has no approach lanes.</summary>
    public int ApproachLink(int intersection, string leg) => approachLink.TryGetValue((intersection, leg), out var k) ? k : -1;

    /// <summary>Global approach lane of model lane <paramref name="laneIndex"/> (1-based from the left) of a leg.</summary>
    public int ApproachLane(int intersection, string leg, int laneIndex)
    {
        var k = ApproachLink(intersection, leg);
        if (k < 0 || laneIndex < 1 || laneIndex > LinkLaneCount[k])
        {
            throw new ArgumentException($"intersection {Model.Intersections[intersection].Id} leg {leg} has no approach lane {laneIndex}", nameof(laneIndex));
        }

        return LinkFirstLane[k] + laneIndex - 1;
    }

    public int MovementIndex(int intersection, int movement) => MovementBase[intersection] + movement;

    /// <summary>Global movement index of "I001" / "W.T"; throws naming both when unknown.</summary>
    public int MovementIndex(string intersectionId, string movementId)
    {
        var i = IndexOf(Model, intersectionId);
        if (i < 0)
        {
            throw new ArgumentException($"network {Model.Name} has no intersection {intersectionId}", nameof(intersectionId));
        }

        var ms = Model.Intersections[i].Movements;
        for (var j = 0; j < ms.Count; j++)
        {
            if (ms[j].Id == movementId)
            {
                return MovementBase[i] + j;
            }
        }

        throw new ArgumentException($"intersection {intersectionId} has no movement {movementId}", nameof(movementId));
    }

    public static RoadNetwork Build(Network model, SimulationOptions options)
    {
        var errors = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < model.Intersections.Count; i++)
        {
            if (!index.TryAdd(model.Intersections[i].Id, i))
            {
                errors.Add($"intersections[{i}] ({model.Intersections[i].Id}): duplicate id");
            }
        }

        var incoming = new Dictionary<(int, string), Link>();
        var outgoing = new Dictionary<(int, string), Link>();
        for (var n = 0; n < model.Links.Count; n++)
        {
            var link = model.Links[n];
            var where = $"links[{n}] ({link.From}.{link.FromLeg} -> {link.To}.{link.ToLeg})";
            if (!index.TryGetValue(link.From, out var from) || !index.TryGetValue(link.To, out var to))
            {
                errors.Add($"{where}: unknown intersection");
                continue;
            }

            var fromLeg = FindLeg(model.Intersections[from], link.FromLeg);
            var toLeg = FindLeg(model.Intersections[to], link.ToLeg);
            if (fromLeg is null || toLeg is null)
            {
                errors.Add($"{where}: unknown leg");
                continue;
            }

            if (!(link.LengthM > 0))
            {
                errors.Add($"{where}: lengthM must be positive, got {link.LengthM}");
            }

            if (fromLeg.OutboundLanes <= 0)
            {
                errors.Add($"{where}: leg {link.FromLeg} of {link.From} has no outbound lanes");
            }

            if (CountLanes(model.Intersections[to], link.ToLeg) == 0)
            {
                errors.Add($"{where}: leg {link.ToLeg} of {link.To} has no approach lanes");
            }

            if (!outgoing.TryAdd((from, link.FromLeg), link))
            {
                errors.Add($"{where}: a second link leaves {link.From} by leg {link.FromLeg}");
            }

            if (!incoming.TryAdd((to, link.ToLeg), link))
            {
                errors.Add($"{where}: a second link arrives at {link.To} on leg {link.ToLeg}");
            }
        }

        if (errors.Count > 0)
        {
            throw new SimulationConfigException($"network {model.Name}", errors);
        }

        var links = new List<LinkInfo>();
        var laneSpeeds = new List<double>();
        var approaches = new List<(int, string)>();
        var approachLink = new Dictionary<(int, string), int>();
        var lane = 0;

        // Approach links first, in intersection and leg order.
        for (var i = 0; i < model.Intersections.Count; i++)
        {
            var x = model.Intersections[i];
            foreach (var leg in x.Legs)
            {
                var count = CountLanes(x, leg.Id);
                if (count == 0)
                {
                    continue;
                }

                LinkInfo info;
                if (incoming.TryGetValue((i, leg.Id), out var link))
                {
                    var speed = link.SpeedKmh > 0 ? link.SpeedKmh / 3.6 : leg.SpeedLimitMs;
                    info = new LinkInfo(links.Count, LinkKind.Internal, link.From, link.FromLeg, x.Id, leg.Id, link.LengthM, speed, lane, count);
                }
                else
                {
                    info = new LinkInfo(links.Count, LinkKind.Entry, "", "", x.Id, leg.Id, options.EntryLinkLengthM, leg.SpeedLimitMs, lane, count);
                }

                approachLink[(i, leg.Id)] = info.Index;
                approaches.Add((i, leg.Id));
                links.Add(info);
                for (var k = 0; k < count; k++)
                {
                    laneSpeeds.Add(info.SpeedMs);
                }

                lane += count;
            }
        }

        var exitLink = new Dictionary<(int, string), int>();
        for (var i = 0; i < model.Intersections.Count; i++)
        {
            var x = model.Intersections[i];
            foreach (var leg in x.Legs)
            {
                if (leg.OutboundLanes <= 0)
                {
                    continue;
                }

                if (outgoing.TryGetValue((i, leg.Id), out var link))
                {
                    exitLink[(i, leg.Id)] = approachLink[(index[link.To], link.ToLeg)];
                    continue;
                }

                var info = new LinkInfo(links.Count, LinkKind.Exit, x.Id, leg.Id, "", "", options.ExitLinkLengthM, leg.SpeedLimitMs, lane, leg.OutboundLanes);
                exitLink[(i, leg.Id)] = info.Index;
                links.Add(info);
                for (var k = 0; k < leg.OutboundLanes; k++)
                {
                    laneSpeeds.Add(info.SpeedMs);
                }

                lane += leg.OutboundLanes;
            }
        }

        var movements = new List<MovementInfo>();
        for (var i = 0; i < model.Intersections.Count; i++)
        {
            var x = model.Intersections[i];
            for (var j = 0; j < x.Movements.Count; j++)
            {
                var m = x.Movements[j];
                var where = $"intersections[{i}] ({x.Id}).movements[{j}] ({m.Id})";
                if (!approachLink.TryGetValue((i, m.FromLeg), out var from))
                {
                    errors.Add($"{where}: entry leg {m.FromLeg} has no approach lanes");
                    continue;
                }

                if (!exitLink.TryGetValue((i, m.ToLeg), out var to))
                {
                    errors.Add($"{where}: exit leg {m.ToLeg} has no outbound lanes");
                    continue;
                }

                var carrying = new List<int>();
                foreach (var l in x.Lanes)
                {
                    if (l.LegId == m.FromLeg && l.MovementIds.Contains(m.Id))
                    {
                        carrying.Add(links[from].FirstLane + LaneSlot(x, l));
                    }
                }

                if (carrying.Count == 0)
                {
                    errors.Add($"{where}: no approach lane of leg {m.FromLeg} carries it");
                    continue;
                }

                var opposingLanes = new List<int>();
                if (m.Turn is Turn.Left or Turn.UTurn)
                {
                    var opp = OpposingLeg(x, x.Leg(m.FromLeg));
                    if (opp is not null && approachLink.TryGetValue((i, opp.Id), out var oppLink))
                    {
                        for (var l = 0; l < links[oppLink].LaneCount; l++)
                        {
                            opposingLanes.Add(links[oppLink].FirstLane + l);
                        }
                    }
                }

                movements.Add(new MovementInfo(movements.Count, i, j, m.Id, from, to, IntersectionGeometry.PathLength(x, m), carrying, opposingLanes));
            }
        }

        if (errors.Count > 0)
        {
            throw new SimulationConfigException($"network {model.Name}", errors);
        }

        return new RoadNetwork(model, links, movements, approaches, approachLink, lane, laneSpeeds);
    }

    internal static int IndexOf(Network model, string id)
    {
        for (var i = 0; i < model.Intersections.Count; i++)
        {
            if (model.Intersections[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static Leg? FindLeg(Intersection x, string id)
    {
        foreach (var l in x.Legs)
        {
            if (l.Id == id)
            {
                return l;
            }
        }

        return null;
    }

    private static int CountLanes(Intersection x, string leg)
    {
        var n = 0;
        foreach (var l in x.Lanes)
        {
            if (l.LegId == leg)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>0-based position of a model lane among its leg's lanes, ordered by Index (left to right).</summary>
    private static int LaneSlot(Intersection x, Lane lane)
    {
        var slot = 0;
        foreach (var l in x.Lanes)
        {
            if (l.LegId == lane.LegId && l.Index < lane.Index)
            {
                slot++;
            }
        }

        return slot;
    }

    /// <summary>The leg facing <paramref name="leg"/>: bearing difference closest to 180 deg, within 45 deg of it.</summary>
    private static Leg? OpposingLeg(Intersection x, Leg leg)
    {
        Leg? best = null;
        var bestOff = 45.0;
        foreach (var other in x.Legs)
        {
            if (other.Id == leg.Id)
            {
                continue;
            }

            var off = Math.Abs(Math.Abs(IntersectionGeometry.Wrap(other.BearingDeg - leg.BearingDeg)) - 180);
            if (off <= bestOff)
            {
                best = other;
                bestOff = off;
            }
        }

        return best;
    }
}
