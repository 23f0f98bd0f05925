using System.Globalization;
using System.Xml.Linq;

namespace Traffic.Sumo.Import;

public sealed record SumoLane(string Id, string EdgeId, int Index, double Length, double Speed, IReadOnlyList<(double X, double Y)> Shape);

public sealed record SumoEdge(string Id, string From, string To, IReadOnlyList<SumoLane> Lanes);

/// <summary>A connection between two lanes; <paramref name="Tl"/> and <paramref name="LinkIndex"/> are set when a traffic light controls it.</summary>
public sealed record SumoConnection(string From, string To, int FromLane, int ToLane, string? Via, string? Tl, int LinkIndex, string Dir, string State)
{
    public string FromLaneId => $"{From}_{FromLane.ToString(CultureInfo.InvariantCulture)}";

    public string ToLaneId => $"{To}_{ToLane.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>A junction's right-of-way row: <paramref name="Foes"/> and <paramref name="Response"/> are bit strings, link 0 rightmost.</summary>
public sealed record SumoRequest(int Index, string Response, string Foes);

public sealed record SumoJunction(string Id, string Type, double X, double Y, IReadOnlyList<string> IncLanes, IReadOnlyList<string> IntLanes, IReadOnlyList<SumoRequest> Requests);

public sealed record SumoPhase(double Duration, string State);

public sealed record SumoTlLogic(string Id, string ProgramId, string Type, IReadOnlyList<SumoPhase> Phases);

/// <summary>The parts of a SUMO .net.xml that signal import needs (internal edges are skipped).</summary>
public sealed class SumoNet
{
    private SumoNet(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public Dictionary<string, SumoEdge> Edges { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SumoLane> Lanes { get; } = new(StringComparer.Ordinal);

    public List<SumoConnection> Connections { get; } = [];

    public Dictionary<string, SumoJunction> Junctions { get; } = new(StringComparer.Ordinal);

    public List<SumoTlLogic> TlLogics { get; } = [];

    public static SumoNet Load(string path)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(path);
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the SUMO network: {e.Message}", e);
        }

        var net = new SumoNet(path);
        foreach (var e in doc.Root!.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "edge" when (string?)e.Attribute("function") != "internal":
                    net.AddEdge(e);
                    break;
                case "edge":
                    break;
                case "connection":
                    net.Connections.Add(new SumoConnection(
                        Req(e, "from", path),
                        Req(e, "to", path),
                        Int(e, "fromLane", path),
                        Int(e, "toLane", path),
                        (string?)e.Attribute("via"),
                        (string?)e.Attribute("tl"),
                        e.Attribute("linkIndex") is null ? -1 : Int(e, "linkIndex", path),
                        (string?)e.Attribute("dir") ?? "s",
                        (string?)e.Attribute("state") ?? ""));
                    break;
                case "junction":
                    var requests = e.Elements("request")
                        .Select(r => new SumoRequest(Int(r, "index", path), Req(r, "response", path), Req(r, "foes", path)))
                        .OrderBy(r => r.Index)
                        .ToList();
                    net.Junctions[Req(e, "id", path)] = new SumoJunction(
                        Req(e, "id", path),
                        (string?)e.Attribute("type") ?? "",
                        Dbl(e, "x", path),
                        Dbl(e, "y", path),
                        Split((string?)e.Attribute("incLanes")),
                        Split((string?)e.Attribute("intLanes")),
                        requests);
                    break;
                case "tlLogic":
                    net.TlLogics.Add(new SumoTlLogic(
                        Req(e, "id", path),
                        (string?)e.Attribute("programID") ?? "0",
                        (string?)e.Attribute("type") ?? "static",
                        e.Elements("phase").Select(p => new SumoPhase(Dbl(p, "duration", path), Req(p, "state", path))).ToList()));
                    break;
            }
        }

        return net;
    }

    private void AddEdge(XElement e)
    {
        var id = Req(e, "id", Path);
        var lanes = new List<SumoLane>();
        foreach (var l in e.Elements("lane"))
        {
            var lane = new SumoLane(Req(l, "id", Path), id, Int(l, "index", Path), Dbl(l, "length", Path), Dbl(l, "speed", Path), Shape(l));
            lanes.Add(lane);
            Lanes[lane.Id] = lane;
        }

        Edges[id] = new SumoEdge(id, (string?)e.Attribute("from") ?? "", (string?)e.Attribute("to") ?? "", lanes);
    }

    private IReadOnlyList<(double X, double Y)> Shape(XElement lane)
    {
        var points = new List<(double, double)>();
        foreach (var p in Split((string?)lane.Attribute("shape")))
        {
            var xy = p.Split(',');
            if (xy.Length < 2
                || !double.TryParse(xy[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                || !double.TryParse(xy[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            {
                throw new InvalidDataException($"{Path}: lane {(string?)lane.Attribute("id")}: bad shape point '{p}'");
            }

            points.Add((x, y));
        }

        return points;
    }

    private static string[] Split(string? s) => string.IsNullOrWhiteSpace(s) ? [] : s.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Req(XElement e, string name, string path) =>
        (string?)e.Attribute(name) ?? throw new InvalidDataException($"{path}: <{e.Name.LocalName} id=\"{(string?)e.Attribute("id")}\"> has no '{name}' attribute");

    private static int Int(XElement e, string name, string path) =>
        int.TryParse(Req(e, name, path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"{path}: <{e.Name.LocalName}>: '{name}' is not an integer: '{(string?)e.Attribute(name)}'");

    private static double Dbl(XElement e, string name, string path) =>
        double.TryParse(Req(e, name, path), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"{path}: <{e.Name.LocalName}>: '{name}' is not a number: '{(string?)e.Attribute(name)}'");
}
