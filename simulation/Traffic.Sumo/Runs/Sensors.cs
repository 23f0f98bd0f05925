using System.Xml.Linq;
using Traffic.Sumo.Import;
using Traffic.Sumo.Traci;

namespace Traffic.Sumo.Runs;

/// <summary>A measuring zone's live value: one variable summed over its parts (its E2 detector and whole lanes).</summary>
internal sealed class ZoneSensor(int[] parts, int[] values)
{
    public int Value
    {
        get
        {
            var n = 0;
            foreach (var p in parts)
            {
                n += values[p];
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
/// detectors before SUMO starts. Every zone reads one variable of its parts (E2 detectors and whole
/// lanes; each part once, whatever zones share it). Read every step: <see cref="Subscribe"/> once,
/// then <see cref="Refresh"/> after each step. Read every few seconds (a policy that decides every
/// 10 s): <see cref="Poll"/> sends one batched message of gets when it is time.
/// </summary>
internal sealed class Sensors
{
    private const string Prefix = "tr_";
    private readonly Dictionary<string, (Zone Zone, byte Variable)> zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZoneSensor> live = new(StringComparer.Ordinal);
    private readonly List<(TraciDomain Domain, string Id, byte Variable)> parts = [];
    private readonly List<(TraciSubscription Subscription, byte Variable, int Part)> subscribed = [];
    private int[] values = [];
    private readonly Dictionary<int, HashSet<string>> waited = [];

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

            if (needs.HasFlag(SensorNeeds.Approach))
            {
                // Same zone as the queue's: one E2 read for two variables (halted and all vehicles).
                var zone = zones.TryGetValue(Key("queue", lane), out var q) ? q.Zone : layout.Upstream($"{Prefix}approach_{lane}", lane, queueZone);
                zones.TryAdd(Key("approach", lane), (zone, TraciVar.VehicleNumber));
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

        Layout();
    }

    public SensorNeeds Needs { get; }

    /// <summary>E2 detectors placed (zones on lanes longer than the zone).</summary>
    public int DetectorCount => Detectors.Count();

    /// <summary>Distinct whole lanes read.</summary>
    public int LaneCount => zones.Values.SelectMany(z => z.Zone.Lanes).Distinct().Count();

    public void Write(string path) => new XDocument(new XElement("additional", Detectors)).Save(path);

    /// <summary>The E2 detectors to place, each once (zones that read two variables share one).</summary>
    private IEnumerable<XElement> Detectors => zones.Values.Select(z => z.Zone).Distinct().Select(z => z.Detector).OfType<XElement>();

    /// <summary>Subscribes to every part (call once, before the first step); values then come with each step.</summary>
    public void Subscribe(TraciBatch batch)
    {
        foreach (var group in Enumerable.Range(0, parts.Count).GroupBy(i => (parts[i].Domain, parts[i].Id)))
        {
            var indices = group.ToList();
            var subscription = batch.Subscribe(group.Key.Domain, group.Key.Id, [.. indices.Select(i => parts[i].Variable)]);
            subscribed.AddRange(indices.Select(i => (subscription, parts[i].Variable, i)));
        }
    }

    /// <summary>Copies the subscribed values of the last step into the zones.</summary>
    public void Refresh()
    {
        foreach (var (subscription, variable, part) in subscribed)
        {
            values[part] = subscription.Value(variable).AsInt();
        }
    }

    /// <summary>Reads every part now with one batched message of gets (no subscription needed).</summary>
    public void Poll(TraciClient client)
    {
        var batch = new TraciBatch();
        var slots = parts.Select(p => CountWaited && p.Variable == TraciVar.HaltingNumber
            ? batch.Get(p.Domain, TraciVar.VehicleIds, p.Id)
            : batch.Get(p.Domain, p.Variable, p.Id)).ToArray();
        client.Execute(batch);
        if (!CountWaited)
        {
            for (var i = 0; i < slots.Length; i++)
            {
                values[i] = batch.Result(slots[i]).AsInt();
            }

            return;
        }

        var present = new IReadOnlyList<string>?[parts.Count];
        var vehicles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < slots.Length; i++)
        {
            if (parts[i].Variable == TraciVar.HaltingNumber)
            {
                present[i] = batch.Result(slots[i]).AsStringList();
                vehicles.UnionWith(present[i]!);
            }
            else
            {
                values[i] = batch.Result(slots[i]).AsInt();
            }
        }

        var waits = new TraciBatch();
        var waitSlots = vehicles.ToDictionary(v => v, v => waits.Get(TraciDomain.Vehicle, TraciVar.WaitingTime, v), StringComparer.Ordinal);
        if (waitSlots.Count > 0)
        {
            client.Execute(waits);
        }

        for (var i = 0; i < parts.Count; i++)
        {
            if (present[i] is not { } ids)
            {
                continue;
            }

            var before = waited.GetValueOrDefault(i) ?? [];
            var now = ids.Where(v => before.Contains(v) || waits.Result(waitSlots[v]).AsDouble() > 0).ToHashSet(StringComparer.Ordinal);
            waited[i] = now;
            values[i] = now.Count;
        }
    }

    /// <summary>
    /// Polled queue and exit zones count RESCO's way: a vehicle in the zone counts once it has been
    /// seen standing at a poll, and keeps counting until it leaves the zone (instead of the vehicles
    /// halted at this instant).
    /// </summary>
    public bool CountWaited { get; init; }

    /// <summary>Parts and zone sensors (from the constructor).</summary>
    private void Layout()
    {
        var index = new Dictionary<(TraciDomain, string, byte), int>();
        int Part(TraciDomain domain, string id, byte variable)
        {
            if (!index.TryGetValue((domain, id, variable), out var i))
            {
                index[(domain, id, variable)] = i = parts.Count;
                parts.Add((domain, id, variable));
            }

            return i;
        }

        var built = new List<(string Key, int[] Parts)>();
        foreach (var (key, (zone, variable)) in zones)
        {
            var zoneParts = zone.Lanes.Select(l => Part(TraciDomain.Lane, l, variable)).ToList();
            if (zone.Detector is not null)
            {
                zoneParts.Add(Part(TraciDomain.LaneArea, zone.DetectorId, variable));
            }

            built.Add((key, [.. zoneParts]));
        }

        values = new int[parts.Count];
        foreach (var (key, zoneParts) in built)
        {
            live[key] = new ZoneSensor(zoneParts, values);
        }
    }

    /// <summary>Stop-bar presence zone of <paramref name="lane"/>, or null when the policy does not read it.</summary>
    public ZoneSensor? StopBar(string lane) => live.GetValueOrDefault(Key("stop", lane));

    public ZoneSensor? Queue(string lane) => live.GetValueOrDefault(Key("queue", lane));

    public ZoneSensor? Exit(string lane) => live.GetValueOrDefault(Key("exit", lane));

    public ZoneSensor? Approach(string lane) => live.GetValueOrDefault(Key("approach", lane));

    private static string Key(string kind, string lane) => kind + " " + lane;
}
