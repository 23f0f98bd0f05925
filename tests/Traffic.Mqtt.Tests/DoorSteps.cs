using System.Text;
using System.Text.Json.Nodes;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Validation;

namespace Traffic.Mqtt.Tests;

/// <summary>One message at the door and what must happen to it: accepted (Expected null) or rejected with Expected.</summary>
internal sealed record DoorStep(string Name, string Topic, byte[] Payload, RejectReason? Expected);

/// <summary>
/// The bad-input script: 30+ kinds of broken messages, each followed by a good one, plus the
/// setup messages the sequence-number cases need. Event times are relative to <c>now</c> so the same
/// script runs through the pure validator (fixed receive time) and through a broker (wall clock).
/// </summary>
internal static class DoorSteps
{
    public const string I = "I001";

    public static List<DoorStep> Script(DateTimeOffset now)
    {
        var m = new Messages(now);
        var bad = new List<DoorStep>
        {
            Bad("oversize payload", Topics.Detectors(I), Oversize(m), RejectReason.PayloadTooLarge),
            Bad("unknown kind in topic", $"{Topics.Prefix}/intersections/{I}/weather", Enc(m.Detectors()), RejectReason.UnknownTopic),
            Bad("not a traffic topic", "city/v1/intersections/I001/detectors", Enc(m.Detectors()), RejectReason.UnknownTopic),
            Bad("outbound topic used as input", Topics.Plan(I), Enc(m.Detectors()), RejectReason.UnknownTopic),
            Bad("global topic used as input", Topics.Errors, Enc(m.Detectors()), RejectReason.UnknownTopic),
            Bad("schema v2 in topic", $"traffic/v2/intersections/{I}/detectors", Enc(m.Detectors()), RejectReason.WrongSchemaVersion),
            Bad("unreadable version in topic", $"traffic/latest/intersections/{I}/detectors", Enc(m.Detectors()), RejectReason.WrongSchemaVersion),
            Bad("schema v2 in payload", Topics.Detectors(I), Mutate(m.Detectors(), o => o["v"] = 2), RejectReason.WrongSchemaVersion),
            Bad("unknown intersection", Topics.Detectors("I999"), Enc(m.Detectors()), RejectReason.UnknownIntersection),
            Bad("truncated JSON", Topics.Detectors(I), Utf8("{\"v\":1,\"source\":\"vds-1\",\"seq\":"), RejectReason.MalformedJson),
            Bad("empty payload", Topics.Detectors(I), [], RejectReason.MalformedJson),
            Bad("trailing garbage", Topics.Status(I), [.. Enc(m.Status()), .. Utf8(" x")], RejectReason.MalformedJson),
            Bad("not UTF-8 JSON", Topics.Ack(I), [0xff, 0xfe, 0x7b, 0x7d], RejectReason.MalformedJson),
            Bad("array at the root", Topics.Detectors(I), Utf8("[1,2,3]"), RejectReason.WrongType),
            Bad("missing v", Topics.Detectors(I), Mutate(m.Detectors(), o => o.Remove("v")), RejectReason.MissingField),
            Bad("v is a string", Topics.Detectors(I), Mutate(m.Detectors(), o => o["v"] = "1"), RejectReason.WrongType),
            Bad("missing seq", Topics.Cctv(I), Mutate(m.Cctv(), o => o.Remove("seq")), RejectReason.MissingField),
            Bad("missing reading field", Topics.Detectors(I), Mutate(m.Detectors(), o => o["readings"]![0]!.AsObject().Remove("occupancy")), RejectReason.MissingField),
            Bad("null source", Topics.Status(I), Mutate(m.Status(), o => o["source"] = null), RejectReason.MissingField),
            Bad("seq is a string", Topics.Cctv(I), Mutate(m.Cctv(), o => o["seq"] = "5"), RejectReason.WrongType),
            Bad("count is fractional", Topics.Detectors(I), Mutate(m.Detectors(), o => o["readings"]![0]!["count"] = 1.5), RejectReason.WrongType),
            Bad("mode as a number", Topics.Status(I), Mutate(m.Status(), o => o["mode"] = 2), RejectReason.WrongType),
            Bad("unknown mode", Topics.Status(I), Mutate(m.Status(), o => o["mode"] = "disco"), RejectReason.WrongType),
            Bad("unknown field", Topics.Cctv(I), Mutate(m.Cctv(), o => o["colour"] = "red"), RejectReason.UnknownField),
            Bad("time without zone", Topics.Detectors(I), Mutate(m.Detectors(), o => o["time"] = "2025-05-01T08:00:00"), RejectReason.BadTimestamp),
            Bad("time is prose", Topics.Ack(I), Mutate(m.Ack(), o => o["time"] = "yesterday"), RejectReason.BadTimestamp),
            Bad("time a minute ahead", Topics.Detectors(I), Enc(m.Detectors() with { Time = now.AddSeconds(60) }), RejectReason.TimestampInFuture),
            Bad("time ten minutes old", Topics.Detectors(I), Enc(m.Detectors() with { Time = now.AddMinutes(-10) }), RejectReason.TimestampTooOld),
            Bad("unknown detector", Topics.Detectors(I), Enc(m.Detectors() with { Readings = [new DetectorReading { Detector = "Q9", Count = 1, Occupancy = 0.1, Presence = false }] }), RejectReason.UnknownDetector),
            Bad("detector id in the wrong case", Topics.Detectors("I002"), Enc(m.Detectors() with { Readings = [new DetectorReading { Detector = "n1", Count = 1, Occupancy = 0.1, Presence = false }] }), RejectReason.UnknownDetector),
            Bad("unknown approach leg", Topics.Cctv(I), Enc(WithLeg(m.Cctv(), "Q")), RejectReason.UnknownApproach),
            Bad("one-way-out leg as approach", Topics.Cctv(I), Enc(WithLeg(m.Cctv(), "X")), RejectReason.UnknownApproach),
            Bad("unknown phase", Topics.Status(I), Enc(m.Status() with { Phases = [2, 12] }), RejectReason.UnknownPhase),
            Bad("negative count", Topics.Detectors(I), Mutate(m.Detectors(), o => o["readings"]![0]!["count"] = -3), RejectReason.OutOfRange),
            Bad("implausible count", Topics.Detectors(I), Mutate(m.Detectors(), o => o["readings"]![0]!["count"] = 50), RejectReason.OutOfRange),
            Bad("occupancy above 1", Topics.Detectors(I), Mutate(m.Detectors(), o => o["readings"]![0]!["occupancy"] = 1.5), RejectReason.OutOfRange),
            Bad("zero interval", Topics.Detectors(I), Enc(m.Detectors() with { IntervalS = 0 }), RejectReason.OutOfRange),
            Bad("implausible queue", Topics.Cctv(I), Mutate(m.Cctv(), o => o["approaches"]![0]!["queueVehicles"] = 10_000), RejectReason.OutOfRange),
            Bad("negative pedestrians", Topics.Cctv(I), Mutate(m.Cctv(), o => o["approaches"]![1]!["pedestriansWaiting"] = -1), RejectReason.OutOfRange),
            Bad("seq zero", Topics.Ack(I), Enc(m.Ack() with { Seq = 0 }), RejectReason.OutOfRange),
            Bad("empty source", Topics.Ack(I), Enc(m.Ack() with { Source = "" }), RejectReason.OutOfRange),
            Bad("ack of plan 0", Topics.Ack(I), Enc(m.Ack(planSeq: 0)), RejectReason.OutOfRange),
            Bad("empty batch", Topics.Detectors(I), Enc(m.Detectors() with { Readings = [] }), RejectReason.Inconsistent),
            Bad("detector twice in a batch", Topics.Detectors(I), Mutate(m.Detectors(), o => o["readings"]![1]!["detector"] = "N1"), RejectReason.Inconsistent),
            Bad("tracks: unknown detector", Topics.Tracks(I), Mutate(m.Tracks(), o => o["lanes"]![0]!["detector"] = "Q9"), RejectReason.UnknownDetector),
            Bad("tracks: negative distance", Topics.Tracks(I), Mutate(m.Tracks(), o => o["lanes"]![0]!["vehicles"]![1]!["distanceM"] = -4), RejectReason.OutOfRange),
            Bad("tracks: implausible speed", Topics.Tracks(I), Mutate(m.Tracks(), o => o["lanes"]![0]!["vehicles"]![1]!["speedMs"] = 120), RejectReason.OutOfRange),
            Bad("tracks: negative exit room", Topics.Tracks(I), Mutate(m.Tracks(), o => o["lanes"]![0]!["exitRoom"] = -1), RejectReason.OutOfRange),
            Bad("tracks: detector twice", Topics.Tracks(I), Mutate(m.Tracks(), o => o["lanes"]![1]!["detector"] = "N1"), RejectReason.Inconsistent),
            Bad("tracks: no lanes", Topics.Tracks(I), Enc(m.Tracks() with { Lanes = [] }), RejectReason.Inconsistent),
            Bad("tracks: distance missing", Topics.Tracks(I), Mutate(m.Tracks(), o => o["lanes"]![0]!["vehicles"]![0]!.AsObject().Remove("distanceM")), RejectReason.MissingField),
            Bad("more green phases than rings", Topics.Status(I), Enc(m.Status() with { Phases = [2, 6, 4] }), RejectReason.Inconsistent),
        };

        // Sequence cases need an accepted message from the same source first.
        var seqSource = m.Detectors("seq-src") with { Seq = 100 };
        var accepted = Enc(seqSource);
        var sequenceSteps = new List<DoorStep>
        {
            Good("sequence setup", Topics.Detectors(I), accepted),
            Bad("exact replay (duplicate seq)", Topics.Detectors(I), accepted, RejectReason.DuplicateSequence),
            Bad("same seq, new content", Topics.Detectors(I), Enc(seqSource with { IntervalS = 2 }), RejectReason.DuplicateSequence),
            Bad("lower seq", Topics.Detectors(I), Enc(seqSource with { Seq = 99 }), RejectReason.OutOfOrderSequence),
            Good("higher seq", Topics.Detectors(I), Enc(seqSource with { Seq = 105 })),
            Good("restart: seq 1 with a later time", Topics.Detectors(I), Enc(seqSource with { Seq = 1, Time = now.AddSeconds(1) })),
            Bad("seq 1 again after the restart", Topics.Detectors(I), Enc(seqSource with { Seq = 1, Time = now.AddSeconds(2) }), RejectReason.DuplicateSequence),
            Good("same seq, other source", Topics.Detectors(I), Enc(seqSource with { Source = "seq-src-2" })),
            Good("same seq and source, other intersection", Topics.Detectors("I002"), accepted),
        };

        var script = new List<DoorStep>();
        var g = 0;
        foreach (var step in bad.Concat(sequenceSteps))
        {
            script.Add(step);
            script.Add(NextGood(m, g++));
        }

        return script;
    }

    private static DoorStep NextGood(Messages m, int k) => (k % 5) switch
    {
        0 => Good("good detectors", Topics.Detectors(I), Enc(m.Detectors())),
        1 => Good("good cctv", Topics.Cctv(I), Enc(m.Cctv())),
        2 => Good("good status", Topics.Status("I002"), Enc(m.Status())),
        3 => Good("good tracks", Topics.Tracks(I), Enc(m.Tracks())),
        _ => Good("good ack", Topics.Ack(I), Enc(m.Ack())),
    };

    private static CctvCounts WithLeg(CctvCounts c, string leg) => c with { Approaches = [c.Approaches[0] with { Leg = leg }] };

    private static byte[] Oversize(Messages m)
    {
        var big = m.Detectors() with
        {
            Readings = [.. Enumerable.Range(0, 2000).Select(k => new DetectorReading { Detector = "N1", Count = 0, Occupancy = 0, Presence = false })],
        };
        return Enc(big);
    }

    public static DoorStep Bad(string name, string topic, byte[] payload, RejectReason reason) => new(name, topic, payload, reason);

    public static DoorStep Good(string name, string topic, byte[] payload) => new(name, topic, payload, null);

    public static byte[] Enc(WireMessage m) => WireCodec.Encode(m);

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static byte[] Mutate(WireMessage m, Action<JsonObject> change)
    {
        var o = JsonNode.Parse(Enc(m))!.AsObject();
        change(o);
        return Utf8(o.ToJsonString());
    }
}
