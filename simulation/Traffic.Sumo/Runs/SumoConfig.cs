using System.Globalization;
using System.Xml.Linq;

namespace Traffic.Sumo.Runs;

/// <summary>What the runner needs from a .sumocfg: the files (absolute paths) and the time window.</summary>
public sealed record SumoConfig(
    string Path,
    string NetFile,
    IReadOnlyList<string> RouteFiles,
    IReadOnlyList<string> AdditionalFiles,
    double Begin,
    double End)
{
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public static SumoConfig Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        XDocument doc;
        try
        {
            doc = XDocument.Load(full);
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{full}: cannot read the SUMO configuration: {e.Message}", e);
        }

        var dir = System.IO.Path.GetDirectoryName(full)!;
        string? Value(string name) =>
            (string?)doc.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Attribute("value");
        IReadOnlyList<string> Files(string name) =>
            (Value(name) ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Select(f => System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, f)))
                .ToList();
        double Time(string name, double fallback)
        {
            var v = Value(name);
            if (v is null)
            {
                return fallback;
            }

            return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
                ? t
                : throw new InvalidDataException($"{full}: <{name} value=\"{v}\"> is not a time in seconds");
        }

        var net = Files("net-file");
        if (net.Count != 1)
        {
            throw new InvalidDataException($"{full}: needs exactly one net-file, found {net.Count}");
        }

        var begin = Time("begin", 0);
        var end = Time("end", double.NaN);
        if (double.IsNaN(end))
        {
            throw new InvalidDataException($"{full}: has no <end>; the runner needs a time window");
        }

        return new SumoConfig(full, net[0], Files("route-files"), Files("additional-files"), begin, end);
    }
}
