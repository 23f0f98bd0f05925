using System.Globalization;
using Traffic.Simulation;
using Traffic.Simulation.Field;
using Traffic.Simulation.Field.Recording;

namespace Traffic.Service;

/// <summary>`traffic field`: the simulation as the field over MQTT (docs/field.md).</summary>
internal sealed class FieldCommand : ICommand
{
    private static readonly string[] ValueOptions = ["network", "broker", "speed", "duration", "record", "demand", "seed", "start", "tracks"];

    public string Name => "field";

    public string Summary => "simulate a network as the field over MQTT (detectors, CCTV, controllers)";

    public string Usage =>
        """
        usage:
          traffic field --network <file> --broker <host:port> [--speed <N|max>] [--duration <s>]
                        [--record <out.jsonl.gz>] [--demand <veh/h per lane>] [--seed <int>] [--start <ISO time>]
                        [--tracks <s, 0 = none>]
              publishes detector batches (1 s), CCTV counts (5 s), tracked vehicles (--tracks, 1 s) and controller status (1 s) by the
              traffic/v1 contract, takes plans (acknowledged) and commands; runs each intersection's
              own actuated plan until a plan arrives. --speed 1 is real time (default), N is N times
              real time, max as fast as possible; event times are --start (default now) + simulated
              time. --record writes every detector and CCTV message (docs/recording.md).
              Demand: every entry movement goes straight on (default 300 veh/h per lane, turns a quarter).
        example:
          traffic field --network config/networks/sample-corridor.json --broker 127.0.0.1:1883 --speed 10 --duration 600
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandArgs.Parse(args, ValueOptions, []);
        var networkPath = options.Required("network");
        var broker = FieldArgs.Broker(options.Required("broker"));
        var speed = FieldArgs.Speed(options.Value("speed"), 1);
        var duration = FieldArgs.Positive(options, "duration", 3600);
        if (duration <= 0)
        {
            throw new UsageException("option --duration must be above 0 s");
        }

        var demandPerLane = FieldArgs.Positive(options, "demand", 300);
        var tracks = FieldArgs.Positive(options, "tracks", 1);
        var seed = options.Int("seed", int.MinValue, int.MaxValue) ?? 1;
        DateTimeOffset? start = null;
        if (options.Value("start") is { } startText)
        {
            start = DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s)
                ? s
                : throw new UsageException($"option --start: '{startText}' is not an ISO-8601 time");
        }

        var network = NetworkFile.Load(networkPath, stderr);
        if (network is null)
        {
            return ExitCodes.BadInput;
        }

        var fieldOptions = new FieldOptions
        {
            Speed = speed,
            DurationS = duration,
            Start = start,
            TracksIntervalS = tracks,
            Scenario = FormattableString.Invariant($"straight-on {demandPerLane} veh/h per lane"),
            Simulation = SimulationOptions.Default with { Seed = seed },
        };
        try
        {
            fieldOptions.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        var demand = FieldDemand.StraightOn(network, demandPerLane, fieldOptions.Simulation);
        var recordPath = options.Value("record");
        using var recorder = recordPath is null ? null : RecordingWriter.Create(recordPath, new RecordingHeader
        {
            Network = network.Name,
            Scenario = fieldOptions.Scenario,
            Seed = seed,
            Start = start,
        });
        var runner = new FieldRunner(network, demand, fieldOptions, broker, recorder, stdout.WriteLine);
        FieldReport report;
        try
        {
            report = FieldArgs.WithCancelKey(runner.RunAsync);
        }
        catch (BrokerUnreachableException e)
        {
            stderr.WriteLine($"traffic {Name}: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("traffic field: stopped");
            return ExitCodes.Failure;
        }

        Print(report, recordPath, stdout);
        return report.PublishFailures == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static void Print(FieldReport r, string? recordPath, TextWriter stdout)
    {
        var factor = r.WallSeconds > 0 ? r.SimulatedSeconds / r.WallSeconds : 0;
        stdout.WriteLine(FormattableString.Invariant($"simulated {r.SimulatedSeconds:0} s in {r.WallSeconds:0.0} s ({factor:0.0}x real time); vehicles entered {r.VehiclesEntered}, exited {r.VehiclesExited}"));
        stdout.WriteLine($"published {r.PublishedTotal}: {string.Join(", ", r.Published.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}; failed {r.PublishFailures}");
        stdout.WriteLine($"plans accepted {r.PlansAccepted}, refused {r.PlansRefused}; commands applied {r.CommandsApplied}{(r.CommandsByKind.Count > 0 ? " (" + string.Join(", ", r.CommandsByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")) + ")" : "")}, refused {r.CommandsRefused}; inbound undecodable {r.InboundUndecodable}, ignored {r.InboundIgnored}");
        if (recordPath is not null)
        {
            stdout.WriteLine($"recorded {r.Recorded} messages to {recordPath}");
        }
    }
}
