using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Traffic.Mqtt.Transport;

namespace Traffic.Service.Hosting;

/// <summary>
/// Runs the embedded MQTT broker for the life of the host when configured (registered before the
/// actors and the gateway, so it starts first and stops last). With an external broker it does nothing.
/// </summary>
public sealed class BrokerService(ServiceOptions options, ILogger<BrokerService> logger) : IHostedService
{
    private EmbeddedBroker? broker;

    /// <summary>The port the service connects to: the embedded broker's (read back when 0 was asked) or the external one's.</summary>
    public int Port => broker?.Port ?? options.Broker.Port;

    public bool Embedded => options.Broker.Embedded;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Broker.Embedded)
        {
            return;
        }

        try
        {
            broker = await EmbeddedBroker.StartAsync(options.Broker.Port);
        }
        catch (Exception e) when (e is InvalidOperationException or SocketException)
        {
            throw new ServiceConfigurationException(
                $"broker port {options.Broker.Port}: 127.0.0.1:{options.Broker.Port} is in use or not allowed, the embedded MQTT broker cannot listen there "
                + $"({e.GetBaseException().Message}); is another broker running? Use --broker-port N (0 = any free port), "
                + "or --embedded-broker false to use that broker",
                e);
        }

        logger.LogInformation("embedded MQTT broker listening on 127.0.0.1:{Port}", broker.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (broker is not null)
        {
            await broker.StopAsync().WaitAsync(cancellationToken);
            logger.LogInformation("embedded MQTT broker stopped");
        }
    }
}
