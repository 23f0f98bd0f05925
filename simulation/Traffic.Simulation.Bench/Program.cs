using System.Diagnostics;
using System.Globalization;
using Traffic.Simulation;
using Traffic.Simulation.Synthetic;

// Runs a synthetic grid under the stand-in fixed-time signals and prints speed figures.
// dotnet run -c Release --project simulation/Traffic.Simulation.Bench -- [--rows 16] [--cols 16]
//   [--demand 12000] [--minutes 60] [--dt 0.5] [--seed 1] [--cycle 90] [--lanes 2] [--speed 50]
// --saturation 1 instead measures queue discharge at a stop line (saturation flow) for 40-70 km/h.
var settings = new Dictionary<string, double>(StringComparer.Ordinal)
{
    ["rows"] = 16,
    ["cols"] = 16,
    ["demand"] = 12000,
    ["minutes"] = 60,
    ["dt"] = 0.5,
    ["seed"] = 1,
    ["cycle"] = 90,
    ["lanes"] = 2,
    ["speed"] = 50,
    ["saturation"] = 0,
};
for (var i = 0; i < args.Length; i++)
{
    var key = args[i].TrimStart('-');
    if (!settings.ContainsKey(key) || i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
    {
        Console.Error.WriteLine($"unknown option or missing number: {args[i]} (options: {string.Join(", ", settings.Keys.Select(k => "--" + k))})");
        return 2;
    }

    settings[key] = value;
    i++;
}

if (settings["saturation"] > 0)
{
    var calibration = new SimulationOptions(TimeStepS: settings["dt"]);
    var idm = calibration.Idm;
    Console.WriteLine(FormattableString.Invariant(
        $"IDM T {idm.TimeHeadwayS} s, s0 {idm.MinGapM} m, a {idm.MaxAccelerationMs2} m/s2, b {idm.ComfortableDecelerationMs2} m/s2, length {idm.VehicleLengthM} m, dt {calibration.TimeStepS} s"));
    foreach (var kmh in new[] { 40.0, 50, 60, 70 })
    {
        var m = Calibration.MeasureDischarge(calibration, kmh);
        Console.WriteLine(FormattableString.Invariant(
            $"{kmh} km/h: queue {m.QueuedAtGreen}, headway {m.MeanHeadwayS:F3} s over vehicles 5-{4 + m.Headways.Count}, saturation flow {m.SaturationFlow:F0} veh/h/lane"));
    }

    return 0;
}

var spec = new GridSpec((int)settings["rows"], (int)settings["cols"], SpeedKmh: settings["speed"], LanesPerApproach: (int)settings["lanes"], Seed: (int)settings["seed"]);
var build = Stopwatch.StartNew();
var network = SyntheticGrid.Build(spec);
var demand = SyntheticGrid.Demand(spec, settings["demand"]);
var signals = new FixedTimeSignalView(network, settings["cycle"]);
var options = new SimulationOptions(TimeStepS: settings["dt"], Seed: (int)settings["seed"]);
var sim = new Simulation(network, demand, signals, options);
build.Stop();
var duration = settings["minutes"] * 60;
Console.WriteLine(FormattableString.Invariant(
    $"grid {spec.Rows}x{spec.Columns} ({network.Intersections.Count} intersections, {sim.Road.LaneCount} lanes, {sim.Loops.Count} loops, {sim.Cameras.Count} cameras), demand {settings["demand"]} veh/h over {demand.Flows.Count} routes, dt {options.TimeStepS} s, seed {options.Seed}; built in {build.Elapsed.TotalSeconds:F2} s"));

var wall = Stopwatch.StartNew();
var nextReport = 300.0;
while (sim.Time < duration - 1e-9)
{
    sim.Step();
    if (sim.Time >= nextReport - 1e-9)
    {
        // Read every sensor once per report so the benchmark includes their cost.
        for (var c = 0; c < sim.Cameras.Count; c++)
        {
            sim.ReadCamera(c);
        }

        Console.WriteLine(FormattableString.Invariant(
            $"t={sim.Time / 60,5:F0} min  on network {sim.OnNetwork,6}  entered {sim.Entered,6}  exited {sim.Exited,6}  waiting {sim.Waiting,5}  wall {wall.Elapsed.TotalSeconds,6:F2} s"));
        nextReport += 300;
    }
}

wall.Stop();
var seconds = wall.Elapsed.TotalSeconds;
using var process = Process.GetCurrentProcess();
Console.WriteLine(FormattableString.Invariant($"vehicles simulated   {sim.Entered} entered, {sim.Exited} exited, {sim.OnNetwork} on network, {sim.Waiting} waiting to enter"));
Console.WriteLine(FormattableString.Invariant($"vehicle-steps        {sim.VehicleSteps} ({sim.VehicleSteps / seconds / 1e6:F2} M per second)"));
Console.WriteLine(FormattableString.Invariant($"wall time            {seconds:F2} s for {duration / 60:F0} simulated minutes: {duration / seconds:F0}x real time (process CPU {process.TotalProcessorTime.TotalSeconds:F2} s, load average {LoadAverage()})"));
Console.WriteLine(FormattableString.Invariant($"peak resident memory {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB (GC heap now {GC.GetTotalMemory(false) / (1024.0 * 1024.0):F1} MB, gen0 collections {GC.CollectionCount(0)})"));
Console.WriteLine(FormattableString.Invariant($"held at the stop line after overshooting: {sim.RedOvershoots} on red, {sim.HeldOvershoots} on a refused gap or full link; merge holds {sim.MergeHolds}"));
return 0;

static string LoadAverage()
{
    try
    {
        return File.ReadAllText("/proc/loadavg").Split(' ')[0];
    }
    catch (IOException)
    {
        return "n/a";
    }
}
