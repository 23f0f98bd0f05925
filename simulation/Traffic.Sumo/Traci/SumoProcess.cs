using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Traffic.Sumo.Traci;

/// <summary>
/// A running <c>sumo</c> (or <c>sumo-gui</c>) with a TraCI server on a free local port, and the
/// connected client. SUMO_HOME defaults to /usr/share/sumo when unset. Dispose closes the
/// connection (SUMO then writes its outputs) and waits for the process to exit.
/// </summary>
public sealed class SumoProcess : ISumoSession
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private SumoProcess(Process process, TraciClient client, int port)
    {
        this.process = process;
        Client = client;
        Port = port;
    }

    public TraciClient Client { get; }

    public int Port { get; }

    /// <summary>What SUMO printed so far (stdout and stderr), for error messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts SUMO with <paramref name="arguments"/> plus --remote-port and connects.</summary>
    public static SumoProcess Start(IEnumerable<string> arguments, string binary = "sumo", TimeSpan? connectTimeout = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.ArgumentList.Add("--remote-port");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SUMO_HOME")))
        {
            info.Environment["SUMO_HOME"] = "/usr/share/sumo";
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new TraciException($"could not start {binary}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TraciException($"could not start '{binary}' (is SUMO installed? apt-get install sumo): {e.Message}", e);
        }

        var text = new StringBuilder();
        void Append(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (text)
                {
                    text.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var client = TraciClient.Connect("127.0.0.1", port, connectTimeout ?? TimeSpan.FromSeconds(30), () => process.HasExited);
            var sumo = new SumoProcess(process, client, port);
            sumo.output.Append(text);
            process.OutputDataReceived -= Append;
            process.ErrorDataReceived -= Append;
            process.OutputDataReceived += sumo.Collect;
            process.ErrorDataReceived += sumo.Collect;
            return sumo;
        }
        catch (TraciException e)
        {
            process.WaitForExit(2000);
            if (!process.HasExited)
            {
                process.Kill();
            }

            string said;
            lock (text)
            {
                said = text.ToString().Trim();
            }

            process.Dispose();
            throw new TraciException($"{binary} did not accept a TraCI connection: {e.Message}{Environment.NewLine}{said}", e);
        }
    }

    /// <summary>CPU time SUMO has used so far (user + system), or null when it can no longer be read.</summary>
    public TimeSpan? ProcessorTime
    {
        get
        {
            try
            {
                process.Refresh();
                return process.HasExited ? null : process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    /// <summary>Closes the connection (SUMO finishes its outputs) and waits for SUMO to exit.</summary>
    public void Dispose()
    {
        try
        {
            Client.Close();
        }
        catch (TraciException)
        {
            // SUMO may already have ended; nothing more to tell it.
        }
        catch (IOException)
        {
            // same
        }

        Client.Dispose();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            process.WaitForExit();
        }

        process.WaitForExit(); // drains the output readers
        process.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Collect(object? sender, DataReceivedEventArgs e)
    {
        if (e.Data is not null)
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        }
    }
}
