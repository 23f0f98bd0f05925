using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Streams;
using Traffic.Mqtt;
using Traffic.Mqtt.Bench;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Streams;
using Traffic.Mqtt.Transport;
using Traffic.Mqtt.Validation;
using Traffic.Signals.Model;

// Messages per second through the MQTT door, printed (not asserted):
//   1. the validator alone (one thread),
//   2. ingest in process: channel -> validation -> sink delegate (the actor side's entry point),
//   3. end to end: a field client publishes (QoS 0) to the embedded broker, the gateway ingests.
// Usage: dotnet run -c Release --project loadtests/Traffic.Mqtt.Bench [messages] [counts|tracks]
//   counts (default): 3 detector batches to 1 CCTV count message; tracks: only tracked-vehicle snapshots
//   (8 stop-bar detectors, 12 vehicles each).
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var tracks = args.Length > 1 && args[1] == "tracks";
if (args.Length > 1 && !tracks && args[1] != "counts")
{
    Console.Error.WriteLine($"unknown message mix '{args[1]}': counts or tracks");
    return 2;
}
const int Intersections = 250;
var network = BenchNetwork.Build(Intersections);
var t0 = DateTimeOffset.UtcNow;
t0 = t0.AddTicks(-(t0.Ticks % TimeSpan.TicksPerMillisecond));

var payloads = tracks ? BenchNetwork.Tracks(count, Intersections, t0) : BenchNetwork.Messages(count, Intersections, t0);
var bytes = payloads.Sum(p => (long)p.Payload.Length);
Console.WriteLine(tracks
    ? $"{count} tracks messages, {Intersections} intersections, mean payload {bytes / count} bytes (8 detectors, 12 vehicles each)"
    : $"{count} messages, {Intersections} intersections, mean payload {bytes / count} bytes (detectors: 8 channels; cctv: 4 approaches)");

// 1. Validator alone.
{
    var validator = new InboundValidator(network);
    var sw = Stopwatch.StartNew();
    var accepted = 0;
    foreach (var p in payloads)
    {
        accepted += validator.Validate(p.Topic, p.Payload.Span, t0).IsAccepted ? 1 : 0;
    }

    sw.Stop();
    Report("validator only (1 thread)", accepted, count, sw.Elapsed);
}

using var system = ActorSystem.Create("bench", "akka.loglevel = WARNING");
var materializer = system.Materializer();

// 2. Ingest in process.
{
    var counters = new WireCounters();
    var delivered = 0;
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var ingest = new MqttIngest(new InboundValidator(network), _ =>
    {
        if (Interlocked.Increment(ref delivered) == count)
        {
            done.SetResult();
        }

        return Task.CompletedTask;
    }, materializer, counters);
    var sw = Stopwatch.StartNew();
    foreach (var p in payloads)
    {
        await ingest.OfferAsync(p);
    }

    await done.Task;
    sw.Stop();
    await ingest.CompleteAsync();
    Report("ingest in process (validate + deliver)", delivered, count, sw.Elapsed);
    PrintCounters(counters);
}

// 3. Through the embedded broker.
{
    var n = Math.Min(count, 100_000);
    await using var broker = await EmbeddedBroker.StartAsync();
    var delivered = 0;
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var wallStart = DateTimeOffset.UtcNow;
    var freshTime = wallStart.AddTicks(-(wallStart.Ticks % TimeSpan.TicksPerMillisecond));
    var fresh = tracks ? BenchNetwork.Tracks(n, Intersections, freshTime) : BenchNetwork.Messages(n, Intersections, freshTime);
    await using var gateway = await MqttGateway.StartAsync(
        new MqttGatewayOptions { Connection = new MqttConnectionOptions { Port = broker.Port } },
        network,
        _ =>
        {
            if (Interlocked.Increment(ref delivered) == n)
            {
                done.SetResult();
            }

            return Task.CompletedTask;
        },
        materializer);
    await using var field = new MqttConnection(new MqttConnectionOptions { Port = broker.Port, Subscriptions = [] });
    await field.StartAsync();
    var sw = Stopwatch.StartNew();
    foreach (var p in fresh)
    {
        await field.PublishAsync(new OutboundMessage(p.Topic, p.Payload, AtLeastOnce: false, Retain: false, TopicKind.Detectors));
    }

    var finished = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(60)));
    sw.Stop();
    Report($"embedded broker end to end (QoS 0){(finished == done.Task ? "" : " [timed out]")}", delivered, n, sw.Elapsed);
    PrintCounters(gateway.Counters);
}

await system.Terminate();
return 0;

static void Report(string what, int delivered, int offered, TimeSpan elapsed) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-45} {delivered,8}/{offered} in {elapsed.TotalSeconds,6:0.000} s = {delivered / elapsed.TotalSeconds,10:N0} msg/s"));

static void PrintCounters(WireCounters counters)
{
    foreach (var c in counters.Snapshot())
    {
        Console.WriteLine($"    {c.Topic,-10} in {c.In} out {c.Out} rejected {c.Rejected} dropped {c.Dropped}");
    }
}
