namespace Traffic.Mqtt.Contract;

/// <summary>
/// The topic tree. Every topic carries the schema version: <c>traffic/v1/intersections/{id}/{kind}</c>
/// for per-intersection topics, <c>traffic/v1/alarms</c> and <c>traffic/v1/errors</c> for the global ones.
/// </summary>
public static class Topics
{
    public const int Version = 1;
    public const string Root = "traffic";
    public const string Prefix = "traffic/v1";
    public const string Alarms = Prefix + "/alarms";
    public const string Errors = Prefix + "/errors";

    /// <summary>
    /// What the service subscribes to: the five inbound kinds of every intersection in every version
    /// (so a wrong version is seen and rejected rather than silently missed). Not the outbound kinds:
    /// retained plans would come straight back. MQTT 5 no-local keeps the service from hearing itself.
    /// </summary>
    public static readonly IReadOnlyList<string> InboundFilters =
    [
        Root + "/+/intersections/+/detectors",
        Root + "/+/intersections/+/cctv",
        Root + "/+/intersections/+/tracks",
        Root + "/+/intersections/+/status",
        Root + "/+/intersections/+/ack",
    ];

    public static string Intersection(string intersectionId, TopicKind kind) =>
        kind is TopicKind.Alarms or TopicKind.Errors
            ? throw new ArgumentException($"{kind} is a global topic, not an intersection topic", nameof(kind))
            : $"{Prefix}/intersections/{intersectionId}/{Segment(kind)}";

    public static string Detectors(string intersectionId) => Intersection(intersectionId, TopicKind.Detectors);

    public static string Cctv(string intersectionId) => Intersection(intersectionId, TopicKind.Cctv);

    public static string Tracks(string intersectionId) => Intersection(intersectionId, TopicKind.Tracks);

    public static string Status(string intersectionId) => Intersection(intersectionId, TopicKind.Status);

    public static string Ack(string intersectionId) => Intersection(intersectionId, TopicKind.Ack);

    public static string Plan(string intersectionId) => Intersection(intersectionId, TopicKind.Plan);

    public static string Command(string intersectionId) => Intersection(intersectionId, TopicKind.Command);

    public static string Spat(string intersectionId) => Intersection(intersectionId, TopicKind.Spat);

    public static bool IsInbound(TopicKind kind) => kind is TopicKind.Detectors or TopicKind.Cctv or TopicKind.Tracks or TopicKind.Status or TopicKind.Ack;

    /// <summary>The topic segment of a kind: "detectors", "cctv", "tracks", "status", "ack", "plan", "command", "spat", "alarms", "errors".</summary>
    public static string Segment(TopicKind kind) => kind switch
    {
        TopicKind.Detectors => "detectors",
        TopicKind.Cctv => "cctv",
        TopicKind.Tracks => "tracks",
        TopicKind.Status => "status",
        TopicKind.Ack => "ack",
        TopicKind.Plan => "plan",
        TopicKind.Command => "command",
        TopicKind.Spat => "spat",
        TopicKind.Alarms => "alarms",
        TopicKind.Errors => "errors",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown topic kind"),
    };

    /// <summary>
    /// Splits a topic into its parts. Returns false when it is not shaped like a traffic topic at all;
    /// true with the parsed parts otherwise (the version and kind may still be wrong: callers check).
    /// The version is -1 when the version segment is not "v" followed by digits.
    /// </summary>
    public static bool TryParse(string topic, out TopicAddress address)
    {
        address = default;
        var parts = topic.Split('/');
        if (parts.Length < 3 || parts[0] != Root)
        {
            return false;
        }

        var version = ParseVersion(parts[1]);
        if (parts.Length == 3)
        {
            TopicKind? global = parts[2] switch
            {
                "alarms" => TopicKind.Alarms,
                "errors" => TopicKind.Errors,
                _ => null,
            };
            if (global is null)
            {
                return false;
            }

            address = new TopicAddress(version, null, global.Value);
            return true;
        }

        if (parts.Length != 5 || parts[2] != "intersections" || parts[3].Length == 0)
        {
            return false;
        }

        TopicKind? kind = parts[4] switch
        {
            "detectors" => TopicKind.Detectors,
            "cctv" => TopicKind.Cctv,
            "tracks" => TopicKind.Tracks,
            "status" => TopicKind.Status,
            "ack" => TopicKind.Ack,
            "plan" => TopicKind.Plan,
            "command" => TopicKind.Command,
            "spat" => TopicKind.Spat,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        address = new TopicAddress(version, parts[3], kind.Value);
        return true;
    }

    private static int ParseVersion(string segment)
    {
        if (segment.Length < 2 || segment[0] != 'v')
        {
            return -1;
        }

        return int.TryParse(segment.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1;
    }
}

/// <summary>A parsed topic. <paramref name="IntersectionId"/> is null for the global topics; <paramref name="Version"/> -1 when unreadable.</summary>
public readonly record struct TopicAddress(int Version, string? IntersectionId, TopicKind Kind);
