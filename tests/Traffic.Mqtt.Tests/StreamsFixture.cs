using Akka.Actor;
using Akka.Streams;

namespace Traffic.Mqtt.Tests;

/// <summary>One actor system and materializer shared by a test class.</summary>
public sealed class StreamsFixture : IAsyncLifetime
{
    public ActorSystem System { get; private set; } = null!;

    public IMaterializer Materializer { get; private set; } = null!;

    public Task InitializeAsync()
    {
        System = ActorSystem.Create("mqtt-tests", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
        Materializer = System.Materializer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await System.Terminate();
}
