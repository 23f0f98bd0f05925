using Traffic.Mqtt.Transport;
using Traffic.Tests.Shared;

namespace Traffic.Mqtt.Tests;

/// <summary>A broker the round-trip tests talk to.</summary>
public interface IBrokerFixture
{
    int Port { get; }
}

public sealed class EmbeddedBrokerFixture : IBrokerFixture, IAsyncLifetime
{
    public EmbeddedBroker Broker { get; private set; } = null!;

    public int Port => Broker.Port;

    public async Task InitializeAsync() => Broker = await EmbeddedBroker.StartAsync(port: 0);

    public async Task DisposeAsync() => await Broker.DisposeAsync();
}

/// <summary>
/// A real Mosquitto started for the test class on a free port (see <see cref="MosquittoBroker"/>).
/// Fails (does not skip) when Mosquitto is not installed: test.sh installs it.
/// </summary>
public sealed class MosquittoFixture : MosquittoBroker, IBrokerFixture;
