using System.Globalization;
using System.Text;
using Traffic.Simulation;

namespace Traffic.Service;

/// <summary>One measure of a run as the compare table, CSV and chart show it.</summary>
internal sealed record Measure(string Header, string Csv, Func<RunMetrics, double> Value, string Format, bool InChart);

/// <summary>The table cells and CSV files of `traffic compare`.</summary>
internal static class CompareReport
{
    public static IReadOnlyList<Measure> Measures { get; } =
    [
        new("delay s/veh", "mean_delay_s", m => m.MeanDelayS, "0.0", true),
        new("trip delay s", "mean_trip_delay_s", m => m.MeanTripDelayS, "0.0", false),
        new("stops/veh", "stops_per_vehicle", m => m.StopsPerVehicle, "0.00", true),
        new("throughput veh/h", "throughput_vph", m => m.ThroughputVph, "0", true),
        new("p95 travel s", "p95_travel_time_s", m => m.P95TravelTimeS, "0", true),
        new("max queue veh", "max_queue_veh", m => m.MaxQueueVehicles, "0", false),
        new("spillback lane-h", "spillback_lane_h", m => m.SpillbackLaneSeconds / 3600, "0.0", false),
        new("arrivals on green %", "arrivals_on_green_pct", m => m.ArrivalsOnGreenPercent, "0.0", true),
        new("peak AOG %", "peak_arrivals_on_green_pct", m => m.PeakArrivalsOnGreenPercent, "0.0", false),
        new("split failures %", "split_failures_pct", m => m.SplitFailurePercent, "0.0", true),
        new("waiting to enter", "waiting_to_enter", m => m.WaitingToEnter, "0", false),
        new("ped wait s", "mean_ped_wait_s", m => m.MeanPedestrianWaitS, "0.0", true),
        new("p95 ped wait s", "p95_ped_wait_s", m => m.P95PedestrianWaitS, "0", false),
        new("EV travel s", "mean_ev_travel_s", m => m.MeanEmergencyTravelS, "0", true),
        new("EV delay s", "mean_ev_delay_s", m => m.MeanEmergencyDelayS, "0", false),
        new("bus delay s", "mean_bus_delay_s", m => m.MeanBusDelayS, "0", false),
        new("safety faults", "safety_faults", m => m.SafetyFaults, "0", false),
    ];

    public static string MeanRange(IReadOnlyList<double> values, string format)
    {
        var mean = values.Average();
        var text = mean.ToString(format, CultureInfo.InvariantCulture);
        return values.Count < 2 ? text : $"{text} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}-{values.Max().ToString(format, CultureInfo.InvariantCulture)})";
    }

    public static string RunsCsv(IEnumerable<RunMetrics> runs, string scenario, double scale)
    {
        var sb = new StringBuilder();
        sb.Append("scenario,demand_scale,policy,seed,duration_s,arrived,entered,finished,on_network,waiting_to_enter,mean_delay_s,mean_trip_delay_s,stops_per_vehicle,throughput_vph,mean_travel_time_s,p95_travel_time_s,max_queue_veh,max_queue_where,spillback_lane_s,arrivals_on_green_pct,phase_greens,split_failures,split_failures_pct,safety_faults,red_overshoots,pedestrians,mean_ped_wait_s,p95_ped_wait_s,ev_trips,mean_ev_travel_s,mean_ev_delay_s,bus_trips,mean_bus_delay_s,peak_arrivals,peak_arrivals_on_green,peak_arrivals_on_green_pct,wall_s\n");
        foreach (var m in runs)
        {
            sb.AppendLine(string.Join(",", new object[]
            {
                scenario, scale, m.Policy, m.Seed, m.DurationS, m.Arrived, m.Entered, m.Finished, m.OnNetwork, m.WaitingToEnter,
                R(m.MeanDelayS), R(m.MeanTripDelayS), R(m.StopsPerVehicle, 3), R(m.ThroughputVph), R(m.MeanTravelTimeS), R(m.P95TravelTimeS),
                m.MaxQueueVehicles, Quote(m.MaxQueueWhere), R(m.SpillbackLaneSeconds), R(m.ArrivalsOnGreenPercent), m.PhaseGreens, m.SplitFailures,
                R(m.SplitFailurePercent), m.SafetyFaults, m.RedOvershoots, m.Pedestrians, R(m.MeanPedestrianWaitS), R(m.P95PedestrianWaitS),
                m.EmergencyTrips, R(m.MeanEmergencyTravelS), R(m.MeanEmergencyDelayS), m.BusTrips, R(m.MeanBusDelayS), m.PeakArrivals, m.PeakArrivalsOnGreen, R(m.PeakArrivalsOnGreenPercent), R(m.WallSeconds, 2),
            }.Select(Cell)));
        }

        return sb.ToString();
    }

    public static string IntersectionsCsv(IEnumerable<RunMetrics> runs)
    {
        var sb = new StringBuilder("policy,seed,intersection,arrivals,arrivals_on_green,arrivals_on_green_pct,phase_greens,split_failures\n");
        foreach (var m in runs)
        {
            foreach (var x in m.Intersections)
            {
                sb.AppendLine(string.Join(",", new object[] { m.Policy, m.Seed, x.Id, x.Arrivals, x.ArrivalsOnGreen, R(x.ArrivalsOnGreenPercent), x.PhaseGreens, x.SplitFailures }.Select(Cell)));
            }
        }

        return sb.ToString();
    }

    private static double R(double v, int digits = 1) => Math.Round(v, digits);

    private static string Cell(object o) => o is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : o.ToString() ?? "";

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
