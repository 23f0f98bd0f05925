namespace Traffic.Service.Hosting;

/// <summary>
/// The service's settings: section "Traffic" of appsettings.json, environment variables
/// (<c>Traffic__Broker__Port=1884</c>) and the command line of <c>traffic serve</c>, later ones winning.
/// </summary>
public sealed class ServiceOptions
{
    public const string Section = "Traffic";

    /// <summary>The network file; a relative path is looked up from the working directory, then from the repository root.</summary>
    public string Network { get; set; } = "config/networks/daegu-250.json";

    /// <summary>HTTP port on 127.0.0.1 (0 picks a free one).</summary>
    public int HttpPort { get; set; } = 5080;

    /// <summary>How often the live clock ticks the intersections (ms).</summary>
    public int ClockPeriodMs { get; set; } = 100;

    /// <summary>How long an inbound message may wait for its intersection's reply.</summary>
    public double AskTimeoutSeconds { get; set; } = 5;

    /// <summary>Capacity of the queue between the actors and the MQTT egress; what does not fit is dropped and counted.</summary>
    public int OutboundCapacity { get; set; } = 16384;

    /// <summary>Longest a clean shutdown may take before the host gives up on the remaining parts.</summary>
    public double ShutdownTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// The policy of intersections in free operation (not in a coordinated corridor group): "adaptive" (the default:
    /// the adaptive policy with the daegu-250 settings, docs/control.md, on counts and tracked vehicles; the free plan
    /// is sent with follow, and the field controller carries out the actor's calls, holds, force-offs and omits) or
    /// "actuated" (the field controller runs its own actuated plan, and the actors run the same rule on what they
    /// are told).
    /// </summary>
    public string FreePolicy { get; set; } = "adaptive";

    public BrokerOptions Broker { get; set; } = new();
}

/// <summary>The MQTT broker: the embedded one (default) or an external one such as Mosquitto.</summary>
public sealed class BrokerOptions
{
    /// <summary>Start the in-process broker on <see cref="Port"/> (127.0.0.1) and connect to it.</summary>
    public bool Embedded { get; set; } = true;

    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker port (0 with the embedded broker picks a free one).</summary>
    public int Port { get; set; } = 1883;

    public string? User { get; set; }

    public string? Password { get; set; }

    public bool Tls { get; set; }

    /// <summary>How long the first connection may take before the service gives up (bad configuration).</summary>
    public double ConnectTimeoutSeconds { get; set; } = 10;
}
