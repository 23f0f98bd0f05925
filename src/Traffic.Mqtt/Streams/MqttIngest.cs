using System.Threading.Channels;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Transport;
using Traffic.Mqtt.Validation;

namespace Traffic.Mqtt.Streams;

/// <summary>
/// Inbound stream: MQTT callbacks (many writers) -> bounded channel -> validation (one stage, in
/// arrival order) -> the sink delegate (<see cref="IngestOptions.Parallelism"/> calls in flight,
/// started in arrival order; awaiting them is the back-pressure). A rejected message is counted,
/// reported on <c>traffic/v1/errors</c> and never reaches the sink; a sink call that throws is
/// counted as dropped and the stream goes on. The sink is where the actors plug in, for example
/// <c>m => router.Ask&lt;Ack&gt;(m, timeout)</c>.
/// </summary>
public sealed class MqttIngest : IAsyncDisposable
{
    private readonly InboundValidator validator;
    private readonly Func<InboundMessage, Task> sink;
    private readonly WireCounters counters;
    private readonly Func<OutboundMessage, bool>? publishError;
    private readonly OutboundSequence sequence;
    private readonly IngestOptions options;
    private readonly ChannelWriter<RawInbound> writer;

    public MqttIngest(
        InboundValidator validator,
        Func<InboundMessage, Task> sink,
        IMaterializer materializer,
        WireCounters counters,
        Func<OutboundMessage, bool>? publishError = null,
        OutboundSequence? sequence = null,
        IngestOptions? options = null)
    {
        this.validator = validator;
        this.sink = sink;
        this.counters = counters;
        this.publishError = publishError;
        this.sequence = sequence ?? new OutboundSequence(0);
        this.options = options ?? IngestOptions.Default;

        var (w, done) = Source.Channel<RawInbound>(this.options.BufferSize, singleWriter: false, BoundedChannelFullMode.Wait)
            .Select(Validate)
            .Where(r => r.IsAccepted)
            .Select(r => r.Message!)
            .SelectAsync(this.options.Parallelism, DeliverAsync)
            .ToMaterialized(Sink.Ignore<Done>(), Keep.Both)
            .Run(materializer);
        writer = w;
        Completion = done;
    }

    /// <summary>Called with every rejection (after it is counted and reported).</summary>
    public event Action<RawInbound, Rejection>? Rejected;

    /// <summary>Completes when the stream has drained after <see cref="CompleteAsync"/>.</summary>
    public Task Completion { get; }

    /// <summary>
    /// Hands a received message to the stream. Waits while the buffer is full, up to
    /// <see cref="IngestOptions.OfferTimeout"/> (zero: not at all); then drops and counts it. Returns whether it was taken.
    /// </summary>
    public async ValueTask<bool> OfferAsync(RawInbound raw, CancellationToken ct = default)
    {
        var key = WireCounters.KeyOf(raw.Topic);
        counters.In(key);
        if (writer.TryWrite(raw))
        {
            return true;
        }

        if (options.OfferTimeout <= TimeSpan.Zero)
        {
            counters.Dropped(key);
            return false;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(options.OfferTimeout);
        try
        {
            await writer.WriteAsync(raw, wait.Token);
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            counters.Dropped(key);
            return false;
        }
    }

    /// <summary>The MQTT receive callback: plug into <see cref="MqttConnection.MessageHandler"/>.</summary>
    public async ValueTask OnReceivedAsync(RawInbound raw, CancellationToken ct) => await OfferAsync(raw, ct);

    /// <summary>No more input; the stream drains what it holds.</summary>
    public Task CompleteAsync()
    {
        writer.TryComplete();
        return Completion;
    }

    public async ValueTask DisposeAsync() => await CompleteAsync();

    private ValidationResult Validate(RawInbound raw)
    {
        var result = validator.Validate(raw.Topic, raw.Payload.Span, raw.ReceivedAt);
        if (result.Rejection is { } rejection)
        {
            counters.Rejected(WireCounters.KeyOf(raw.Topic), rejection.Reason);
            publishError?.Invoke(OutboundMessage.ForError(new ErrorReport
            {
                Source = options.ServiceId,
                Seq = sequence.Next(Topics.Errors),
                Time = raw.ReceivedAt,
                Topic = raw.Topic,
                Reason = rejection.Reason,
                Detail = rejection.Detail,
                PayloadBytes = raw.Payload.Length,
            }));
            Rejected?.Invoke(raw, rejection);
        }

        return result;
    }

    private async Task<Done> DeliverAsync(InboundMessage message)
    {
        var key = WireCounters.KeyOf(message.Kind);
        try
        {
            await sink(message);
            counters.Out(key);
        }
        catch (Exception)
        {
            counters.Dropped(key);
        }

        return Done.Instance;
    }
}
