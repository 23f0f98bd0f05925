using System.Globalization;
using Microsoft.Extensions.Configuration;
using Traffic.Service.Hosting;

namespace Traffic.Service;

/// <summary>
/// `traffic serve` (also `traffic` with no arguments): the live control service until Ctrl-C.
/// Settings: appsettings.json ("Traffic"), environment (Traffic__Broker__Port=1884), then these options.
/// </summary>
internal sealed class ServeCommand : ICommand
{
    /// <summary>Command-line option -> configuration key.</summary>
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["network"] = "Traffic:Network",
        ["http-port"] = "Traffic:HttpPort",
        ["broker-host"] = "Traffic:Broker:Host",
        ["broker-port"] = "Traffic:Broker:Port",
        ["broker-user"] = "Traffic:Broker:User",
        ["broker-password"] = "Traffic:Broker:Password",
        ["broker-tls"] = "Traffic:Broker:Tls",
        ["embedded-broker"] = "Traffic:Broker:Embedded",
        ["free-policy"] = "Traffic:FreePolicy",
    };

    private static readonly string[] Booleans = ["broker-tls", "embedded-broker"];

    public string Name => "serve";

    public string Summary => "run the live control service (the default): MQTT broker, 250 intersection actors, HTTP on 127.0.0.1";

    public string Usage => """
        usage: traffic serve [--network FILE] [--http-port N] [--free-policy adaptive|actuated] [--embedded-broker true|false]
                             [--broker-host H] [--broker-port N] [--broker-user U] [--broker-password P] [--broker-tls true|false]
          Starts the embedded MQTT broker (port 1883; 0 = any free port) or connects to an external one
          (--embedded-broker false --broker-host H --broker-port N), loads the network (default
          config/networks/daegu-250.json), runs one actor per intersection (adaptive control outside coordinated
          corridor groups, carried out by the field controllers; --free-policy actuated: their own actuated plan) and serves HTTP on
          127.0.0.1 (port 5080): /health, /metrics, /api/corridors, /api/corridors/{id},
          /api/intersections/{id}. Runs until Ctrl-C (SIGINT) or SIGTERM; logs the shutdown time.
          Settings also come from appsettings.json (section "Traffic") and the environment
          (Traffic__Broker__Port=1884); options given here win.
          exit 0: stopped cleanly; 2: bad configuration (file, network, port in use, broker unreachable); 1: internal error
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var configuration = Configuration(args);
        try
        {
            return RunAsync(configuration, stdout).GetAwaiter().GetResult();
        }
        catch (ServiceConfigurationException e)
        {
            stderr.WriteLine($"traffic serve: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>appsettings.json next to the program, the environment, then the command-line options.</summary>
    internal static IConfiguration Configuration(IReadOnlyList<string> args)
    {
        var options = CommandArgs.Parse(args, Keys.Keys, []);
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (option, key) in Keys)
        {
            if (options.Value(option) is not { } value)
            {
                continue;
            }

            if (Booleans.Contains(option) && !bool.TryParse(value, out _))
            {
                throw new UsageException($"option --{option}: '{value}' is not true or false");
            }

            if (option.EndsWith("port", StringComparison.Ordinal))
            {
                _ = options.Int(option, 0, 65535);
            }

            overrides[key] = value;
        }

        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
    }

    private static async Task<int> RunAsync(IConfiguration configuration, TextWriter stdout)
    {
        await using var service = await TrafficService.StartAsync(configuration);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"traffic: serving {service.Network.Intersections.Count} intersections; MQTT on port {service.BrokerPort}, HTTP on http://127.0.0.1:{service.HttpPort}; Ctrl-C stops"));
        await service.Stopping;
        var took = await service.StopAsync();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"traffic: stopped in {took.TotalSeconds:0.00} s"));
        return ExitCodes.Ok;
    }
}
