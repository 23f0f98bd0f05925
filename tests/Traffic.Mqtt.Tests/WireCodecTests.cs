using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Traffic.Mqtt.Contract;

namespace Traffic.Mqtt.Tests;

public sealed class WireCodecTests
{
    public static TheoryData<string> Kinds => new() { "detectors", "cctv", "tracks", "status", "ack", "plan", "command", "spat", "alarm", "error" };

    private static Gen<WireMessage> GenOf(string kind) => kind switch
    {
        "detectors" => WireGen.Detectors.Select(m => (WireMessage)m),
        "cctv" => WireGen.Cctv.Select(m => (WireMessage)m),
        "tracks" => WireGen.Tracks.Select(m => (WireMessage)m),
        "status" => WireGen.Status.Select(m => (WireMessage)m),
        "ack" => WireGen.Ack.Select(m => (WireMessage)m),
        "plan" => WireGen.Plan.Select(m => (WireMessage)m),
        "command" => WireGen.Command.Select(m => (WireMessage)m),
        "spat" => WireGen.Spat.Select(m => (WireMessage)m),
        "alarm" => WireGen.Alarms.Select(m => (WireMessage)m),
        _ => WireGen.Error.Select(m => (WireMessage)m),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Any_message_decodes_to_the_same_message(string kind)
    {
        GenOf(kind).Sample(
            m =>
            {
                var bytes = WireCodec.Encode(m);
                var back = WireCodec.Decode(WireGen.KindOf(m), bytes);
                return DeepEqual.Check(m, back, out _);
            },
            iter: 300,
            print: m => Encoding.UTF8.GetString(WireCodec.Encode(m)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_payload_carries_v1_source_seq_and_a_utc_time_in_camel_case(string kind)
    {
        GenOf(kind).Sample(
            m =>
            {
                var o = JsonNode.Parse(WireCodec.Encode(m))!.AsObject();
                var time = (string)o["time"]!;
                return (int)o["v"]! == 1
                    && o.ContainsKey("source") && o.ContainsKey("seq")
                    && time.EndsWith('Z') && time.Length == "2025-05-01T08:00:00.000Z".Length
                    && o.All(p => char.IsLower(p.Key[0]));
            },
            iter: 50);
    }

    [Fact]
    public void Enums_are_camel_case_strings_and_absent_optionals_are_omitted()
    {
        var cmd = new SignalCommand { Source = "svc", Seq = 3, Time = DateTimeOffset.UnixEpoch, Command = CommandKind.ForceOff, Phases = [2] };
        Assert.Equal(
            """{"command":"forceOff","phases":[2],"pedestrian":false,"v":1,"source":"svc","seq":3,"time":"1970-01-01T00:00:00.000Z"}""",
            Encoding.UTF8.GetString(WireCodec.Encode(cmd)));
    }

    [Fact]
    public void Time_marks_count_tenths_within_the_hour()
    {
        var t = new DateTimeOffset(2025, 5, 1, 8, 59, 58, 750, TimeSpan.Zero);
        Assert.Equal((59 * 600) + (58 * 10) + 7, TimeMark.From(t));
        Assert.Equal(17, TimeMark.After(t, 3.0)); // 09:00:01.750 wraps into the next hour
        Assert.Equal(TimeMark.From(t), TimeMark.From(t.ToOffset(TimeSpan.FromHours(9))));
    }
}
