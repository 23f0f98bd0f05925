using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Traffic.Actors;
using Traffic.Signals.Config;
using Traffic.Signals.Model;

namespace Traffic.Service.Hosting;

/// <summary>
/// The live control service in one process: the embedded MQTT broker (unless an external one is
/// configured), the intersection actors under Akka.Hosting with the live clock, the MQTT gateway
/// between them, and HTTP on 127.0.0.1 (/health, /metrics, /api). <see cref="StartAsync"/> returns
/// once everything runs; configuration problems are a <see cref="ServiceConfigurationException"/>.
/// </summary>
public sealed class TrafficService : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ILogger logger;
    private TimeSpan? shutdown;

    private TrafficService(WebApplication app, Network network, string networkPath)
    {
        this.app = app;
        Network = network;
        NetworkPath = networkPath;
        logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Traffic.Service");
        HttpPort = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        BrokerPort = app.Services.GetRequiredService<BrokerService>().Port;
    }

    public Network Network { get; }

    public string NetworkPath { get; }

    public int HttpPort { get; }

    public int BrokerPort { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>The gateway (its counters, its connection).</summary>
    public Mqtt.MqttGateway Gateway => app.Services.GetRequiredService<MqttBridgeService>().Gateway!;

    /// <summary>Completes when the host has begun to stop (Ctrl-C, SIGTERM, or <see cref="StopAsync"/>).</summary>
    public Task Stopping => Task.Delay(Timeout.Infinite, app.Lifetime.ApplicationStopping).ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>
    /// Builds and starts the service. <paramref name="configuration"/> holds the "Traffic" section (and
    /// "Logging"); <paramref name="logging"/> may replace the log providers (tests).
    /// </summary>
    public static async Task<TrafficService> StartAsync(IConfiguration configuration, Action<ILoggingBuilder>? logging = null, CancellationToken ct = default)
    {
        var options = ReadOptions(configuration);
        var networkPath = ResolveNetwork(options.Network);
        var network = LoadNetwork(networkPath);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.AddConfiguration(configuration);
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.HttpPort));
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds));
        builder.Services.Configure<JsonOptions>(j =>
        {
            j.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            j.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            j.SerializerOptions.TypeInfoResolverChain.Insert(0, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());
        });

        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton(network);
        s.AddSingleton<ServiceClock>();
        s.AddSingleton<PlanNumbers>();
        s.AddSingleton<MetricsRefresher>();
        s.AddSingleton(p => new OutboundPump(options.OutboundCapacity, network, p.GetRequiredService<PlanNumbers>(), p.GetRequiredService<ILoggerFactory>().CreateLogger<OutboundPump>()));

        // Start order = registration order (stop is the reverse): broker, actors, MQTT bridge, then HTTP.
        s.AddSingleton<BrokerService>();
        s.AddHostedService(p => p.GetRequiredService<BrokerService>());
        s.AddAkka("traffic", akka => akka
            // The host's lifetime (Ctrl-C, SIGTERM) stops the actors, after the MQTT bridge: not Akka's own CLR hook.
            .AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend)
            .WithTrafficActors(
                network,
                resolver => resolver.GetService<OutboundPump>(),
                TrafficActorSettings.Default with { FieldFollowsFreePolicy = options.FreePolicy == "adaptive" },
                options.FreePolicy == "adaptive" ? IntersectionActor.AdaptiveFreePolicy() : IntersectionActor.DefaultFreePolicy)
            .WithLiveClock(TimeSpan.FromMilliseconds(options.ClockPeriodMs)));
        s.AddSingleton<MqttBridgeService>();
        s.AddHostedService(p => p.GetRequiredService<MqttBridgeService>());

        var app = builder.Build();
        HttpApi.Map(app);
        try
        {
            await app.StartAsync(ct);
        }
        catch (Exception e)
        {
            await StopQuietlyAsync(app);
            throw Explain(e, options);
        }

        var service = new TrafficService(app, network, networkPath);
        service.logger.LogInformation(
            "traffic service running: network {Network} ({Count} intersections, {Corridors} corridors), MQTT {Broker} port {BrokerPort}, HTTP http://127.0.0.1:{HttpPort}",
            networkPath,
            network.Intersections.Count,
            network.Corridors.Count,
            options.Broker.Embedded ? "embedded broker" : $"broker {options.Broker.Host}",
            service.BrokerPort,
            service.HttpPort);
        return service;
    }

    /// <summary>The settings of section "Traffic", checked; every problem is a <see cref="ServiceConfigurationException"/>.</summary>
    public static ServiceOptions ReadOptions(IConfiguration configuration)
    {
        var options = new ServiceOptions();
        try
        {
            configuration.GetSection(ServiceOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ServiceConfigurationException($"configuration: {e.Message}", e);
        }

        var errors = new List<string>();
        void Port(string name, int value, int min)
        {
            if (value < min || value > IPEndPoint.MaxPort)
            {
                errors.Add($"{name} {value} is outside {min}..{IPEndPoint.MaxPort}");
            }
        }

        Port("Traffic:HttpPort", options.HttpPort, 0);
        Port("Traffic:Broker:Port", options.Broker.Port, options.Broker.Embedded ? 0 : 1);
        if (string.IsNullOrWhiteSpace(options.Network))
        {
            errors.Add("Traffic:Network (the network file) is empty");
        }

        if (!options.Broker.Embedded && string.IsNullOrWhiteSpace(options.Broker.Host))
        {
            errors.Add("Traffic:Broker:Host is empty (an external broker needs a host)");
        }

        if (options.FreePolicy is not ("adaptive" or "actuated"))
        {
            errors.Add($"Traffic:FreePolicy '{options.FreePolicy}' is not a policy: adaptive or actuated");
        }

        if (options.ClockPeriodMs is < 10 or > 1000)
        {
            errors.Add($"Traffic:ClockPeriodMs {options.ClockPeriodMs} is outside 10..1000");
        }

        if (options.OutboundCapacity < 1)
        {
            errors.Add($"Traffic:OutboundCapacity {options.OutboundCapacity} must be at least 1");
        }

        foreach (var (name, value) in new[] { ("Traffic:AskTimeoutSeconds", options.AskTimeoutSeconds), ("Traffic:ShutdownTimeoutSeconds", options.ShutdownTimeoutSeconds), ("Traffic:Broker:ConnectTimeoutSeconds", options.Broker.ConnectTimeoutSeconds) })
        {
            if (!(value > 0) || value > 600)
            {
                errors.Add($"{name} {value} must be in (0, 600] seconds");
            }
        }

        return errors.Count == 0 ? options : throw new ServiceConfigurationException("configuration: " + string.Join("; ", errors));
    }

    /// <summary>
    /// A relative network path is taken from the working directory if it exists there, else from the
    /// repository (or install) root: the first folder above the program that has it.
    /// </summary>
    public static string ResolveNetwork(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.GetFullPath(path); // does not exist: loading names it
    }

    /// <summary>Loads and validates the network; every error names the file and element.</summary>
    public static Network LoadNetwork(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ServiceConfigurationException($"network file {path}: cannot read: {e.Message}", e);
        }

        var result = NetworkLoader.Load(text, Path.GetFileName(path));
        if (!result.Ok)
        {
            var shown = result.Errors.Take(20).ToList();
            var more = result.Errors.Count > shown.Count ? $"{Environment.NewLine}... and {result.Errors.Count - shown.Count} more" : "";
            throw new ServiceConfigurationException(
                $"network file {path}: {result.Errors.Count} error{(result.Errors.Count == 1 ? "" : "s")}:{Environment.NewLine}{string.Join(Environment.NewLine, shown)}{more}");
        }

        try
        {
            TrafficRegion.Assign(result.Network!);
        }
        catch (ArgumentException e)
        {
            throw new ServiceConfigurationException($"network file {path}: {e.Message}", e);
        }

        return result.Network!;
    }

    /// <summary>Stops everything (MQTT bridge, actors, HTTP, broker) and returns how long that took.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        if (shutdown is { } done)
        {
            return done;
        }

        var clock = Stopwatch.StartNew();
        logger.LogInformation("shutting down");
        try
        {
            await app.StopAsync();
        }
        finally
        {
            shutdown = clock.Elapsed;
        }

        logger.LogInformation("shutdown took {Milliseconds:0} ms", shutdown.Value.TotalMilliseconds);
        return shutdown.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }

    private static async Task StopQuietlyAsync(WebApplication app)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(cts.Token);
        }
        catch (Exception)
        {
            // Already failing to start: the start error is the one to report.
        }

        await app.DisposeAsync();
    }

    private static Exception Explain(Exception e, ServiceOptions options)
    {
        if (e is ServiceConfigurationException)
        {
            return e;
        }

        if (e is IOException && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            return new ServiceConfigurationException($"HTTP port {options.HttpPort}: 127.0.0.1:{options.HttpPort} is in use; use --http-port N (0 = any free port)", e);
        }

        return e.GetBaseException() is ServiceConfigurationException inner ? inner : e;
    }
}
