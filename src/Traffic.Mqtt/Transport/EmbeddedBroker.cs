using System.Net;
using System.Net.Sockets;
using System.Reflection;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace Traffic.Mqtt.Transport;

/// <summary>
/// The in-process MQTT broker (MQTTnet server) for a bare machine and for tests. Port 0 picks a free
/// port; <see cref="Port"/> tells which. Binds to loopback unless told otherwise.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private static readonly FieldInfo? ConnectPacketField = typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", BindingFlags.Instance | BindingFlags.NonPublic);
    private MqttServer? server;

    private EmbeddedBroker(IPAddress address, int port, int maxPendingPerClient)
    {
        Address = address;
        Port = port;
        MaxPendingPerClient = maxPendingPerClient;
    }

    public IPAddress Address { get; }

    public int Port { get; private set; }

    /// <summary>Messages the broker queues for one slow subscriber before it drops (MQTTnet's default is 250).</summary>
    public int MaxPendingPerClient { get; }

    public bool IsRunning => server?.IsStarted == true;

    public static async Task<EmbeddedBroker> StartAsync(int port = 0, IPAddress? address = null, int maxPendingPerClient = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var broker = new EmbeddedBroker(address ?? IPAddress.Loopback, port, maxPendingPerClient);
        await broker.StartServerAsync(port == 0);
        return broker;
    }

    /// <summary>Stops the broker: every client is disconnected, retained messages are lost.</summary>
    public async Task StopAsync()
    {
        var s = server;
        server = null;
        if (s is not null)
        {
            await s.StopAsync();
            s.Dispose();
        }
    }

    /// <summary>Starts again on the same port (to test reconnects).</summary>
    public Task RestartAsync() => IsRunning ? Task.CompletedTask : StartServerAsync(pickPort: false);

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartServerAsync(bool pickPort)
    {
        // MQTTnet does not report the port it bound, so a free one is found first; another process
        // may take it in between, hence the retries.
        for (var attempt = 0; ; attempt++)
        {
            if (pickPort)
            {
                Port = FreePort(Address);
            }

            var options = new MqttServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(Address)
                .WithDefaultEndpointPort(Port)
                .WithMaxPendingMessagesPerClient(MaxPendingPerClient)
                .Build();
            var s = new MqttServerFactory().CreateMqttServer(options);
            s.ValidatingConnectionAsync += AssignClientId;
            try
            {
                await s.StartAsync();
                server = s;
                return;
            }
            catch (SocketException) when (pickPort && attempt < 5)
            {
                s.Dispose();
            }
            catch (Exception e)
            {
                s.Dispose();
                throw new InvalidOperationException($"the embedded MQTT broker could not listen on {Address}:{Port}: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// A client may leave its id empty and let the broker choose (MQTT 3.1.1 with a clean session, MQTT
    /// 5): plain `mosquitto_sub -t ...` does, with MQTT 3.1.1. MQTTnet assigns an id only for MQTT 5
    /// (<see cref="ValidatingConnectionEventArgs.AssignedClientIdentifier"/>) and refuses 3.1.1 clients
    /// without one, so for those the id is written into the CONNECT packet, which the event arguments
    /// hold privately. Should MQTTnet rename that field, such clients are refused as before.
    /// </summary>
    private static Task AssignClientId(ValidatingConnectionEventArgs e)
    {
        if (!string.IsNullOrEmpty(e.ClientId))
        {
            return Task.CompletedTask;
        }

        var id = $"auto-{Guid.NewGuid():N}";
        e.AssignedClientIdentifier = id;
        if (e.CleanSession == true && ConnectPacketField?.GetValue(e) is MqttConnectPacket packet)
        {
            packet.ClientId = id;
        }

        return Task.CompletedTask;
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
