using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Traffic.Actors;
using Traffic.Mqtt;
using Traffic.Mqtt.Transport;
using Traffic.Signals.Model;

namespace Traffic.Service.Hosting;

/// <summary>
/// Connects the actors to MQTT for the life of the host: starts the <see cref="MqttGateway"/> with the
/// <see cref="InboundBridge"/> as its sink and attaches the <see cref="OutboundPump"/>. Registered after
/// Akka, so it stops first: input stops, queued output goes out, the connection closes, then the actors stop.
/// </summary>
public sealed class MqttBridgeService(
    ServiceOptions options,
    Network network,
    BrokerService broker,
    OutboundPump pump,
    PlanNumbers planNumbers,
    ActorSystem system,
    IRequiredActor<TrafficRegion> regionActor,
    ILogger<MqttBridgeService> logger) : IHostedService
{
    private ActorMaterializer? materializer;

    public MqttGateway? Gateway { get; private set; }

    public IActorRef? Region { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Region = await regionActor.GetAsync(cancellationToken);
        var b = options.Broker;
        var connection = new MqttConnectionOptions
        {
            Host = b.Embedded ? "127.0.0.1" : b.Host,
            Port = broker.Port,
            UserName = string.IsNullOrEmpty(b.User) ? null : b.User,
            Password = string.IsNullOrEmpty(b.Password) ? null : b.Password,
            UseTls = b.Tls,
        };
        var bridge = new InboundBridge(Region, network, planNumbers, TimeSpan.FromSeconds(options.AskTimeoutSeconds), logger);
        materializer = ActorMaterializer.Create(system);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(b.ConnectTimeoutSeconds));
        try
        {
            Gateway = await MqttGateway.StartAsync(new MqttGatewayOptions { Connection = connection }, network, bridge.DeliverAsync, materializer, TimeProvider.System, deadline.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceConfigurationException(
                $"broker {connection.Host}:{connection.Port}: could not connect to the MQTT broker within {b.ConnectTimeoutSeconds:0.#} s "
                + "(is it running? user, password, TLS right?)",
                e);
        }

        pump.Attach(Gateway);
        logger.LogInformation("connected to MQTT broker {Connection}; {Count} intersections live", connection, network.Intersections.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Actors may still send while this runs: after CompleteAsync their output is dropped and counted.
        try
        {
            await pump.CompleteAsync(cancellationToken);
            if (Gateway is not null)
            {
                await Gateway.DisposeAsync().AsTask().WaitAsync(cancellationToken);
            }

            logger.LogInformation("MQTT gateway closed");
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("MQTT gateway did not close within the shutdown timeout; going on with the shutdown");
        }
        finally
        {
            materializer?.Dispose();
        }
    }
}
