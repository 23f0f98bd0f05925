namespace Traffic.Simulation;

/// <summary>How a failed loop detector behaves.</summary>
public enum LoopFailure
{
    None,

    /// <summary>Presence for ever (occupancy 1), no new counts: a shorted loop. Local detection sees a constant call.</summary>
    StuckOn,

    /// <summary>The channel reports nothing (left out of the batch); local detection sees an empty loop.</summary>
    NoData,

    /// <summary>Spurious pulses: extra counts and flickering presence on top of the real ones (a loose lead).</summary>
    Chatter,
}

/// <summary>
/// Sensor failures of a run: the field (<c>FieldOptions.Failures</c>) and the closed loop in process
/// (<see cref="ClosedLoopOptions.Failures"/>) share this one definition. <see cref="Loops"/>: failure per detector, keyed "{intersection}/{detector}"
/// ("I001/SB-W-T"); <see cref="CameraOutages"/>: CCTV detectors that send nothing, same keys.
/// <see cref="ChatterPulsesPerSecond"/>: mean spurious counts per second of a chattering loop.
/// <see cref="LatencyS"/>: detector and CCTV messages leave this many seconds after their event time.
/// <see cref="Seed"/> drives the chatter. The controller lists each failure in its status faults
/// ("detectorStuckOn:SB-W-T", "detectorNoData:...", "detectorChatter:...", "cameraOutage:CCTV-W").
/// </summary>
public sealed record SensorFailures
{
    public static SensorFailures None { get; } = new();

    public IReadOnlyDictionary<string, LoopFailure> Loops { get; init; } = new Dictionary<string, LoopFailure>();

    public IReadOnlySet<string> CameraOutages { get; init; } = new HashSet<string>();

    public double ChatterPulsesPerSecond { get; init; } = 1.0;

    public double LatencyS { get; init; }

    public int Seed { get; init; } = 1;

    public static string Key(string intersectionId, string detectorId) => $"{intersectionId}/{detectorId}";

    public LoopFailure Loop(string intersectionId, string detectorId) =>
        Loops.TryGetValue(Key(intersectionId, detectorId), out var f) ? f : LoopFailure.None;

    public bool CameraOut(string intersectionId, string detectorId) => CameraOutages.Contains(Key(intersectionId, detectorId));

    /// <summary>The fault code a controller reports for a failed detector, or null.</summary>
    public static string? FaultCode(LoopFailure failure, string detectorId) => failure switch
    {
        LoopFailure.StuckOn => $"detectorStuckOn:{detectorId}",
        LoopFailure.NoData => $"detectorNoData:{detectorId}",
        LoopFailure.Chatter => $"detectorChatter:{detectorId}",
        _ => null,
    };

    /// <summary>
    /// Fails <paramref name="fraction"/> of the network's detectors, drawn with <paramref name="seed"/> (the same set
    /// whatever the run's seed): every detector (loops and cameras) is in the draw; a drawn loop detector gets stuck on,
    /// no data or chatter in turn (a mix of the three), a drawn camera an outage.
    /// </summary>
    public static SensorFailures RandomDetectors(Traffic.Signals.Model.Network network, double fraction, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "sensor failures: the failed fraction of detectors must be in [0, 1]");
        }

        var all = network.Intersections.SelectMany(i => i.Detectors.Select(d => (Key: Key(i.Id, d.Id), d.Kind))).ToList();
        var random = new Random(seed);
        var order = all.Select(d => (d, r: random.NextDouble())).OrderBy(x => x.r).Select(x => x.d).ToList();
        var count = (int)Math.Round(fraction * all.Count);
        var loops = new Dictionary<string, LoopFailure>(StringComparer.Ordinal);
        var cameras = new HashSet<string>(StringComparer.Ordinal);
        LoopFailure[] modes = [LoopFailure.StuckOn, LoopFailure.NoData, LoopFailure.Chatter];
        foreach (var (key, kind) in order.Take(count))
        {
            if (kind == Traffic.Signals.Model.DetectorKind.Cctv)
            {
                cameras.Add(key);
            }
            else
            {
                loops[key] = modes[loops.Count % modes.Length];
            }
        }

        return new SensorFailures { Loops = loops, CameraOutages = cameras, Seed = seed };
    }

    /// <summary>Every problem with these settings for <paramref name="network"/>, each naming the key.</summary>
    public IReadOnlyList<string> Check(Traffic.Signals.Model.Network network)
    {
        var errors = new List<string>();
        var detectors = network.Intersections
            .SelectMany(i => i.Detectors.Select(d => (Key: Key(i.Id, d.Id), d.Kind)))
            .ToDictionary(x => x.Key, x => x.Kind, StringComparer.Ordinal);
        foreach (var key in Loops.Keys)
        {
            if (!detectors.TryGetValue(key, out var kind) || kind == Traffic.Signals.Model.DetectorKind.Cctv)
            {
                errors.Add($"sensor failures: loops: '{key}' is not a loop detector of network {network.Name}");
            }
        }

        foreach (var key in CameraOutages)
        {
            if (!detectors.TryGetValue(key, out var kind) || kind != Traffic.Signals.Model.DetectorKind.Cctv)
            {
                errors.Add($"sensor failures: cameraOutages: '{key}' is not a CCTV detector of network {network.Name}");
            }
        }

        if (!(ChatterPulsesPerSecond >= 0) || double.IsInfinity(ChatterPulsesPerSecond))
        {
            errors.Add($"sensor failures: chatterPulsesPerSecond must be >= 0, got {ChatterPulsesPerSecond}");
        }

        if (!(LatencyS >= 0) || double.IsInfinity(LatencyS))
        {
            errors.Add($"sensor failures: latencyS must be >= 0, got {LatencyS}");
        }

        return errors;
    }
}
