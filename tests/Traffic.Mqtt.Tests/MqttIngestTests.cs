using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Streams;
using Traffic.Mqtt.Transport;
using Traffic.Mqtt.Validation;

namespace Traffic.Mqtt.Tests;

public sealed class MqttIngestTests(StreamsFixture fx) : IClassFixture<StreamsFixture>
{
    private static readonly DateTimeOffset Now = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private static RawInbound Raw(DoorStep s) => new(s.Topic, s.Payload, Now);

    [Fact]
    public async Task Bad_input_is_reported_and_counted_and_every_good_message_reaches_the_sink_in_order()
    {
        var delivered = new Collector<InboundMessage>();
        var errors = new Collector<OutboundMessage>();
        var counters = new WireCounters();
        await using var ingest = new MqttIngest(new InboundValidator(TestNetwork.Network), delivered.AddAsync, fx.Materializer, counters, m => { errors.Add(m); return true; });
        var script = DoorSteps.Script(Now);
        var good = script.Where(s => s.Expected is null).ToList();
        var bad = script.Where(s => s.Expected is not null).ToList();

        foreach (var step in script)
        {
            Assert.True(await ingest.OfferAsync(Raw(step)));
        }

        var got = await delivered.WaitCountAsync(good.Count, "delivered messages");
        var reports = await errors.WaitCountAsync(bad.Count, "error reports");

        Assert.Equal(good.Select(s => s.Topic), got.Select(m => Topics.Intersection(m.IntersectionId, m.Kind)));
        Assert.Equal(good.Select(s => WireCodec.Decode(WireCounters.KeyOf(s.Topic) switch
        {
            "detectors" => TopicKind.Detectors,
            "cctv" => TopicKind.Cctv,
            "tracks" => TopicKind.Tracks,
            "status" => TopicKind.Status,
            _ => TopicKind.Ack,
        }, s.Payload).Seq), got.Select(m => m.Payload.Seq));

        var decoded = reports.Select(r => WireCodec.Decode<ErrorReport>(r.Payload.Span, WireJsonContext.Default.ErrorReport)).ToList();
        Assert.All(reports, r => Assert.Equal(Topics.Errors, r.Topic));
        Assert.Equal(bad.Select(s => s.Expected!.Value), decoded.Select(e => e.Reason));
        Assert.Equal(bad.Select(s => s.Topic), decoded.Select(e => e.Topic));
        Assert.Equal(bad.Select(s => s.Payload.Length), decoded.Select(e => e.PayloadBytes));
        Assert.Equal(Enumerable.Range(1, bad.Count).Select(k => (long)k), decoded.Select(e => e.Seq));

        var snapshot = counters.Snapshot();
        Assert.Equal(script.Count, snapshot.Sum(c => c.In));
        Assert.Equal(good.Count, snapshot.Sum(c => c.Out));
        Assert.Equal(bad.Count, snapshot.Sum(c => c.Rejected));
        Assert.Equal(0, snapshot.Sum(c => c.Dropped));
        Assert.Equal(bad.Count(s => s.Expected == RejectReason.OutOfRange), counters.RejectedFor(RejectReason.OutOfRange));
        Assert.Equal(new TopicCount("unknown", 2, 0, 2, 0), counters.For("unknown")); // ".../weather" and "city/..."
        Assert.Equal(new TopicCount("plan", 1, 0, 1, 0), counters.For("plan"));
    }

    [Fact]
    public async Task What_cannot_keep_up_is_dropped_and_counted_never_lost_silently()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivered = new Collector<InboundMessage>();
        var counters = new WireCounters();
        var options = IngestOptions.Default with { BufferSize = 8, Parallelism = 2, OfferTimeout = TimeSpan.Zero };
        await using var ingest = new MqttIngest(
            new InboundValidator(TestNetwork.Network),
            async m => { await release.Task; delivered.Add(m); },
            fx.Materializer,
            counters,
            options: options);

        var messages = new Messages(Now);
        var taken = 0;
        for (var k = 0; k < 200; k++)
        {
            taken += await ingest.OfferAsync(new RawInbound(Topics.Detectors("I001"), WireCodec.Encode(messages.Detectors()), Now)) ? 1 : 0;
        }

        var c = counters.For("detectors");
        Assert.True(c.Dropped > 0, "a blocked sink must make the bounded buffer overflow");
        Assert.True(taken >= options.BufferSize, $"the buffer holds at least {options.BufferSize}, took {taken}");
        Assert.Equal(200, c.In);
        Assert.Equal(200 - taken, c.Dropped);

        release.SetResult();
        await delivered.WaitCountAsync(taken, "delivered messages");
        await ingest.CompleteAsync();
        c = counters.For("detectors");
        Assert.Equal(c.In, c.Out + c.Rejected + c.Dropped);
        Assert.Equal(taken, c.Out);
    }

    [Fact]
    public async Task A_failing_sink_is_counted_and_does_not_stop_the_stream()
    {
        var delivered = new Collector<InboundMessage>();
        var counters = new WireCounters();
        var calls = 0;
        await using var ingest = new MqttIngest(
            new InboundValidator(TestNetwork.Network),
            m => Interlocked.Increment(ref calls) % 3 == 0 ? throw new InvalidOperationException("actor gone") : delivered.AddAsync(m),
            fx.Materializer,
            counters,
            options: IngestOptions.Default with { Parallelism = 1 });

        var messages = new Messages(Now);
        for (var k = 0; k < 30; k++)
        {
            await ingest.OfferAsync(new RawInbound(Topics.Status("I002"), WireCodec.Encode(messages.Status()), Now));
        }

        await delivered.WaitCountAsync(20, "delivered messages");
        await ingest.CompleteAsync();
        Assert.Equal(new TopicCount("status", 30, 20, 0, 10), counters.For("status"));
    }
}
