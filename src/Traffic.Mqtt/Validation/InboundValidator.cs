using System.Globalization;
using System.Text.Json;
using Traffic.Mqtt.Contract;
using Traffic.Signals.Model;

namespace Traffic.Mqtt.Validation;

/// <summary>
/// The door: turns topic + payload bytes + receive time into a typed <see cref="InboundMessage"/> or a
/// <see cref="Rejection"/>. No I/O and no clock: the receive time is given. The only state is the
/// last accepted sequence number per (topic, source), so call it from one thread (the ingest does).
/// Checks in order: size, topic (shape, version, inbound kind, intersection), JSON well-formed,
/// payload version, schema (fields, types), values against the network model and ranges, event time
/// window, sequence number. A rejected message does not advance its source's sequence.
/// </summary>
public sealed class InboundValidator
{
    private readonly Dictionary<string, Site> sites = new(StringComparer.Ordinal);
    private readonly SequenceTracker sequences = new();

    public InboundValidator(Network network, ValidatorOptions? options = null)
    {
        Options = options ?? ValidatorOptions.Default;
        foreach (var i in network.Intersections)
        {
            sites[i.Id] = new Site(i);
        }
    }

    public ValidatorOptions Options { get; }

    public ValidationResult Validate(string topic, ReadOnlySpan<byte> payload, DateTimeOffset receivedAt)
    {
        if (payload.Length > Options.MaxPayloadBytes)
        {
            return Reject(RejectReason.PayloadTooLarge, $"payload is {payload.Length} bytes, the limit is {Options.MaxPayloadBytes}");
        }

        if (!Topics.TryParse(topic, out var address) || address.IntersectionId is null)
        {
            return Reject(RejectReason.UnknownTopic, $"'{Clip(topic)}' is not an inbound topic (expected {Topics.Prefix}/intersections/{{id}}/detectors|cctv|tracks|status|ack)");
        }

        if (address.Version != Topics.Version)
        {
            return Reject(RejectReason.WrongSchemaVersion, $"topic '{Clip(topic)}' has schema version segment '{topic.Split('/')[1]}'; this service speaks v{Topics.Version}");
        }

        if (!Topics.IsInbound(address.Kind))
        {
            return Reject(RejectReason.UnknownTopic, $"'{Topics.Segment(address.Kind)}' is an outbound topic; the service does not take input on '{Clip(topic)}'");
        }

        if (!sites.TryGetValue(address.IntersectionId, out var site))
        {
            return Reject(RejectReason.UnknownIntersection, $"intersection '{Clip(address.IntersectionId)}' is not in the network");
        }

        var scanned = ScanEnvelope(payload);
        if (scanned is not null)
        {
            return ValidationResult.Reject(scanned.Reason, scanned.Detail);
        }

        WireMessage message;
        try
        {
            message = WireCodec.Decode(address.Kind, payload);
        }
        catch (TimestampFormatException e)
        {
            return Reject(RejectReason.BadTimestamp, $"{PathOf(e)}: {e.Message}");
        }
        catch (JsonException e)
        {
            var r = Classify(e);
            return ValidationResult.Reject(r.Reason, r.Detail);
        }

        var problem = CheckEnvelope(message)
            ?? CheckContent(site, message)
            ?? CheckTime(message.Time, receivedAt)
            ?? sequences.Check(topic, message.Source, message.Seq, message.Time);
        if (problem is not null)
        {
            return ValidationResult.Reject(problem.Reason, problem.Detail);
        }

        sequences.Commit(topic, message.Source, message.Seq, message.Time);
        return ValidationResult.Accept(new InboundMessage(site.Model.Id, address.Kind, message, receivedAt));
    }

    /// <summary>One pass of the reader: well-formed JSON, an object at the root, "v" present and equal to the schema version.</summary>
    private static Rejection? ScanEnvelope(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        int? version = null;
        Rejection? versionProblem = null;
        try
        {
            if (!reader.Read())
            {
                return new Rejection(RejectReason.MalformedJson, "payload is empty");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new Rejection(RejectReason.WrongType, $"payload must be a JSON object, got {reader.TokenType}");
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("v"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v))
                    {
                        version = v;
                    }
                    else
                    {
                        versionProblem = new Rejection(RejectReason.WrongType, $"$.v: the schema version must be an integer, got {reader.TokenType}");
                    }
                }
            }
        }
        catch (JsonException e)
        {
            return new Rejection(RejectReason.MalformedJson, $"not well-formed JSON at byte {reader.BytesConsumed}: {FirstSentence(e.Message)}");
        }

        if (versionProblem is not null)
        {
            return versionProblem;
        }

        if (version is null)
        {
            return new Rejection(RejectReason.MissingField, "$.v: the schema version is required");
        }

        return version == Topics.Version
            ? null
            : new Rejection(RejectReason.WrongSchemaVersion, $"$.v is {version}; this service speaks v{Topics.Version}");
    }

    private Rejection? CheckEnvelope(WireMessage m)
    {
        if (string.IsNullOrWhiteSpace(m.Source) || m.Source.Length > Options.MaxSourceLength)
        {
            return new Rejection(RejectReason.OutOfRange, $"$.source must be 1..{Options.MaxSourceLength} characters, got '{Clip(m.Source)}'");
        }

        return m.Seq < 1 ? new Rejection(RejectReason.OutOfRange, $"$.seq must be >= 1, got {m.Seq}") : null;
    }

    private Rejection? CheckTime(DateTimeOffset time, DateTimeOffset receivedAt)
    {
        var ahead = time - receivedAt;
        if (ahead > Options.FutureTolerance)
        {
            return new Rejection(RejectReason.TimestampInFuture, $"$.time {Iso(time)} is {ahead.TotalSeconds:0.###} s after the receive time {Iso(receivedAt)} (tolerance {Options.FutureTolerance.TotalSeconds:0.###} s)");
        }

        return -ahead > Options.MaxAge
            ? new Rejection(RejectReason.TimestampTooOld, $"$.time {Iso(time)} is {(-ahead).TotalSeconds:0.###} s before the receive time {Iso(receivedAt)} (maximum age {Options.MaxAge.TotalSeconds:0.###} s)")
            : null;
    }

    private Rejection? CheckContent(Site site, WireMessage message) => message switch
    {
        DetectorReadings d => CheckDetectors(site, d),
        CctvCounts c => CheckCctv(site, c),
        CctvTracks t => CheckTracks(site, t),
        ControllerStatus s => CheckStatus(site, s),
        PlanAck a => a.PlanSeq < 1 ? new Rejection(RejectReason.OutOfRange, $"$.planSeq must be >= 1, got {a.PlanSeq}") : null,
        _ => new Rejection(RejectReason.UnknownTopic, $"{message.GetType().Name} is not an inbound message"),
    };

    private Rejection? CheckInterval(double intervalS) =>
        double.IsFinite(intervalS) && intervalS > 0 && intervalS <= Options.MaxIntervalS
            ? null
            : new Rejection(RejectReason.OutOfRange, $"$.intervalS must be in (0, {Options.MaxIntervalS}], got {F(intervalS)}");

    private int MaxCount(double intervalS, int lanes) =>
        Math.Max(1, (int)Math.Ceiling(intervalS * Math.Max(1, lanes) * Options.MaxVehiclesPerLanePerSecond));

    /// <summary>
    /// The shared shape of a batch (detector readings, CCTV approaches, tracked lanes): a plausible interval (when it has one), at least
    /// one item, every key known at the intersection and listed once, then the item's own checks
    /// (given the JSON path of the item and the lanes its key covers).
    /// </summary>
    private Rejection? CheckBatch<T>(
        Site site,
        double? intervalS,
        IReadOnlyList<T> items,
        string field,
        Func<T, string> key,
        IReadOnlyDictionary<string, int> known,
        RejectReason unknown,
        string unknownText,
        Func<T, string, int, Rejection?> checkItem)
    {
        if (intervalS is { } interval && CheckInterval(interval) is { } bad)
        {
            return bad;
        }

        if (items.Count == 0)
        {
            return new Rejection(RejectReason.Inconsistent, $"$.{field} is empty");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < items.Count; k++)
        {
            var id = key(items[k]);
            var where = $"$.{field}[{k}] ({Clip(id)})";
            if (!known.TryGetValue(id, out var lanes))
            {
                return new Rejection(unknown, $"{where}: '{Clip(id)}' {unknownText} intersection {site.Model.Id}");
            }

            if (!seen.Add(id))
            {
                return new Rejection(RejectReason.Inconsistent, $"{where}: '{id}' appears twice in one message");
            }

            if (checkItem(items[k], where, lanes) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private Rejection? CheckDetectors(Site site, DetectorReadings d) =>
        CheckBatch(site, d.IntervalS, d.Readings, "readings", r => r.Detector, site.Detectors, RejectReason.UnknownDetector, "is not a detector of", (r, where, lanes) =>
        {
            var max = MaxCount(d.IntervalS, lanes);
            if (r.Count < 0 || r.Count > max)
            {
                return new Rejection(RejectReason.OutOfRange, $"{where}.count must be 0..{max} for {F(d.IntervalS)} s over {lanes} lane(s), got {r.Count}");
            }

            return r.Occupancy is >= 0 and <= 1
                ? null
                : new Rejection(RejectReason.OutOfRange, $"{where}.occupancy must be 0..1, got {F(r.Occupancy)}");
        });

    private Rejection? CheckCctv(Site site, CctvCounts c) =>
        CheckBatch(site, c.IntervalS, c.Approaches, "approaches", a => a.Leg, site.ApproachLanes, RejectReason.UnknownApproach, "is not an approach leg of", (a, where, lanes) =>
        {
            var max = MaxCount(c.IntervalS, lanes);
            var v = a.Vehicles;
            foreach (var (name, value) in new[] { ("car", v.Car), ("bus", v.Bus), ("truck", v.Truck), ("motorcycle", v.Motorcycle) })
            {
                if (value < 0 || value > max)
                {
                    return new Rejection(RejectReason.OutOfRange, $"{where}.vehicles.{name} must be 0..{max} for {F(c.IntervalS)} s over {lanes} lane(s), got {value}");
                }
            }

            if ((long)v.Car + v.Bus + v.Truck + v.Motorcycle > max)
            {
                return new Rejection(RejectReason.OutOfRange, $"{where}.vehicles total {v.Total} exceeds {max} for {F(c.IntervalS)} s over {lanes} lane(s)");
            }

            var maxQueue = Options.MaxQueueVehiclesPerLane * lanes;
            if (a.QueueVehicles < 0 || a.QueueVehicles > maxQueue)
            {
                return new Rejection(RejectReason.OutOfRange, $"{where}.queueVehicles must be 0..{maxQueue} ({lanes} lane(s)), got {a.QueueVehicles}");
            }

            foreach (var (name, value) in new[] { ("pedestriansWaiting", a.PedestriansWaiting), ("pedestriansCrossing", a.PedestriansCrossing) })
            {
                if (value < 0 || value > Options.MaxPedestrians)
                {
                    return new Rejection(RejectReason.OutOfRange, $"{where}.{name} must be 0..{Options.MaxPedestrians}, got {value}");
                }
            }

            return null;
        });

    private Rejection? CheckTracks(Site site, CctvTracks t) =>
        CheckBatch(site, null, t.Lanes, "lanes", l => l.Detector, site.Detectors, RejectReason.UnknownDetector, "is not a detector of", (l, where, lanes) =>
        {
            var max = Options.MaxQueueVehiclesPerLane * Math.Max(1, lanes);
            if (l.Vehicles.Count > max)
            {
                return new Rejection(RejectReason.OutOfRange, $"{where}.vehicles: {l.Vehicles.Count} tracked vehicles, at most {max} over {lanes} lane(s)");
            }

            var maxRoom = Options.MaxQueueVehiclesPerLane * 10;
            if (l.ExitRoom is { } room && (room < 0 || room > maxRoom))
            {
                return new Rejection(RejectReason.OutOfRange, $"{where}.exitRoom must be 0..{maxRoom}, got {room}");
            }

            for (var k = 0; k < l.Vehicles.Count; k++)
            {
                var v = l.Vehicles[k];
                if (!(v.DistanceM >= 0 && v.DistanceM <= Options.MaxTrackDistanceM))
                {
                    return new Rejection(RejectReason.OutOfRange, $"{where}.vehicles[{k}].distanceM must be 0..{F(Options.MaxTrackDistanceM)}, got {F(v.DistanceM)}");
                }

                if (!(v.SpeedMs >= 0 && v.SpeedMs <= Options.MaxTrackSpeedMs))
                {
                    return new Rejection(RejectReason.OutOfRange, $"{where}.vehicles[{k}].speedMs must be 0..{F(Options.MaxTrackSpeedMs)}, got {F(v.SpeedMs)}");
                }
            }

            return null;
        });

    private Rejection? CheckStatus(Site site, ControllerStatus s)
    {
        foreach (var (list, name) in new[] { (s.Phases, "phases"), (s.PedCalls, "pedCalls") })
        {
            for (var k = 0; k < list.Count; k++)
            {
                if (!site.Phases.Contains(list[k]))
                {
                    return new Rejection(RejectReason.UnknownPhase, $"$.{name}[{k}]: phase {list[k]} is not configured at intersection {site.Model.Id}");
                }
            }

            if (list.Distinct().Count() != list.Count)
            {
                return new Rejection(RejectReason.Inconsistent, $"$.{name} lists a phase twice");
            }
        }

        if (s.Phases.Count > site.Model.Structure.Rings.Count)
        {
            return new Rejection(RejectReason.Inconsistent, $"$.phases has {s.Phases.Count} green phases but intersection {site.Model.Id} has {site.Model.Structure.Rings.Count} ring(s)");
        }

        if (s.Faults.Count > Options.MaxFaults || s.Faults.Any(f => string.IsNullOrWhiteSpace(f) || f.Length > Options.MaxSourceLength))
        {
            return new Rejection(RejectReason.OutOfRange, $"$.faults must hold at most {Options.MaxFaults} non-empty codes of up to {Options.MaxSourceLength} characters");
        }

        if (s.PlanSeq < 0)
        {
            return new Rejection(RejectReason.OutOfRange, $"$.planSeq must be >= 0, got {s.PlanSeq}");
        }

        return double.IsFinite(s.HeartbeatS) && s.HeartbeatS > 0 && s.HeartbeatS <= Options.MaxHeartbeatS
            ? null
            : new Rejection(RejectReason.OutOfRange, $"$.heartbeatS must be in (0, {Options.MaxHeartbeatS}], got {F(s.HeartbeatS)}");
    }

    /// <summary>
    /// System.Text.Json reports schema problems as JsonException; its message says which kind. The
    /// validator tests pin each case, so a wording change in the runtime shows up as a failing test.
    /// </summary>
    private static Rejection Classify(JsonException e)
    {
        var m = e.Message;
        var path = PathOf(e);
        const string Missing = "missing required properties including: ";
        var at = m.IndexOf(Missing, StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            var names = m[(at + Missing.Length)..].TrimEnd('.', ' ');
            return new Rejection(RejectReason.MissingField, $"{path}: required field(s) missing: {Clip(names)}");
        }

        if (m.Contains("null", StringComparison.OrdinalIgnoreCase))
        {
            return new Rejection(RejectReason.MissingField, $"{path}: required value is null");
        }

        return m.Contains("could not be mapped", StringComparison.OrdinalIgnoreCase)
            ? new Rejection(RejectReason.UnknownField, $"{path}: field not in the v{Topics.Version} schema")
            : new Rejection(RejectReason.WrongType, $"{path}: wrong JSON type, or not one of the allowed values");
    }

    private static string PathOf(JsonException e) => e.Path is { Length: > 0 } p ? p : "$";

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return Clip(cut < 0 ? message : message[..cut], 300);
    }

    private static ValidationResult Reject(RejectReason reason, string detail) => ValidationResult.Reject(reason, detail);

    private static string Clip(string? s, int max = 80) => s is null ? "null" : s.Length <= max ? s : string.Concat(s.AsSpan(0, max), "...");

    private static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>What the door needs to know of one intersection: detectors (with the lanes they cover), approaches (with their lanes), phases.</summary>
    private sealed class Site
    {
        public Site(Intersection model)
        {
            Model = model;
            foreach (var leg in model.Legs.Where(l => l.InboundLanes > 0))
            {
                ApproachLanes[leg.Id] = leg.InboundLanes;
            }

            foreach (var d in model.Detectors)
            {
                var lanes = d.Lanes.Count > 0 ? d.Lanes.Count : ApproachLanes.GetValueOrDefault(d.LegId, 1);
                Detectors[d.Id] = lanes;
            }

            foreach (var p in model.Phases)
            {
                Phases.Add(p.Id);
            }
        }

        public Intersection Model { get; }

        public Dictionary<string, int> Detectors { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> ApproachLanes { get; } = new(StringComparer.Ordinal);

        public HashSet<int> Phases { get; } = [];
    }
}
