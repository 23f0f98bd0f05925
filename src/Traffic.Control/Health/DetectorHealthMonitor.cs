using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Watches every detector of an intersection for stuck-on (max presence), no activity (relative to the
/// flow expected there) and erratic counts (chatter), and reports each fault when it is raised and when
/// it clears. An actuation is a rising edge of presence or a reported count. Pure: time comes from the
/// readings and from <see cref="Evaluate"/>.
/// </summary>
public sealed class DetectorHealthMonitor
{
    private readonly Intersection intersection;
    private readonly DetectorHealthSettings settings;
    private readonly DetectorFault[] faults;
    private readonly bool[] presence;
    private readonly long[] presenceSince;
    private readonly long[] lastActivity;
    private readonly Queue<long>[] actuations;
    private long start = -1;

    public DetectorHealthMonitor(Intersection intersection, DetectorHealthSettings settings)
    {
        if (!(settings.MaxPresenceSeconds > 0) || !(settings.NoActivityMinSeconds > 0) || !(settings.NoActivityExpectedVehicles > 0)
            || !(settings.NoActivityUnknownFlowSeconds > 0) || !(settings.ErraticWindowSeconds > 0) || !(settings.ErraticActuationsPerLanePerMinute > 0))
        {
            throw new ArgumentException($"detector health settings for {intersection.Id}: every threshold must be positive ({settings})", nameof(settings));
        }

        this.intersection = intersection;
        this.settings = settings;
        var n = intersection.Detectors.Count;
        faults = new DetectorFault[n];
        presence = new bool[n];
        presenceSince = new long[n];
        lastActivity = new long[n];
        actuations = Enumerable.Range(0, n).Select(_ => new Queue<long>()).ToArray();
    }

    public DetectorFault Fault(int detector) => faults[detector];

    public bool IsHealthy(int detector) => faults[detector] == DetectorFault.None;

    public int Count => faults.Length;

    public void Observe(in DetectorReading r)
    {
        if (r.Detector < 0 || r.Detector >= faults.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(r), $"intersection {intersection.Id}: detector index {r.Detector} is not in 0..{faults.Length - 1}");
        }

        var d = r.Detector;
        if (start < 0)
        {
            start = r.Time;
            Array.Fill(lastActivity, r.Time);
        }

        var rising = r.Presence && !presence[d];
        if (rising)
        {
            presenceSince[d] = r.Time;
        }

        presence[d] = r.Presence;
        var n = Math.Max(r.Count, rising ? 1 : 0);
        if (n > 0)
        {
            lastActivity[d] = r.Time;
            for (var i = 0; i < n; i++)
            {
                actuations[d].Enqueue(r.Time);
            }
        }
    }

    /// <summary>
    /// Re-evaluates every detector at <paramref name="now"/>. <paramref name="expectedRate"/> gives the
    /// flow (veh/s) an independent source (CCTV) expects over a detector, or 0 when unknown. Returns the
    /// faults raised and cleared.
    /// </summary>
    public IReadOnlyList<DetectorAlarm> Evaluate(long now, Func<int, double>? expectedRate = null)
    {
        if (start < 0)
        {
            start = now;
            Array.Fill(lastActivity, now);
        }

        List<DetectorAlarm>? changes = null;
        var window = SignalTime.FromSeconds(settings.ErraticWindowSeconds);
        for (var d = 0; d < faults.Length; d++)
        {
            var detector = intersection.Detectors[d];
            var queue = actuations[d];
            while (queue.Count > 0 && now - queue.Peek() > window)
            {
                queue.Dequeue();
            }

            var lanes = Math.Max(1, detector.Lanes.Count);
            var limit = settings.ErraticActuationsPerLanePerMinute * lanes * settings.ErraticWindowSeconds / 60;
            var presenceSeconds = presence[d] ? SignalTime.ToSeconds(now - presenceSince[d]) : 0;
            var silentSeconds = SignalTime.ToSeconds(now - lastActivity[d]);
            var expected = expectedRate?.Invoke(d) ?? 0;
            var silentLimit = expected > 0
                ? Math.Max(settings.NoActivityMinSeconds, settings.NoActivityExpectedVehicles / expected)
                : settings.NoActivityUnknownFlowSeconds;

            var erratic = queue.Count > limit || (faults[d] == DetectorFault.Erratic && queue.Count > limit / 2);
            var fault = presenceSeconds > settings.MaxPresenceSeconds ? DetectorFault.StuckOn
                : erratic ? DetectorFault.Erratic
                : !presence[d] && silentSeconds > silentLimit ? DetectorFault.NoActivity
                : DetectorFault.None;
            if (fault == faults[d])
            {
                continue; // the reason text is built only when a fault changes (this runs for every detector every second)
            }

            var reason = fault switch
            {
                DetectorFault.StuckOn => $"occupied for {presenceSeconds:0} s (max presence {settings.MaxPresenceSeconds:0} s)",
                DetectorFault.Erratic => $"{queue.Count} actuations in {settings.ErraticWindowSeconds:0} s on {lanes} lane(s) (limit {limit:0})",
                DetectorFault.NoActivity => $"no actuation for {silentSeconds:0} s (limit {silentLimit:0} s{(expected > 0 ? $" at an expected {expected * 3600:0} veh/h" : ", flow unknown")})",
                _ => "reports normally again",
            };

            if (faults[d] != DetectorFault.None)
            {
                (changes ??= []).Add(new DetectorAlarm(intersection.Id, detector.Id, d, faults[d], now, false, $"{detector.Id}: {faults[d]} cleared: {reason}"));
            }

            if (fault != DetectorFault.None)
            {
                (changes ??= []).Add(new DetectorAlarm(intersection.Id, detector.Id, d, fault, now, true, $"{detector.Id}: {fault}: {reason}"));
            }

            faults[d] = fault;
        }

        return changes ?? (IReadOnlyList<DetectorAlarm>)Array.Empty<DetectorAlarm>();
    }
}
