using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Transport;
using Traffic.Mqtt.Validation;
using Traffic.Service.Hosting;
using Traffic.Tests.Shared;
using Xunit.Abstractions;

namespace Traffic.Service.Tests;

/// <summary>
/// The whole service in process on free ports (broker 0, HTTP 0): SPaT for every intersection every
/// second, the HTTP endpoints, field input accepted and broken input reported, a clean shutdown within
/// 5 s; against the embedded broker and against a real Mosquitto. The metrics are process-wide
/// (static), so these tests run one at a time (collection "service") and compare before and after.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ServiceHostTests(ITestOutputHelper output, MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private const string Sample = "config/networks/sample-corridor.json";
    private const string Daegu = "config/networks/daegu-250.json";

    [Fact]
    public async Task Sample_corridor_round_trip_on_the_embedded_broker() => await RoundTripAsync(Sample, externalPort: null);

    [Fact]
    public async Task Sample_corridor_round_trip_on_mosquitto() => await RoundTripAsync(Sample, externalPort: mosquitto.Port);

    [Fact]
    public async Task Daegu_250_round_trip_on_the_embedded_broker() => await RoundTripAsync(Daegu, externalPort: null);

    [Fact]
    public async Task A_plain_mosquitto_sub_without_a_client_id_reads_spat_from_the_embedded_broker()
    {
        // The Done-when client: mosquitto_sub with its defaults (MQTT 3.1.1, no client id, clean session).
        var sub = Path.Combine(Path.GetDirectoryName(MosquittoBroker.FindExecutable()!)!.Replace("/sbin", "/bin", StringComparison.Ordinal), "mosquitto_sub");
        await using var service = await TrafficService.StartAsync(Config(Repo.File(Sample), null), Quiet);
        var start = new ProcessStartInfo(File.Exists(sub) ? sub : "mosquitto_sub", ["-p", service.BrokerPort.ToString(CultureInfo.InvariantCulture), "-t", "traffic/v1/#", "-v", "-C", "100", "-W", "20"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var lines = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"mosquitto_sub exited {process.ExitCode}: {errors}");
        var spat = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Split(' ')[0].EndsWith("/spat", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(spat);
    }

    [Theory]
    [InlineData(null, "adaptive")]
    [InlineData("actuated", "actuated")]
    public async Task Intersections_in_free_operation_run_the_configured_policy(string? freePolicy, string expected)
    {
        var config = Config(Repo.File(Sample), null);
        if (freePolicy is not null)
        {
            config = new ConfigurationBuilder().AddConfiguration(config).AddInMemoryCollection(new Dictionary<string, string?> { ["Traffic:FreePolicy"] = freePolicy }).Build();
        }

        await using var service = await TrafficService.StartAsync(config, Quiet);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{service.HttpPort}") };
        var policies = new List<string>();
        foreach (var x in service.Network.Intersections)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/intersections/{x.Id}"));
                if (doc.RootElement.GetProperty("started").GetBoolean())
                {
                    policies.Add(doc.RootElement.GetProperty("policy").GetString()!);
                    break;
                }

                await Task.Delay(100);
            }
        }

        Assert.Equal(service.Network.Intersections.Count, policies.Count);
        Assert.Contains(expected, policies);
        Assert.All(policies, p => Assert.Contains(p, new[] { expected, "coordinated", "fixed-time" }));
    }

    [Fact]
    public async Task Field_controllers_follow_the_adaptive_decisions_of_the_service()
    {
        await using var service = await TrafficService.StartAsync(Config(Repo.File(Sample), null), Quiet);
        var network = service.Network;
        var runner = new Traffic.Simulation.Field.FieldRunner(
            network,
            Traffic.Simulation.Field.FieldDemand.StraightOn(network, 300),
            new Traffic.Simulation.Field.FieldOptions { Speed = 1, DurationS = 25 },
            new Traffic.Mqtt.Transport.MqttConnectionOptions { Port = service.BrokerPort });
        var report = await runner.RunAsync();
        var behindWall = (DateTimeOffset.UtcNow - runner.Clock.GetUtcNow()).TotalSeconds;

        // In real time from the default start the field's seconds are the wall clock's (as controllers on NTP time).
        output.WriteLine($"field clock behind the wall clock at the end: {behindWall:0.000} s");
        Assert.InRange(behindWall, -0.1, 0.5);
        Assert.Equal(network.Intersections.Count, report.PlansAccepted);
        Assert.Equal(0, report.CommandsRefused);
        Assert.True(report.CommandsByKind.GetValueOrDefault("omit") > 0 && report.CommandsByKind.GetValueOrDefault("call") > 0, string.Join(", ", report.CommandsByKind));
        Assert.All(network.Intersections, x => Assert.True(runner.Controllers[x.Id].Following, $"{x.Id} is not following"));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{service.HttpPort}") };
        int checkedCount = 0, agreeing = 0;
        foreach (var x in network.Intersections)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/intersections/{x.Id}"));
            var n = doc.RootElement.GetProperty("fieldStatusChecked").GetInt32();
            checkedCount += n;
            agreeing += (int)Math.Round(n * doc.RootElement.GetProperty("fieldAgreementPercent").GetDouble() / 100);
        }

        output.WriteLine($"field status agreeing with the service's own controllers: {agreeing} of {checkedCount}");
        Assert.True(checkedCount >= network.Intersections.Count * 20, $"{checkedCount} status messages compared");
        Assert.True(agreeing >= checkedCount * 0.6, $"only {agreeing} of {checkedCount} field status messages showed the service's green phases");
    }

    [Fact]
    public async Task An_unknown_free_policy_is_a_configuration_error_naming_the_key()
    {
        var config = new ConfigurationBuilder().AddConfiguration(Config(Repo.File(Sample), null)).AddInMemoryCollection(new Dictionary<string, string?> { ["Traffic:FreePolicy"] = "magic" }).Build();
        var e = await Assert.ThrowsAsync<ServiceConfigurationException>(() => TrafficService.StartAsync(config, Quiet));
        Assert.Contains("Traffic:FreePolicy 'magic'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_file_that_does_not_exist_is_a_configuration_error_naming_it()
    {
        var e = await Assert.ThrowsAsync<ServiceConfigurationException>(() => TrafficService.StartAsync(Config("config/networks/no-such.json", null), Quiet));
        Assert.Contains("no-such.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_network_is_a_configuration_error_listing_its_errors()
    {
        var dir = Directory.CreateTempSubdirectory("traffic-host-");
        try
        {
            var file = Path.Combine(dir.FullName, "broken.json");
            await File.WriteAllTextAsync(file, """{ "schemaVersion": 1, "name": "broken", "intersections": [ { "id": "X1" } ] }""");
            var e = await Assert.ThrowsAsync<ServiceConfigurationException>(() => TrafficService.StartAsync(Config(file, null), Quiet));
            Assert.Contains("broken.json", e.Message, StringComparison.Ordinal);
            Assert.Contains("X1", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_broker_port_in_use_is_a_configuration_error_and_the_cli_exits_2()
    {
        // Mosquitto holds its port: the embedded broker cannot take it.
        var e = await Assert.ThrowsAsync<ServiceConfigurationException>(() => TrafficService.StartAsync(Config(Sample, null, brokerPort: mosquitto.Port), Quiet));
        Assert.Contains($"broker port {mosquitto.Port}", e.Message, StringComparison.Ordinal);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(["serve", "--network", Repo.File(Sample), "--http-port", "0", "--broker-port", mosquitto.Port.ToString(CultureInfo.InvariantCulture)], stdout, stderr);
        Assert.Equal(2, exit);
        Assert.Contains("is in use", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_port_in_use_is_a_configuration_error_naming_the_port()
    {
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var e = await Assert.ThrowsAsync<ServiceConfigurationException>(() => TrafficService.StartAsync(Config(Sample, null, httpPort: port), Quiet));
        Assert.Contains($"HTTP port {port}", e.Message, StringComparison.Ordinal);
    }

    private async Task RoundTripAsync(string network, int? externalPort)
    {
        var clock = Stopwatch.StartNew();
        var service = await TrafficService.StartAsync(Config(Repo.File(network), externalPort), Quiet);
        var stopped = false;
        try
        {
            var started = clock.Elapsed;
            var ids = service.Network.Intersections.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var spat = new Collector<(string Id, SpatMessage Spat)>();
            var errors = new Collector<ErrorReport>();
            await using var observer = await ClientAsync(service.BrokerPort, raw =>
            {
                if (!Topics.TryParse(raw.Topic, out var address))
                {
                    return;
                }

                if (address.Kind == TopicKind.Spat)
                {
                    spat.Add((address.IntersectionId!, WireCodec.Decode<SpatMessage>(raw.Payload.Span, WireJsonContext.Default.SpatMessage)));
                }
                else if (address.Kind == TopicKind.Errors)
                {
                    errors.Add(WireCodec.Decode<ErrorReport>(raw.Payload.Span, WireJsonContext.Default.ErrorReport));
                }
            });

            // SPaT for every intersection, then three in a row per intersection, one second apart.
            var subscribed = clock.Elapsed;
            await spat.WaitAsync(s => ids.IsSubsetOf(s.Select(x => x.Id)), $"SPaT from all {ids.Count} intersections", 20);
            var all = clock.Elapsed;
            var got = await spat.WaitAsync(s => ids.All(id => s.Count(x => x.Id == id) >= 3), "three SPaT per intersection", 20);
            foreach (var id in ids)
            {
                var times = got.Where(x => x.Id == id).Select(x => x.Spat.Time).Take(3).ToList();
                Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], [times[1] - times[0], times[2] - times[1]]);
                Assert.NotEmpty(got.First(x => x.Id == id).Spat.Groups);
            }

            output.WriteLine($"{network}: started in {started.TotalSeconds:0.00} s; SPaT from all {ids.Count} intersections {(all - subscribed).TotalSeconds:0.00} s after subscribing; 3 per intersection after {(clock.Elapsed - subscribed).TotalSeconds:0.00} s");

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{service.HttpPort}") };
            await CheckHttpAsync(http, service);
            await CheckFieldInputAsync(http, service, errors, spat);

            var metrics = await http.GetStringAsync("/metrics");
            Assert.True(Metric(metrics, "traffic_mqtt_out_total", "topic=\"spat\"") >= ids.Count * 3, "messages out on spat");
            Assert.Contains("traffic_decision_seconds_bucket", metrics, StringComparison.Ordinal);
            Assert.Contains("traffic_corridor_intersections{", metrics, StringComparison.Ordinal);

            var took = await service.StopAsync();
            stopped = true;
            output.WriteLine($"shutdown took {took.TotalMilliseconds:0} ms");
            Assert.True(took < TimeSpan.FromSeconds(5), $"shutdown took {took.TotalSeconds:0.00} s");
        }
        finally
        {
            if (!stopped)
            {
                await service.StopAsync();
            }

            await service.DisposeAsync();
        }
    }

    private static async Task CheckHttpAsync(HttpClient http, TrafficService service)
    {
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var doc = JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
        {
            Assert.Equal("ok", doc.RootElement.GetProperty("status").GetString());
            Assert.True(doc.RootElement.GetProperty("broker").GetProperty("connected").GetBoolean());
            Assert.True(doc.RootElement.GetProperty("actors").GetProperty("up").GetBoolean());
            Assert.Equal(service.Network.Intersections.Count, doc.RootElement.GetProperty("intersections").GetInt32());
        }

        var expected = Actors.TrafficRegion.Assign(service.Network);
        using (var doc = JsonDocument.Parse(await http.GetStringAsync("/api/corridors")))
        {
            var corridors = doc.RootElement.GetProperty("corridors").EnumerateArray().ToList();
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), corridors.Select(c => c.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
            Assert.Equal(service.Network.Intersections.Count, corridors.Sum(c => c.GetProperty("intersections").GetArrayLength()));
        }

        var corridor = service.Network.Corridors[0];
        using (var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/corridors/{corridor.Id}")))
        {
            Assert.Equal(corridor.Name, doc.RootElement.GetProperty("name").GetString());
            Assert.Equal(expected[corridor.Id], doc.RootElement.GetProperty("intersections").EnumerateArray().Select(x => x.GetString()!));
        }

        var first = service.Network.Intersections[0];
        using (var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/intersections/{first.Id}")))
        {
            Assert.Equal(first.Id, doc.RootElement.GetProperty("id").GetString());
            Assert.True(doc.RootElement.GetProperty("started").GetBoolean());
            Assert.Equal(first.SignalGroups.Select(g => g.Name), doc.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()!));
        }

        foreach (var path in new[] { "/api/corridors/NO-SUCH", "/api/intersections/NO-SUCH" })
        {
            using var missing = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            using var doc = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
            Assert.Contains("NO-SUCH", doc.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    private static async Task CheckFieldInputAsync(HttpClient http, TrafficService service, Collector<ErrorReport> errors, Collector<(string Id, SpatMessage Spat)> spat)
    {
        var before = Metric(await http.GetStringAsync("/metrics"), "traffic_inputs_total", "kind=\"detectors\",result=\"accepted\"");
        var intersection = service.Network.Intersections[^1];
        var detector = intersection.Detectors[0].Id;
        await using var field = await ClientAsync(service.BrokerPort, null);
        var good = Encoding.UTF8.GetBytes(
            $$"""{"v":1,"source":"vds-test","seq":1,"time":"{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}}","intervalS":1,"readings":[{"detector":"{{detector}}","count":1,"occupancy":0.3,"presence":true}]}""");
        await field.PublishAsync(new OutboundMessage(Topics.Detectors(intersection.Id), good, AtLeastOnce: true, Retain: false, TopicKind.Detectors));
        var broken = Encoding.UTF8.GetBytes("""{"v":1,"source":"vds-test","seq":2,""");
        await field.PublishAsync(new OutboundMessage(Topics.Detectors(intersection.Id), broken, AtLeastOnce: true, Retain: false, TopicKind.Detectors));

        var reports = await errors.WaitAsync(r => r.Count >= 1, "an error report for the broken message");
        Assert.Equal(RejectReason.MalformedJson, reports[0].Reason);
        Assert.Equal(Topics.Detectors(intersection.Id), reports[0].Topic);
        Assert.Equal(broken.Length, reports[0].PayloadBytes);

        // The good one reached the intersection actor, which accepted it: checked again at every SPaT
        // that arrives (the service's own heartbeat), until a deadline.
        var deadline = Stopwatch.StartNew();
        double after;
        while ((after = Metric(await http.GetStringAsync("/metrics"), "traffic_inputs_total", "kind=\"detectors\",result=\"accepted\"")) < before + 1)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"the detector message was not accepted within 10 s (accepted {after}, before {before})");
            await spat.WaitCountAsync(spat.Items.Count + 1, "another SPaT");
        }

        var detectors = service.Gateway.Counters.For("detectors");
        Assert.Equal((2, 1, 1), (detectors.In, detectors.Out, detectors.Rejected));
    }

    private static double Metric(string text, string name, string labels)
    {
        var match = Regex.Match(text, $"^{Regex.Escape(name)}\\{{{Regex.Escape(labels)}\\}} (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<MqttConnection> ClientAsync(int port, Action<RawInbound>? received)
    {
        var c = new MqttConnection(new MqttConnectionOptions { Port = port, Subscriptions = received is null ? [] : ["traffic/v1/#"] });
        if (received is not null)
        {
            c.MessageHandler = (m, _) =>
            {
                received(m);
                return ValueTask.CompletedTask;
            };
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await c.StartAsync(deadline.Token);
        return c;
    }

    private static IConfiguration Config(string network, int? externalPort, int brokerPort = 0, int httpPort = 0) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Traffic:Network"] = network,
            ["Traffic:HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["Traffic:Broker:Embedded"] = externalPort is null ? "true" : "false",
            ["Traffic:Broker:Port"] = (externalPort ?? brokerPort).ToString(CultureInfo.InvariantCulture),
            ["Traffic:Broker:Host"] = "127.0.0.1",
        }).Build();

    private static void Quiet(ILoggingBuilder logging) => logging.ClearProviders();
}
