using System.Xml.Linq;
using Traffic.Sumo.Import;
using Traffic.Sumo.Traci;

namespace Traffic.Sumo.Runs;

/// <summary>A measuring zone's live value: one variable summed over its E2 detector or its whole lanes.</summary>
internal sealed class ZoneSensor(TraciSubscription[] parts, byte variable)
{
    public int Value
    {
        get
        {
            var n = 0;
            foreach (var p in parts)
            {
                n += p.Value(variable).AsInt();
            }

            return n;
        }
    }
}

/// <summary>
/// The runner's detection for a set of imported lights, limited to what the policy reads
/// (<see cref="SensorNeeds"/>): a stop-bar zone (presence: vehicle number) on every incoming lane of a
/// controlled link, a queue zone (halted vehicles) on the same lanes, and an exit zone (halted
/// vehicles) on every outgoing lane. <see cref="Write"/> produces the additional file of the E2
/// detectors before SUMO starts; <see cref="Subscribe"/> subscribes once to the one variable each
/// zone needs (each lane once, whatever zones share it), so the values arrive with every step.
/// </summary>
internal sealed class Sensors
{
    private const string Prefix = "tr_";
    private readonly Dictionary<string, (Zone Zone, byte Variable)> zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZoneSensor> live = new(StringComparer.Ordinal);

    /// <param name="exitOnlyBeforeSignals">
    /// Exit zones only on outgoing lanes that lead to another traffic light (within 1 km over single
    /// successors), as RESCO's max-pressure counts a downstream queue only at a downstream signal;
    /// elsewhere the downstream queue is 0.
    /// </param>
    public Sensors(SumoNet net, IReadOnlyList<SumoSignal> signals, SensorNeeds needs, double stopBarZone, double queueZone, bool exitOnlyBeforeSignals = false)
    {
        Needs = needs;
        var layout = new DetectorLayout(net);
        foreach (var lane in signals.SelectMany(s => s.DetectorLanes))
        {
            if (needs.HasFlag(SensorNeeds.StopBar))
            {
                zones.TryAdd(Key("stop", lane), (layout.Upstream($"{Prefix}stop_{lane}", lane, stopBarZone, wholeLane: true), TraciVar.VehicleNumber));
            }

            if (needs.HasFlag(SensorNeeds.Queue))
            {
                zones.TryAdd(Key("queue", lane), (layout.Upstream($"{Prefix}queue_{lane}", lane, queueZone), TraciVar.HaltingNumber));
            }
        }

        if (needs.HasFlag(SensorNeeds.Exit))
        {
            foreach (var lane in signals.SelectMany(s => s.Links.Where(l => l.Movement >= 0).Select(l => l.OutLane)))
            {
                if (exitOnlyBeforeSignals && !layout.LeadsToSignal(lane, 1000))
                {
                    continue;
                }

                zones.TryAdd(Key("exit", lane), (layout.Downstream($"{Prefix}exit_{lane}", lane, queueZone), TraciVar.HaltingNumber));
            }
        }
    }

    public SensorNeeds Needs { get; }

    /// <summary>E2 detectors placed (zones on lanes longer than the zone).</summary>
    public int DetectorCount => zones.Values.Count(z => z.Zone.Detector is not null);

    /// <summary>Distinct whole lanes read.</summary>
    public int LaneCount => zones.Values.SelectMany(z => z.Zone.Lanes).Distinct().Count();

    public void Write(string path) => new XDocument(new XElement("additional", zones.Values.Select(z => z.Zone.Detector).OfType<XElement>())).Save(path);

    public void Subscribe(TraciBatch batch)
    {
        var laneVariables = new Dictionary<string, SortedSet<byte>>(StringComparer.Ordinal);
        foreach (var (zone, variable) in zones.Values)
        {
            foreach (var lane in zone.Lanes)
            {
                if (!laneVariables.TryGetValue(lane, out var set))
                {
                    laneVariables[lane] = set = [];
                }

                set.Add(variable);
            }
        }

        var lanes = laneVariables.ToDictionary(kv => kv.Key, kv => batch.Subscribe(TraciDomain.Lane, kv.Key, [.. kv.Value]), StringComparer.Ordinal);
        foreach (var (key, (zone, variable)) in zones)
        {
            var parts = zone.Lanes.Select(l => lanes[l]).ToList();
            if (zone.Detector is not null)
            {
                parts.Add(batch.Subscribe(TraciDomain.LaneArea, zone.DetectorId, variable));
            }

            live[key] = new ZoneSensor([.. parts], variable);
        }
    }

    /// <summary>Stop-bar presence zone of <paramref name="lane"/>, or null when the policy does not read it.</summary>
    public ZoneSensor? StopBar(string lane) => live.GetValueOrDefault(Key("stop", lane));

    public ZoneSensor? Queue(string lane) => live.GetValueOrDefault(Key("queue", lane));

    public ZoneSensor? Exit(string lane) => live.GetValueOrDefault(Key("exit", lane));

    private static string Key(string kind, string lane) => kind + " " + lane;
}
