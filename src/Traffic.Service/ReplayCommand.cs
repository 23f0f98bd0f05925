using Traffic.Simulation.Field;
using Traffic.Simulation.Field.Recording;

namespace Traffic.Service;

/// <summary>`traffic replay`: feeds a recording into the service over MQTT (docs/recording.md).</summary>
internal sealed class ReplayCommand : ICommand
{
    private static readonly string[] ValueOptions = ["broker", "speed"];
    private static readonly string[] FlagOptions = ["keep-times"];

    public string Name => "replay";

    public string Summary => "publish a recorded run (detectors, CCTV) to a broker at 1x, Nx or max speed";

    public string Usage =>
        """
        usage:
          traffic replay <recording.jsonl.gz> --broker <host:port> [--speed <1|N|max>] [--keep-times]
              publishes every message in recorded order, paced at N times the recorded rate (default
              max: as fast as the broker takes them), with progress every second. Each message's event
              time is rewritten to the instant it is sent, so the service's time window accepts it;
              --keep-times sends the payloads exactly as recorded. Unusable lines are reported with
              their line numbers and skipped; the exit code is then 2 after the rest was replayed.
        example:
          traffic replay am-peak.jsonl.gz --broker 127.0.0.1:1883 --speed 10
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var (file, rest) = NetworkFile.SplitFile(args, "a recording file");
        var options = CommandArgs.Parse(rest, ValueOptions, FlagOptions);
        var broker = FieldArgs.Broker(options.Required("broker"));
        var replay = new ReplayOptions
        {
            Speed = FieldArgs.Speed(options.Value("speed"), double.PositiveInfinity),
            KeepTimes = options.Flag("keep-times"),
        };

        RecordingReader reader;
        try
        {
            reader = RecordingReader.Open(file);
        }
        catch (RecordingFormatException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }

        using (reader)
        {
            var h = reader.Header;
            stdout.WriteLine($"replaying {file}: network {h.Network}, scenario '{h.Scenario}', seed {h.Seed}, to {broker.Host}:{broker.Port}");
            ReplayResult result;
            try
            {
                result = FieldArgs.WithCancelKey(ct => Replayer.ToBrokerAsync(reader, broker, replay, p => stdout.WriteLine($"  {p}"), ct));
            }
            catch (BrokerUnreachableException e)
            {
                stderr.WriteLine($"traffic {Name}: {e.Message}");
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("traffic replay: stopped");
                return ExitCodes.Failure;
            }

            foreach (var error in result.Errors)
            {
                stderr.WriteLine($"{file}: {error}");
            }

            stdout.WriteLine($"replayed {result.Progress.Messages} messages in {result.Progress.WallSeconds:0.0} s; skipped {result.Errors.Count} line(s); failed publishes {result.PublishFailures}");
            return result.PublishFailures > 0 ? ExitCodes.Failure : result.Errors.Count > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }
    }
}
