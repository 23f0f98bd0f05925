using System.Xml.Linq;
using Traffic.Sumo.Import;
using Traffic.Sumo.Traci;

namespace Traffic.Sumo.Runs;

/// <summary>A measuring zone's live values: its E2 detector plus its extra whole lanes.</summary>
internal sealed class ZoneSensor(TraciSubscription detector, TraciSubscription[] lanes)
{
    public int Vehicles => Sum(0);

    public int Halting => Sum(1);

    private int Sum(int variable)
    {
        var n = detector[variable].AsInt();
        foreach (var l in lanes)
        {
            n += l[variable].AsInt();
        }

        return n;
    }
}

/// <summary>
/// The runner's detection for a set of imported lights: a stop-bar zone (presence) and a queue zone
/// (halted vehicles) on every incoming lane of a controlled link, and an exit zone on every outgoing
/// lane. <see cref="Write"/> produces the additional file before SUMO starts; <see cref="Subscribe"/>
/// subscribes to every zone once it runs (values then arrive with each step).
/// </summary>
internal sealed class Sensors
{
    private const string Prefix = "tr_";
    private readonly Dictionary<string, Zone> zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZoneSensor> live = new(StringComparer.Ordinal);

    public Sensors(SumoNet net, IReadOnlyList<SumoSignal> signals, double stopBarZone, double queueZone)
    {
        var layout = new DetectorLayout(net);
        foreach (var lane in signals.SelectMany(s => s.DetectorLanes))
        {
            zones.TryAdd(Key("stop", lane), layout.Upstream($"{Prefix}stop_{lane}", lane, stopBarZone));
            zones.TryAdd(Key("queue", lane), layout.Upstream($"{Prefix}queue_{lane}", lane, queueZone));
        }

        foreach (var lane in signals.SelectMany(s => s.Links.Where(l => l.Movement >= 0).Select(l => l.OutLane)))
        {
            zones.TryAdd(Key("exit", lane), layout.Downstream($"{Prefix}exit_{lane}", lane, queueZone));
        }
    }

    public void Write(string path) => new XDocument(new XElement("additional", zones.Values.Select(z => z.Detector))).Save(path);

    public void Subscribe(TraciBatch batch)
    {
        var lanes = new Dictionary<string, TraciSubscription>(StringComparer.Ordinal);
        foreach (var (key, zone) in zones)
        {
            var detector = batch.Subscribe(TraciDomain.LaneArea, zone.DetectorId, TraciVar.VehicleNumber, TraciVar.HaltingNumber);
            var extra = zone.ExtraLanes.Select(l =>
            {
                if (!lanes.TryGetValue(l, out var s))
                {
                    lanes[l] = s = batch.Subscribe(TraciDomain.Lane, l, TraciVar.VehicleNumber, TraciVar.HaltingNumber);
                }

                return s;
            }).ToArray();
            live[key] = new ZoneSensor(detector, extra);
        }
    }

    public ZoneSensor StopBar(string lane) => live[Key("stop", lane)];

    public ZoneSensor Queue(string lane) => live[Key("queue", lane)];

    public ZoneSensor Exit(string lane) => live[Key("exit", lane)];

    private static string Key(string kind, string lane) => kind + " " + lane;
}
