using System.Globalization;
using System.Xml;

namespace Traffic.Sumo.Runs;

/// <summary>
/// Trip figures from SUMO's tripinfo output (written with --tripinfo-output.write-unfinished) and the
/// route files. <see cref="MeanDelay"/> is RESCO's delay: the mean over all trips of timeLoss +
/// departDelay, where a vehicle of the route files that never entered the network by
/// <paramref name="End"/> counts as end - scheduled depart. <see cref="MeanTimeLoss"/> is SUMO's own
/// statistic (duration-log.statistics): mean timeLoss of the trips that arrived.
/// </summary>
public sealed record TripMetrics(
    int Trips,
    int Arrived,
    int NeverEntered,
    double MeanDelay,
    double MeanTripTime,
    double MeanWaitingTime,
    double End,
    double MeanTimeLoss)
{
    public static TripMetrics Compute(string tripinfoFile, IEnumerable<string> routeFiles, double end)
    {
        var scheduled = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var file in routeFiles)
        {
            foreach (var (id, attrs) in Elements(file, "vehicle", "trip"))
            {
                if (double.TryParse(attrs.GetValueOrDefault("depart"), NumberStyles.Float, CultureInfo.InvariantCulture, out var depart) && depart < end)
                {
                    scheduled[id] = depart;
                }
            }
        }

        double delay = 0, tripTime = 0, waiting = 0, timeLoss = 0;
        int trips = 0, arrived = 0, departed = 0, never = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, a) in Elements(tripinfoFile, "tripinfo"))
        {
            seen.Add(id);
            trips++;
            var depart = Num(a, "depart", tripinfoFile, id);
            if (depart < 0)
            {
                never++;
                delay += end - scheduled.GetValueOrDefault(id, end);
                continue;
            }

            departed++;
            delay += Num(a, "timeLoss", tripinfoFile, id) + Num(a, "departDelay", tripinfoFile, id);
            waiting += Num(a, "waitingTime", tripinfoFile, id);
            if (Num(a, "arrival", tripinfoFile, id) >= 0)
            {
                arrived++;
                tripTime += Num(a, "duration", tripinfoFile, id);
                timeLoss += Num(a, "timeLoss", tripinfoFile, id);
            }
        }

        foreach (var (id, depart) in scheduled)
        {
            if (!seen.Contains(id))
            {
                trips++;
                never++;
                delay += end - depart;
            }
        }

        return new TripMetrics(
            trips,
            arrived,
            never,
            trips == 0 ? 0 : delay / trips,
            arrived == 0 ? 0 : tripTime / arrived,
            departed == 0 ? 0 : waiting / departed,
            end,
            arrived == 0 ? 0 : timeLoss / arrived);
    }

    private static IEnumerable<(string Id, Dictionary<string, string> Attributes)> Elements(string file, params string[] names)
    {
        using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || !names.Contains(reader.LocalName))
            {
                continue;
            }

            var attrs = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.MoveToNextAttribute())
            {
                attrs[reader.LocalName] = reader.Value;
            }

            reader.MoveToElement();
            if (attrs.TryGetValue("id", out var id))
            {
                yield return (id, attrs);
            }
        }
    }

    private static double Num(Dictionary<string, string> a, string name, string file, string id) =>
        a.TryGetValue(name, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new InvalidDataException($"{file}: tripinfo {id} has no numeric '{name}'");
}
