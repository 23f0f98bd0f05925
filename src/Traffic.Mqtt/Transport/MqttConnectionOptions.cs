using Traffic.Mqtt.Contract;

namespace Traffic.Mqtt.Transport;

/// <summary>
/// Where the broker is and how to talk to it. TLS with <see cref="UseTls"/> (server certificate
/// checked unless <see cref="AllowUntrustedCertificates"/>). After a lost connection the client
/// reconnects after <see cref="InitialBackoff"/>, doubling up to <see cref="MaxBackoff"/>.
/// <see cref="Subscriptions"/> are subscribed with QoS 1 and MQTT 5 no-local (the service does not
/// hear its own publications) after every connect.
/// </summary>
public sealed record MqttConnectionOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 1883;

    public string ClientId { get; init; } = $"traffic-{Guid.NewGuid():N}";

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public bool UseTls { get; init; }

    public bool AllowUntrustedCertificates { get; init; }

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Subscriptions { get; init; } = Topics.InboundFilters;

    public override string ToString() => $"mqtt{(UseTls ? "s" : "")}://{(UserName is null ? "" : UserName + "@")}{Host}:{Port} as {ClientId}";
}
