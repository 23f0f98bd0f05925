using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// Pedestrians arriving at every crosswalk as a Poisson stream. <paramref name="PerCrosswalkPerHour"/>: the rate
/// at a crosswalk of an intersection whose layout <paramref name="ByLayout"/> does not name (layout -> pedestrians
/// per hour per crosswalk). <paramref name="SlowWalkerShare"/>: the share walking at <paramref name="SlowSpeedMs"/>
/// (0.91 m/s, the design speed of the walk formula); the rest walk at <paramref name="WalkSpeedMs"/> (1.2 m/s).
/// <paramref name="PushButtons"/>: a pedestrian who arrives while the crosswalk does not show walk presses a
/// button, which places a pedestrian call on every phase that walks the crosswalk (wired to the controller, as in
/// a cabinet).
/// </summary>
public sealed record PedestrianDemand(
    double PerCrosswalkPerHour = 60,
    IReadOnlyDictionary<string, double>? ByLayout = null,
    double SlowWalkerShare = 0.15,
    double WalkSpeedMs = 1.2,
    double SlowSpeedMs = 0.91,
    bool PushButtons = false)
{
    /// <summary>
    /// The default of a scenario file without a pedestrian section: 60 per hour per crosswalk, 120 at scramble
    /// crossings (city-centre shopping streets) and mid-block crossings, 40 at tees.
    /// </summary>
    public static PedestrianDemand Default { get; } = new(60, new Dictionary<string, double>(StringComparer.Ordinal) { ["scramble"] = 120, ["midblock"] = 120, ["tee"] = 40 });

    /// <summary>Pedestrians per hour at each crosswalk of <paramref name="intersection"/>.</summary>
    public double RateAt(Intersection intersection)
    {
        ArgumentNullException.ThrowIfNull(intersection);
        return ByLayout is not null && ByLayout.TryGetValue(intersection.Layout, out var r) ? r : PerCrosswalkPerHour;
    }

    public IEnumerable<string> Errors()
    {
        if (!(PerCrosswalkPerHour >= 0) || double.IsInfinity(PerCrosswalkPerHour))
        {
            yield return $"pedestrians: perCrosswalkPerHour must be >= 0, got {PerCrosswalkPerHour}";
        }

        foreach (var (layout, rate) in ByLayout ?? new Dictionary<string, double>())
        {
            if (!(rate >= 0) || double.IsInfinity(rate))
            {
                yield return $"pedestrians: byLayout[{layout}] must be >= 0, got {rate}";
            }
        }

        if (!(SlowWalkerShare >= 0 && SlowWalkerShare <= 1))
        {
            yield return $"pedestrians: slowWalkerShare must be in [0, 1], got {SlowWalkerShare}";
        }

        if (!(WalkSpeedMs > 0) || double.IsInfinity(WalkSpeedMs) || !(SlowSpeedMs > 0) || double.IsInfinity(SlowSpeedMs))
        {
            yield return $"pedestrians: walking speeds must be positive, got {WalkSpeedMs} and {SlowSpeedMs}";
        }
    }
}

/// <summary>
/// Vehicles of one class that leave on a timetable along a route: a bus line (departures every headway) or
/// emergency vehicles (given departure times). Same route rules as <see cref="RouteFlow"/>.
/// </summary>
public sealed record ScheduledVehicles(string Id, IReadOnlyList<RouteStep> Steps, VehicleClass Class, IReadOnlyList<double> DeparturesS)
{
    /// <summary>A bus line: departures at <paramref name="firstS"/>, then every <paramref name="headwayS"/> before <paramref name="untilS"/>.</summary>
    public static ScheduledVehicles BusLine(string id, IReadOnlyList<RouteStep> steps, double headwayS, double firstS, double untilS)
    {
        if (!(headwayS > 0) || double.IsInfinity(headwayS))
        {
            throw new ArgumentOutOfRangeException(nameof(headwayS), headwayS, $"bus line {id}: the headway must be a positive number of seconds");
        }

        var times = new List<double>();
        for (var t = firstS; t < untilS; t += headwayS)
        {
            times.Add(t);
        }

        return new ScheduledVehicles(id, steps, VehicleClass.Bus, times);
    }

    /// <summary>Length of a vehicle of <paramref name="c"/>: a bus 12 m, a truck 10 m, cars and emergency vehicles <paramref name="carLengthM"/>.</summary>
    public static double LengthOf(VehicleClass c, double carLengthM) => c switch
    {
        VehicleClass.Bus => 12,
        VehicleClass.Truck => 10,
        _ => carLengthM,
    };
}
