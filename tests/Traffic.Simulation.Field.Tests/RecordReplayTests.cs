using System.IO.Compression;
using System.Text;
using Traffic.Mqtt.Contract;
using Traffic.Tests.Shared;
using Traffic.Mqtt.Transport;
using Traffic.Mqtt.Validation;
using Traffic.Simulation.Field.Recording;

namespace Traffic.Simulation.Field.Tests;

public sealed class RecordReplayTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("traffic-recording-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task A_recorded_run_replays_the_same_messages_in_order_with_times_the_door_accepts()
    {
        await using var broker = await EmbeddedBroker.StartAsync(port: 0);
        var network = Corridor.Load();
        var path = Path.Combine(dir, "run.jsonl.gz");
        var options = new FieldOptions { Speed = double.PositiveInfinity, DurationS = 60, Start = Corridor.Start, Scenario = "straight-on 250" };
        FieldReport report;
        using (var writer = RecordingWriter.Create(path, new RecordingHeader { Network = network.Name, Scenario = options.Scenario, Seed = options.Simulation.Seed, Start = Corridor.Start }))
        {
            report = await new FieldRunner(network, FieldDemand.StraightOn(network, 250), options, new MqttConnectionOptions { Port = broker.Port }, writer).RunAsync();
        }

        var recordedKinds = report.Published.GetValueOrDefault("detectors") + report.Published.GetValueOrDefault("cctv");
        Assert.Equal(recordedKinds, report.Recorded);
        Assert.Equal(5 * 60 + (5 * 60 / 5), report.Recorded);

        List<RecordedMessage> recorded;
        using (var reader = RecordingReader.Open(path))
        {
            Assert.Equal("Sample corridor", reader.Header.Network);
            Assert.Equal("straight-on 250", reader.Header.Scenario);
            Assert.Equal(Corridor.Start, reader.Header.Start);
            recorded = [.. reader.Messages()];
            Assert.Empty(reader.Errors);
        }

        Assert.Equal(report.Recorded, recorded.Count);

        var seen = new Collector<RawInbound>();
        await using var subscriber = new MqttConnection(new MqttConnectionOptions { Port = broker.Port });
        subscriber.MessageHandler = (m, _) => { seen.Add(m); return ValueTask.CompletedTask; };
        await subscriber.StartAsync();

        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1); // times go out to the millisecond
        ReplayResult result;
        using (var reader = RecordingReader.Open(path))
        {
            result = await Replayer.ToBrokerAsync(reader, new MqttConnectionOptions { Port = broker.Port }, new ReplayOptions());
        }

        var got = await seen.WaitCountAsync(recorded.Count, "replayed messages");
        var after = DateTimeOffset.UtcNow;
        Assert.Equal(recorded.Count, result.Progress.Messages);
        Assert.Empty(result.Errors);
        Assert.Equal(recorded.Count, got.Count);

        // Same topics in the same order; payloads equal but for the event time, which is the send instant.
        var validator = new InboundValidator(network);
        for (var k = 0; k < recorded.Count; k++)
        {
            Assert.Equal(recorded[k].Topic, got[k].Topic);
            Topics.TryParse(got[k].Topic, out var address);
            var sent = WireCodec.Decode(address.Kind, got[k].Payload.Span);
            Assert.InRange(sent.Time, before, after);
            Assert.Equal(
                Encoding.UTF8.GetString(WireCodec.Encode(WireCodec.Decode(address.Kind, recorded[k].Payload) with { Time = Corridor.Start })),
                Encoding.UTF8.GetString(WireCodec.Encode(sent with { Time = Corridor.Start })));
            var check = validator.Validate(got[k].Topic, got[k].Payload.Span, got[k].ReceivedAt);
            Assert.True(check.IsAccepted, $"message {k} ({got[k].Topic}): {check.Rejection}");
        }
    }

    [Fact]
    public async Task Keep_times_sends_the_recorded_bytes_and_paced_replay_reports_progress()
    {
        await using var broker = await EmbeddedBroker.StartAsync(port: 0);
        var path = Path.Combine(dir, "hand.jsonl.gz");
        var messages = Enumerable.Range(1, 6).Select(k => Detectors("I001", k, Corridor.Start.AddSeconds(k))).ToList();
        using (var writer = RecordingWriter.Create(path, new RecordingHeader { Network = "Sample corridor" }))
        {
            foreach (var m in messages)
            {
                writer.Write(m);
            }
        }

        var seen = new Collector<RawInbound>();
        await using var subscriber = new MqttConnection(new MqttConnectionOptions { Port = broker.Port });
        subscriber.MessageHandler = (m, _) => { seen.Add(m); return ValueTask.CompletedTask; };
        await subscriber.StartAsync();

        var progress = new List<ReplayProgress>();
        using var reader = RecordingReader.Open(path);
        var result = await Replayer.ToBrokerAsync(reader, new MqttConnectionOptions { Port = broker.Port }, new ReplayOptions { Speed = 50, KeepTimes = true }, progress.Add);

        var got = await seen.WaitCountAsync(messages.Count, "replayed messages");
        Assert.Equal(messages.Select(m => Encoding.UTF8.GetString(m.Payload)), got.Select(g => Encoding.UTF8.GetString(g.Payload.Span)));
        Assert.Equal(messages.Count, result.Progress.Messages);
        Assert.Equal(5.0, result.Progress.RecordedSeconds, 3);
        Assert.NotEmpty(progress);
        Assert.Equal(result.Progress, progress[^1]);
    }

    [Fact]
    public async Task Corrupt_lines_are_reported_with_their_line_numbers_and_the_rest_is_replayed()
    {
        var path = Path.Combine(dir, "corrupt.jsonl.gz");
        var good = Enumerable.Range(1, 4).Select(k => Detectors("I001", k, Corridor.Start.AddSeconds(k))).ToList();
        await using (var file = File.Create(path))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var text = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            await text.WriteAsync("{\"format\":\"traffic-recording\",\"version\":1,\"network\":\"Sample corridor\"}\n");
            await text.WriteAsync(Line(good[0]));                                   // line 2
            await text.WriteAsync("{\"time\":\"2025-05-01T08:00:02.000Z\",\"topic\":\n"); // line 3: cut off
            await text.WriteAsync(Line(good[1]));                                   // line 4
            await text.WriteAsync("{\"time\":\"2025-05-01T08:00:03.000Z\",\"topic\":\"traffic/v1/intersections/I001/detectors\",\"payload\":{\"v\":1}}\n"); // line 5: payload without fields
            await text.WriteAsync(Line(good[2]));                                   // line 6
            await text.WriteAsync("{\"time\":\"yesterday\",\"topic\":\"traffic/v1/intersections/I001/detectors\",\"payload\":{}}\n"); // line 7: bad time
            await text.WriteAsync(Line(good[3]));                                   // line 8
        }

        var published = new List<OutboundMessage>();
        using var reader = RecordingReader.Open(path);
        var result = await new Replayer(new ReplayOptions()).RunAsync(reader, (m, _) => { published.Add(m); return Task.CompletedTask; });

        Assert.Equal([3L, 5L, 7L], result.Errors.Select(e => e.Line));
        Assert.Contains("not JSON", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("does not fit detectors", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("\"time\"", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal(4, published.Count);
        Assert.Equal(4, result.Progress.Messages);
        Assert.Equal(3, result.Progress.Skipped);
        Assert.Equal(good.Select(g => ((DetectorReadings)g.Message).Seq), published.Select(p => ((DetectorReadings)WireCodec.Decode(TopicKind.Detectors, p.Payload.Span)).Seq));
    }

    [Fact]
    public void A_file_that_is_not_a_recording_is_refused_naming_the_file_and_line()
    {
        var path = Path.Combine(dir, "plain.jsonl.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write("{\"hello\":1}\n"u8);
        }

        var e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(path));
        Assert.Contains("plain.jsonl.gz: line 1: not a recording header", e.Message, StringComparison.Ordinal);

        File.WriteAllText(path, "not gzip");
        var e2 = Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(path));
        Assert.Contains("not a gzip-compressed recording", e2.Message, StringComparison.Ordinal);
    }

    private static FieldMessage Detectors(string intersection, long seq, DateTimeOffset time) =>
        FieldMessage.Of(intersection, TopicKind.Detectors, new DetectorReadings
        {
            Source = $"vds-{intersection}",
            Seq = seq,
            Time = time,
            IntervalS = 1,
            Readings = [new Traffic.Mqtt.Contract.DetectorReading { Detector = "SB-W-T", Count = (int)(seq % 2), Occupancy = 0.25, Presence = true }],
        });

    private static string Line(FieldMessage m) =>
        $"{{\"time\":\"{m.Time:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"topic\":\"{m.Topic}\",\"payload\":{Encoding.UTF8.GetString(m.Payload)}}}\n";
}
