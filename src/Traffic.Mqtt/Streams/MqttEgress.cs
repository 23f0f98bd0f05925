using System.Threading.Channels;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Traffic.Mqtt.Transport;

namespace Traffic.Mqtt.Streams;

/// <summary>
/// Outbound stream: a bounded queue of <see cref="OutboundMessage"/>s published one at a time in
/// order. <see cref="TryEnqueue"/> never waits (SPaT, errors: a full queue drops and counts);
/// <see cref="EnqueueAsync"/> waits for room (plans, commands). QoS 1 publishes that fail are retried
/// with backoff for <see cref="EgressOptions.RetryFor"/>; what still fails is counted as dropped.
/// </summary>
public sealed class MqttEgress : IAsyncDisposable
{
    private readonly Func<OutboundMessage, CancellationToken, Task> publish;
    private readonly WireCounters counters;
    private readonly EgressOptions options;
    private readonly TimeProvider time;
    private readonly ChannelWriter<OutboundMessage> writer;
    private readonly CancellationTokenSource stopping = new();

    public MqttEgress(
        Func<OutboundMessage, CancellationToken, Task> publish,
        IMaterializer materializer,
        WireCounters counters,
        EgressOptions? options = null,
        TimeProvider? time = null)
    {
        this.publish = publish;
        this.counters = counters;
        this.options = options ?? EgressOptions.Default;
        this.time = time ?? TimeProvider.System;
        var (w, done) = Source.Channel<OutboundMessage>(this.options.BufferSize, singleWriter: false, BoundedChannelFullMode.Wait)
            .SelectAsync(1, PublishAsync)
            .ToMaterialized(Sink.Ignore<Done>(), Keep.Both)
            .Run(materializer);
        writer = w;
        Completion = done;
    }

    public Task Completion { get; }

    /// <summary>Queues without waiting; false (and counted as dropped) when the queue is full or closed.</summary>
    public bool TryEnqueue(OutboundMessage message)
    {
        var key = WireCounters.KeyOf(message.Kind);
        counters.In(key);
        if (writer.TryWrite(message))
        {
            return true;
        }

        counters.Dropped(key);
        return false;
    }

    /// <summary>Queues, waiting for room. Counted as dropped when the queue is closed or the wait is cancelled.</summary>
    public async ValueTask EnqueueAsync(OutboundMessage message, CancellationToken ct = default)
    {
        var key = WireCounters.KeyOf(message.Kind);
        counters.In(key);
        try
        {
            await writer.WriteAsync(message, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            counters.Dropped(key);
            throw;
        }
    }

    /// <summary>Stops taking messages and publishes what is queued (giving up after <paramref name="grace"/>).</summary>
    public async Task CompleteAsync(TimeSpan grace)
    {
        writer.TryComplete();
        stopping.CancelAfter(grace);
        await Completion;
    }

    public async ValueTask DisposeAsync()
    {
        await CompleteAsync(TimeSpan.FromSeconds(2));
        stopping.Dispose();
    }

    private async Task<Done> PublishAsync(OutboundMessage message)
    {
        var key = WireCounters.KeyOf(message.Kind);
        var giveUp = time.GetUtcNow() + options.RetryFor;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await publish(message, stopping.Token);
                counters.Out(key);
                return Done.Instance;
            }
            catch (Exception)
            {
                var delay = Backoff.Delay(attempt, options.RetryInitialDelay, TimeSpan.FromSeconds(2));
                if (!message.AtLeastOnce || stopping.IsCancellationRequested || time.GetUtcNow() + delay > giveUp)
                {
                    counters.Dropped(key);
                    return Done.Instance;
                }

                try
                {
                    await Task.Delay(delay, time, stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    counters.Dropped(key);
                    return Done.Instance;
                }
            }
        }
    }
}
