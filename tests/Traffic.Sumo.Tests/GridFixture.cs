using System.Diagnostics;
using System.Globalization;

namespace Traffic.Sumo.Tests;

/// <summary>
/// A 2x2 grid with four static traffic lights made by netgenerate into a temp directory, a few
/// flows through it (through and turning traffic from every side), an E2 detector, and a sumocfg.
/// </summary>
public sealed class GridFixture : IDisposable
{
    public GridFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "traffic-sumo-tests-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        NetFile = Path.Combine(Directory, "grid.net.xml");
        Run("netgenerate", "--grid", "--grid.number=2", "--grid.length=200", "--grid.attach-length=150",
            "--default.lanenumber=2", "--tls.guess", "--tls.default-type", "static", "--seed", "1", "-o", NetFile);
        var routes = Path.Combine(Directory, "grid.rou.xml");
        var flows = new (string From, string To, int PerHour)[]
        {
            ("left0A0", "B0right0", 500), ("right0B0", "A0left0", 400), ("bottom0A0", "A1top0", 450),
            ("top0A1", "A0bottom0", 350), ("left1A1", "A1top0", 200), ("bottom1B0", "B0A0", 150),
            ("top1B1", "B1A1", 150), ("right1B1", "B1top1", 150),
        };
        var lines = flows.Select((f, i) => string.Create(
            CultureInfo.InvariantCulture,
            $"  <flow id=\"f{i}\" from=\"{f.From}\" to=\"{f.To}\" begin=\"0\" end=\"3600\" vehsPerHour=\"{f.PerHour}\" departLane=\"best\"/>"));
        File.WriteAllText(routes, "<routes>\n" + string.Join('\n', lines) + "\n</routes>\n");
        DetectorFile = Path.Combine(Directory, "grid.det.xml");
        File.WriteAllText(DetectorFile, "<additional>\n  <laneAreaDetector id=\"e2_left0A0_0\" lane=\"left0A0_0\" pos=\"50\" length=\"90\" freq=\"3600\" file=\"e2.out.xml\"/>\n</additional>\n");
        ConfigFile = Path.Combine(Directory, "grid.sumocfg");
        File.WriteAllText(ConfigFile, """
            <configuration>
              <input>
                <net-file value="grid.net.xml"/>
                <route-files value="grid.rou.xml"/>
                <additional-files value="grid.det.xml"/>
              </input>
              <time>
                <begin value="0"/>
                <end value="3600"/>
              </time>
            </configuration>
            """);
    }

    public string Directory { get; }

    public string NetFile { get; }

    public string ConfigFile { get; }

    public string DetectorFile { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a temp dir left behind is harmless
        }
    }

    internal static void Run(string binary, params string[] args)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SUMO_HOME")))
        {
            info.Environment["SUMO_HOME"] = "/usr/share/sumo";
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{binary} {string.Join(' ', args)} failed ({p.ExitCode}): {stdout.Result}{stderr}");
        }
    }
}
