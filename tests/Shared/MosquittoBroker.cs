using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Traffic.Mqtt.Transport;

namespace Traffic.Tests.Shared;

/// <summary>
/// A real Mosquitto started for the test class on a free port with its own config, killed at the
/// end (shared by the MQTT and the service tests; unsealed for their fixtures). Fails (does not skip) when Mosquitto is not installed: test.sh installs it.
/// </summary>
public class MosquittoBroker : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("traffic-mosquitto-").FullName;
    private Process? process;

    public int Port { get; private set; }

    public static string? FindExecutable()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/opt/homebrew/sbin"])
            .Select(d => Path.Combine(d, "mosquitto"))
            .FirstOrDefault(File.Exists);
    }

    public async Task InitializeAsync()
    {
        var exe = FindExecutable() ?? throw new InvalidOperationException(
            "mosquitto is not installed (looked in PATH and /usr/sbin): the Mosquitto round-trip tests need it. "
            + "Run ./test.sh (it installs it) or: apt-get install -y mosquitto mosquitto-clients");
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var config = Path.Combine(dir, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n");
        var start = new ProcessStartInfo(exe, ["-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {exe}");
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        // Ready when a client can connect (the connection retries with backoff until the deadline).
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var probeClient = new MqttConnection(new MqttConnectionOptions { Port = Port, Subscriptions = [] });
        try
        {
            await probeClient.StartAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            string text;
            lock (log)
            {
                text = log.ToString();
            }

            throw new InvalidOperationException($"mosquitto did not accept connections on 127.0.0.1:{Port} within 10 s (exited: {process.HasExited}). Its log:\n{text}");
        }
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        Directory.Delete(dir, recursive: true);
    }
}
