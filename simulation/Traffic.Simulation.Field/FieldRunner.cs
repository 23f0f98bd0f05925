using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Transport;
using Traffic.Signals.Model;
using Traffic.Simulation.Field.Recording;
using WirePlan = Traffic.Mqtt.Contract.TimingPlan;

namespace Traffic.Simulation.Field;

/// <summary>
/// The simulation as the field, over MQTT: it publishes detector batches, CCTV counts and controller
/// status by the contract (docs/mqtt.md), takes timing plans and commands for its intersections,
/// hands them to the <see cref="EmulatedController"/>s (every plan acknowledged on the ack topic) and
/// paces the simulation at <see cref="FieldOptions.Speed"/>. Inbound messages are applied at the start
/// of the next simulation step, in arrival order. Detector and CCTV messages can be recorded
/// (docs/recording.md). docs/field.md describes the run.
/// </summary>
public sealed class FieldRunner
{
    private readonly Network network;
    private readonly FieldOptions options;
    private readonly MqttConnectionOptions broker;
    private readonly RecordingWriter? recorder;
    private readonly Action<string>? log;
    private readonly ConcurrentQueue<RawInbound> inbound = new();
    private readonly Dictionary<string, long> published = new(StringComparer.Ordinal);
    private readonly FieldWorld world;
    private readonly FieldTelemetry telemetry;
    private long publishFailures;
    private long undecodable;
    private long ignored;

    public FieldRunner(Network network, Demand demand, FieldOptions options, MqttConnectionOptions broker, RecordingWriter? recorder = null, Action<string>? log = null)
    {
        this.network = network;
        this.options = options;
        this.recorder = recorder;
        this.log = log;
        this.broker = broker with
        {
            Subscriptions = [$"{Topics.Prefix}/intersections/+/plan", $"{Topics.Prefix}/intersections/+/command"],
        };
        world = new FieldWorld(network, demand, options);
        telemetry = world.Telemetry;
    }

    /// <summary>The run's event time (usable as a <see cref="TimeProvider"/> by an in-process service).</summary>
    public FieldClock Clock => world.Clock;

    public FieldControllers Controllers => world.Controllers;

    public Simulation Simulation => world.Simulation;

    /// <summary>Paced to the wall clock: real time (speed 1) from the default start.</summary>
    private bool OnWallClock => options.Speed == 1 && options.Start is null;

    public async Task<FieldReport> RunAsync(CancellationToken ct = default)
    {
        await using var connection = new MqttConnection(broker);
        connection.MessageHandler = (m, _) =>
        {
            inbound.Enqueue(m);
            return ValueTask.CompletedTask;
        };
        await BrokerConnect.StartAsync(connection, BrokerConnect.DefaultTimeout, ct);
        log?.Invoke($"field: {network.Name}, {network.Intersections.Count} intersections, connected to {broker.Host}:{broker.Port}, speed {(double.IsPositiveInfinity(options.Speed) ? "max" : options.Speed + "x")}, start {Clock.Start:O}");

        var wall = Stopwatch.StartNew();
        var due = new List<FieldMessage>();
        var nextLog = 60.0;
        while (Simulation.Time < options.DurationS - 1e-9)
        {
            ct.ThrowIfCancellationRequested();
            due.Clear();
            Drain(due);
            world.Step(due);
            if (due.Count > 0)
            {
                await PublishAsync(connection, due, ct);
            }

            if (!double.IsPositiveInfinity(options.Speed))
            {
                // In real time from the default start (now), simulated second s is the wall-clock instant Start + s, as
                // for controllers on NTP time: their status compares with the service's clock, and the set-up time
                // before the first step is caught up at once. Otherwise the run keeps its own pace from here.
                var ahead = OnWallClock
                    ? Clock.Start + TimeSpan.FromSeconds(Simulation.Time) - DateTimeOffset.UtcNow
                    : TimeSpan.FromSeconds(Simulation.Time / options.Speed) - wall.Elapsed;
                if (ahead > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(ahead, ct);
                }
            }

            if (log is not null && Simulation.Time >= nextLog)
            {
                log(FormattableString.Invariant($"field: {Simulation.Time:0} s simulated in {wall.Elapsed.TotalSeconds:0.0} s, {published.Values.Sum()} messages published, {Simulation.OnNetwork} vehicles on the network"));
                nextLog += 60;
            }
        }

        return new FieldReport(
            new Dictionary<string, long>(published, StringComparer.Ordinal),
            Interlocked.Read(ref publishFailures),
            recorder?.Messages ?? 0,
            Controllers.Controllers.Sum(c => c.PlansAccepted),
            Controllers.Controllers.Sum(c => c.PlansRefused),
            Controllers.Controllers.Sum(c => c.CommandsApplied),
            Controllers.Controllers.Sum(c => c.CommandsRefused),
            undecodable,
            ignored,
            Simulation.Time,
            wall.Elapsed.TotalSeconds,
            Simulation.Entered,
            Simulation.Exited)
        {
            CommandsByKind = Controllers.Controllers.SelectMany(c => c.CommandsByKind)
                .GroupBy(kv => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kv.Key.ToString())) // the wire name
                .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal),
        };
    }

    /// <summary>Applies the plans and commands that arrived; acknowledgements go into <paramref name="into"/>.</summary>
    private void Drain(List<FieldMessage> into)
    {
        var now = Clock.At(Simulation.Time);
        while (inbound.TryDequeue(out var raw))
        {
            if (!Topics.TryParse(raw.Topic, out var address) || address.Version != Topics.Version || address.IntersectionId is null
                || !Controllers.TryGet(address.IntersectionId, out var controller))
            {
                ignored++;
                continue;
            }

            WireMessage message;
            try
            {
                message = WireCodec.Decode(address.Kind, raw.Payload.Span);
            }
            catch (JsonException e)
            {
                undecodable++;
                log?.Invoke($"field: {raw.Topic}: cannot decode: {e.Message}");
                continue;
            }

            switch (message)
            {
                case WirePlan plan:
                    var (accepted, reason) = controller.ReceivePlan(plan);
                    if (!accepted)
                    {
                        log?.Invoke($"field: {controller.Model.Id} refused plan {plan.PlanId} (seq {plan.Seq}): {reason}");
                    }

                    into.Add(telemetry.Ack(controller, plan.Seq, accepted, reason, now));
                    break;
                case SignalCommand command:
                    if (controller.Apply(command) is { } problem)
                    {
                        log?.Invoke($"field: refused command: {problem}");
                    }

                    break;
                default:
                    ignored++;
                    break;
            }
        }
    }

    private async Task PublishAsync(MqttConnection connection, List<FieldMessage> messages, CancellationToken ct)
    {
        // One message per topic per step, so publishing them together keeps each topic in order.
        var sends = new Task[messages.Count];
        for (var k = 0; k < messages.Count; k++)
        {
            var m = messages[k];
            var segment = Topics.Segment(m.Kind);
            published[segment] = published.GetValueOrDefault(segment) + 1;
            if (m.Kind is TopicKind.Detectors or TopicKind.Cctv)
            {
                recorder?.Write(m);
            }

            sends[k] = SendAsync(connection, m, ct);
        }

        await Task.WhenAll(sends);
    }

    private async Task SendAsync(MqttConnection connection, FieldMessage message, CancellationToken ct)
    {
        try
        {
            await connection.PublishAsync(message.ToOutbound(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (Interlocked.Increment(ref publishFailures) == 1)
            {
                log?.Invoke($"field: publish to {message.Topic} failed (counted, not retried): {e.Message}");
            }
        }
    }
}
