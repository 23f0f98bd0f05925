using Traffic.Mqtt.Transport;

namespace Traffic.Simulation.Field;

/// <summary>Connecting with a deadline: the connection itself retries for ever, a command line should not.</summary>
internal static class BrokerConnect
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task StartAsync(MqttConnection connection, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await connection.StartAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BrokerUnreachableException($"could not connect to the MQTT broker {connection.Options.Host}:{connection.Options.Port} within {timeout.TotalSeconds:0} s");
        }
    }
}

/// <summary>The MQTT broker did not accept a connection in time.</summary>
public sealed class BrokerUnreachableException(string message) : Exception(message);
