using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Transport;
using Traffic.Tests.Shared;

namespace Traffic.Service.Tests;

/// <summary>`traffic field` and `traffic replay` against the embedded broker.</summary>
public sealed class FieldCliTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("traffic-field-cli-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRun.Run(args);

    [Fact]
    public async Task Field_records_a_run_and_replay_publishes_every_recorded_message()
    {
        await using var broker = await EmbeddedBroker.StartAsync(port: 0);
        var address = $"127.0.0.1:{broker.Port}";
        var recording = Path.Combine(temp, "run.jsonl.gz");

        var (exit, output, errors) = Run("field", "--network", Repo.File("config/networks/sample-corridor.json"), "--broker", address,
            "--speed", "max", "--duration", "30", "--record", recording, "--start", "2025-05-01T08:00:00Z");
        Assert.True(exit == 0, errors);
        Assert.Contains("published ", output, StringComparison.Ordinal);
        Assert.Contains("detectors 150", output, StringComparison.Ordinal);
        Assert.Contains("cctv 30", output, StringComparison.Ordinal);
        Assert.Contains($"recorded 180 messages to {recording}", output, StringComparison.Ordinal);

        var seen = new Collector<RawInbound>();
        await using var subscriber = new MqttConnection(new MqttConnectionOptions { Port = broker.Port });
        subscriber.MessageHandler = (m, _) => { seen.Add(m); return ValueTask.CompletedTask; };
        await subscriber.StartAsync();

        (exit, output, errors) = Run("replay", recording, "--broker", address, "--speed", "max");
        Assert.True(exit == 0, errors);
        Assert.Contains("network Sample corridor", output, StringComparison.Ordinal);
        Assert.Contains("replayed 180 messages", output, StringComparison.Ordinal);
        var got = await seen.WaitCountAsync(180, "replayed messages");
        Assert.Equal(150, got.Count(m => m.Topic.EndsWith("/detectors", StringComparison.Ordinal)));
        Assert.All(got, m => Assert.True(Topics.TryParse(m.Topic, out _)));
    }

    [Theory]
    [InlineData("field", "--network", "x.json", "--broker", "nohost", "option --broker: 'nohost' is not host:port")]
    [InlineData("field", "--network", "x.json", "--broker", "h:1", "--speed", "fast", "option --speed: 'fast' is neither max nor a positive number")]
    [InlineData("replay", "--broker", "h:1", "a recording file is required")]
    public void Bad_options_are_refused_with_exit_2(params string[] args)
    {
        var (exit, _, errors) = Run(args[..^1]);
        Assert.Equal(2, exit);
        Assert.Contains(args[^1], errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tracks_interval_off_the_time_step_is_refused_with_exit_2_naming_it()
    {
        var (exit, _, errors) = Run("field", "--network", Repo.File("config/networks/sample-corridor.json"), "--broker", "127.0.0.1:1", "--tracks", "0.35");
        Assert.Equal(2, exit);
        Assert.Contains("TracksIntervalS must be 0 (no tracks) or a positive multiple of the time step 0.5 s, got 0.35", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_of_a_file_that_is_not_a_recording_names_it()
    {
        var path = Path.Combine(temp, "nothing.jsonl.gz");
        File.WriteAllText(path, "plain text");
        var (exit, _, errors) = Run("replay", path, "--broker", "127.0.0.1:1");
        Assert.Equal(2, exit);
        Assert.Contains("nothing.jsonl.gz: not a gzip-compressed recording", errors, StringComparison.Ordinal);
    }
}
