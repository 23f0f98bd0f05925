using Traffic.Tests.Shared;

namespace Traffic.Service.Tests;

/// <summary>A real Mosquitto on a free port for the service round trip (test.sh installs it).</summary>
public sealed class MosquittoFixture : MosquittoBroker;
