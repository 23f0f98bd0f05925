using System.Diagnostics;
using System.Text.Json;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Transport;

namespace Traffic.Simulation.Field.Recording;

/// <summary>
/// Feeds a recording into the service over MQTT, in file order (one publish at a time, QoS 1), at
/// <see cref="ReplayOptions.Speed"/>. Message k, recorded <c>o</c> seconds after the first, is sent
/// <c>o / speed</c> wall seconds after the replay started. Unless <see cref="ReplayOptions.KeepTimes"/>,
/// its event time is rewritten to that send instant (replay start + o / speed; at full speed the
/// moment it is sent), so the validator's window (5 s ahead, 300 s behind the receive time) accepts
/// it; everything else in the payload is as recorded. A line whose payload cannot be decoded for
/// its topic is reported with its line number and skipped.
/// </summary>
public sealed class Replayer(ReplayOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    public ReplayOptions Options { get; } = options;

    /// <summary>Replays into a broker with a connection of its own.</summary>
    public static async Task<ReplayResult> ToBrokerAsync(
        RecordingReader reader,
        MqttConnectionOptions broker,
        ReplayOptions options,
        Action<ReplayProgress>? progress = null,
        CancellationToken ct = default)
    {
        await using var connection = new MqttConnection(broker with { Subscriptions = [] });
        await BrokerConnect.StartAsync(connection, BrokerConnect.DefaultTimeout, ct);
        return await new Replayer(options).RunAsync(reader, (m, c) => connection.PublishAsync(m, c), progress, ct);
    }

    public async Task<ReplayResult> RunAsync(
        RecordingReader reader,
        Func<OutboundMessage, CancellationToken, Task> publish,
        Action<ReplayProgress>? progress = null,
        CancellationToken ct = default)
    {
        var wall = Stopwatch.StartNew();
        var started = clock.GetUtcNow();
        var paced = !double.IsPositiveInfinity(Options.Speed);
        DateTimeOffset? first = null;
        long sent = 0;
        long failures = 0;
        var recorded = 0.0;
        var nextReport = Options.ProgressInterval;
        foreach (var m in reader.Messages())
        {
            ct.ThrowIfCancellationRequested();
            first ??= m.Time;
            var offset = (m.Time - first.Value).TotalSeconds;
            var wallOffset = paced ? TimeSpan.FromSeconds(Math.Max(0, offset) / Options.Speed) : TimeSpan.Zero;
            if (paced && wallOffset > wall.Elapsed)
            {
                await Task.Delay(wallOffset - wall.Elapsed, clock, ct);
            }

            Topics.TryParse(m.Topic, out var address);
            byte[] payload;
            try
            {
                payload = Options.KeepTimes ? m.Payload : Retime(address.Kind, m.Payload, paced ? started + wallOffset : clock.GetUtcNow());
            }
            catch (JsonException e)
            {
                reader.Report(m.Line, $"payload does not fit {Topics.Segment(address.Kind)}: {e.Message}");
                continue;
            }

            try
            {
                await publish(new OutboundMessage(m.Topic, payload, AtLeastOnce: true, Retain: false, address.Kind), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures++;
            }

            recorded = Math.Max(recorded, offset);
            if (progress is not null && wall.Elapsed >= nextReport)
            {
                progress(new ReplayProgress(sent, recorded, wall.Elapsed.TotalSeconds, reader.Errors.Count));
                nextReport = wall.Elapsed + Options.ProgressInterval;
            }
        }

        var last = new ReplayProgress(sent, recorded, wall.Elapsed.TotalSeconds, reader.Errors.Count);
        progress?.Invoke(last);
        return new ReplayResult(last, reader.Errors, failures);
    }

    /// <summary>The payload with its event time replaced; throws <see cref="JsonException"/> when it does not decode for its topic kind.</summary>
    internal static byte[] Retime(TopicKind kind, byte[] payload, DateTimeOffset time)
    {
        var message = WireCodec.Decode(kind, payload);
        return WireCodec.Encode(message with { Time = time });
    }
}
