using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Traffic.Mqtt.Transport;

/// <summary>
/// One MQTT 5 client connection (MQTTnet 5) that stays up: after a lost connection it reconnects with
/// exponential backoff, subscribes again and raises <see cref="Reconnected"/> so the owner can resend
/// what the broker may have lost (the latest plans). Incoming messages go to
/// <see cref="MessageHandler"/>, awaited before the next one is read (back-pressure to the broker).
/// The receive time comes from the given <see cref="TimeProvider"/>: this is where the wall clock enters.
/// </summary>
public sealed class MqttConnection : IAsyncDisposable
{
    private readonly IMqttClient client;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Task? reconnectLoop;
    private int reconnects;

    public MqttConnection(MqttConnectionOptions options, TimeProvider? time = null)
    {
        Options = options;
        this.time = time ?? TimeProvider.System;
        client = new MqttClientFactory().CreateMqttClient();

        // Handlers are attached before the first ConnectAsync so no message is missed.
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public MqttConnectionOptions Options { get; }

    /// <summary>Receives every message on the subscriptions. Set it before <see cref="StartAsync"/>.</summary>
    public Func<RawInbound, CancellationToken, ValueTask>? MessageHandler { get; set; }

    /// <summary>Raised after a reconnect (not after the first connect), once subscriptions are back.</summary>
    public event Func<Task>? Reconnected;

    public bool IsConnected => client.IsConnected;

    /// <summary>The last exception a <see cref="Reconnected"/> handler threw (handlers run one after another; a failure does not stop the rest).</summary>
    public Exception? LastReconnectHandlerError { get; private set; }

    /// <summary>How many times the connection came back after a loss.</summary>
    public int Reconnects => Volatile.Read(ref reconnects);

    /// <summary>Connects (retrying with backoff until it succeeds or <paramref name="ct"/> is cancelled) and subscribes.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping.Token);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ConnectAndSubscribeAsync(linked.Token);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !linked.IsCancellationRequested)
            {
                await Task.Delay(Backoff.Delay(attempt, Options.InitialBackoff, Options.MaxBackoff), time, linked.Token);
            }
        }
    }

    /// <summary>Publishes one message; throws when not connected or the broker refuses it.</summary>
    public async Task PublishAsync(OutboundMessage message, CancellationToken ct = default)
    {
        var m = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload.ToArray())
            .WithQualityOfServiceLevel(message.AtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainFlag(message.Retain)
            .WithContentType("application/json")
            .Build();
        var result = await client.PublishAsync(m, ct);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"broker refused the publish to {message.Topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        Task? loop;
        lock (gate)
        {
            loop = reconnectLoop;
        }

        if (loop is not null)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build());
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // the broker went first
            }
        }

        client.Dispose();
        stopping.Dispose();
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken ct)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Options.Host, Options.Port)
            .WithClientId(Options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(Options.KeepAlive)
            .WithTimeout(Options.ConnectTimeout);
        if (Options.UserName is not null)
        {
            builder = builder.WithCredentials(Options.UserName, Options.Password);
        }

        if (Options.UseTls)
        {
            builder = builder.WithTlsOptions(o =>
            {
                o.UseTls();
                if (Options.AllowUntrustedCertificates)
                {
                    o.WithCertificateValidationHandler(_ => true);
                }
            });
        }

        await client.ConnectAsync(builder.Build(), ct);
        if (Options.Subscriptions.Count > 0)
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var filter in Options.Subscriptions)
            {
                subscribe = subscribe.WithTopicFilter(new MqttTopicFilterBuilder()
                    .WithTopic(filter)
                    .WithAtLeastOnceQoS()
                    .WithNoLocal(true)
                    .Build());
            }

            var result = await client.SubscribeAsync(subscribe.Build(), ct);
            var refused = result.Items.Where(i => (int)i.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2).ToList();
            if (refused.Count > 0)
            {
                throw new InvalidOperationException($"broker refused subscriptions: {string.Join(", ", refused.Select(i => $"{i.TopicFilter.Topic} ({i.ResultCode})"))}");
            }
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var handler = MessageHandler;
        if (handler is null)
        {
            return;
        }

        var raw = new RawInbound(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), time.GetUtcNow(), e.ApplicationMessage.Retain);
        await handler(raw, stopping.Token);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (!e.ClientWasConnected || stopping.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        lock (gate)
        {
            if (reconnectLoop is null || reconnectLoop.IsCompleted)
            {
                reconnectLoop = Task.Run(ReconnectAsync);
            }
        }

        return Task.CompletedTask;
    }

    private async Task ReconnectAsync()
    {
        await StartAsync(stopping.Token);
        Interlocked.Increment(ref reconnects);
        if (Reconnected is { } handlers)
        {
            foreach (var h in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                try
                {
                    await h();
                }
                catch (Exception e)
                {
                    // One failing owner must not keep the others from resending.
                    LastReconnectHandlerError = e;
                }
            }
        }
    }
}
