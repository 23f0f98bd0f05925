using System.Diagnostics;

namespace Traffic.Service.Hosting;

/// <summary>When the service started, for /health and the uptime gauge.</summary>
public sealed class ServiceClock
{
    private readonly Stopwatch watch = Stopwatch.StartNew();

    public TimeSpan Uptime => watch.Elapsed;
}
