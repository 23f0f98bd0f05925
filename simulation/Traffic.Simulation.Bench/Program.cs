using System.Diagnostics;
using System.Globalization;
using Traffic.Signals.Config;
using Traffic.Simulation;
using Traffic.Simulation.Synthetic;

// Speed figures of the simulation, printed (docs/simulation.md, "Speed").
// Synthetic grid:  dotnet run -c Release --project simulation/Traffic.Simulation.Bench -- [--rows 16] [--cols 16]
//   [--demand 12000] [--minutes 60] [--dt 0.5] [--seed 1] [--cycle 90] [--lanes 2] [--speed 50] [--policy standin|fixed|actuated]
// A network and scenario in closed loop:
//   ... -- --network config/networks/daegu-250.json --scenario config/scenarios/daegu-250-am.json --policy actuated
//   [--minutes 60] [--seed 1] [--demand-scale 1] [--decide-every 1]
// --saturation 1 instead measures queue discharge at a stop line (saturation flow) for 40-70 km/h.
var numbers = new Dictionary<string, double>(StringComparer.Ordinal)
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
    ["demand-scale"] = 1,
    ["decide-every"] = 1,
};
var texts = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["network"] = "",
    ["scenario"] = "",
    ["policy"] = "standin",
};
for (var i = 0; i < args.Length; i++)
{
    var key = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
    if (i + 1 < args.Length && texts.ContainsKey(key))
    {
        texts[key] = args[++i];
        continue;
    }

    if (!numbers.ContainsKey(key) || i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
    {
        Console.Error.WriteLine($"unknown option or missing value: {args[i]} (options: {string.Join(", ", numbers.Keys.Concat(texts.Keys).Select(k => "--" + k))})");
        return 2;
    }

    numbers[key] = value;
    i++;
}

if (numbers["saturation"] > 0)
{
    var calibration = new SimulationOptions(TimeStepS: numbers["dt"]);
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

var build = Stopwatch.StartNew();
var options = new SimulationOptions(TimeStepS: numbers["dt"], Seed: (int)numbers["seed"]);
var policy = texts["policy"];
Traffic.Signals.Model.Network network;
Demand demand;
IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? design = null;
string what;
if (texts["network"].Length > 0)
{
    var loaded = NetworkLoader.Load(File.ReadAllText(texts["network"]), Path.GetFileName(texts["network"]));
    if (!loaded.Ok)
    {
        Console.Error.WriteLine(string.Join(Environment.NewLine, loaded.Errors));
        return 2;
    }

    network = loaded.Network!;
    if (texts["scenario"].Length == 0)
    {
        Console.Error.WriteLine("--network needs --scenario");
        return 2;
    }

    var scenario = ScenarioFile.LoadFile(texts["scenario"], network, options);
    demand = scenario.Scaled(numbers["demand-scale"]);
    design = DesignFlows.FromDemand(scenario.Demand);
    what = FormattableString.Invariant($"{network.Name}, scenario {scenario.Name} x {numbers["demand-scale"]} ({demand.TotalVehiclesPerHour:F0} veh/h over {demand.Flows.Count} routes)");
    if (policy == "standin")
    {
        policy = "actuated";
    }
}
else
{
    var spec = new GridSpec((int)numbers["rows"], (int)numbers["cols"], SpeedKmh: numbers["speed"], LanesPerApproach: (int)numbers["lanes"], Seed: (int)numbers["seed"]);
    network = SyntheticGrid.Build(spec);
    demand = SyntheticGrid.Demand(spec, numbers["demand"]);
    what = FormattableString.Invariant($"grid {spec.Rows}x{spec.Columns}, demand {numbers["demand"]} veh/h over {demand.Flows.Count} routes");
}

Simulation sim;
ClosedLoopRun? run = null;
if (policy == "standin")
{
    sim = new Simulation(network, demand, new FixedTimeSignalView(network, numbers["cycle"]), options);
}
else
{
    run = new ClosedLoopRun(network, demand, policy, new RunSettings((int)numbers["seed"], design, Simulation: options, Loop: new ClosedLoopOptions((int)numbers["decide-every"])));
    sim = run.Simulation;
}

build.Stop();
var duration = numbers["minutes"] * 60;
Console.WriteLine(FormattableString.Invariant(
    $"{what}; {network.Intersections.Count} intersections, {sim.Road.LaneCount} lanes, {sim.Loops.Count} loops, {sim.Cameras.Count} cameras; signals {(run is null ? $"stand-in fixed time {numbers["cycle"]} s" : $"{policy} policy on the real controllers, deciding every {numbers["decide-every"]} tick(s)")}; dt {options.TimeStepS} s, seed {options.Seed}; built in {build.Elapsed.TotalSeconds:F2} s"));

var wall = Stopwatch.StartNew();
var nextReport = 300.0;
while (sim.Time < duration - 1e-9)
{
    if (run is null)
    {
        sim.Step();
    }
    else
    {
        run.Step();
    }

    if (sim.Time >= nextReport - 1e-9)
    {
        if (run is null)
        {
            // Read every camera once per report so the stand-in benchmark includes their cost (the closed loop reads them every 5 s).
            for (var c = 0; c < sim.Cameras.Count; c++)
            {
                sim.ReadCamera(c);
            }
        }

        using var p = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant(
            $"t={sim.Time / 60,5:F0} min  on network {sim.OnNetwork,6}  entered {sim.Entered,6}  exited {sim.Exited,6}  waiting {sim.Waiting,5}  wall {wall.Elapsed.TotalSeconds,6:F2} s  resident {p.WorkingSet64 / (1024.0 * 1024.0),4:F0} MB"));
        nextReport += 300;
    }
}

wall.Stop();
var seconds = wall.Elapsed.TotalSeconds;
using var process = Process.GetCurrentProcess();
Console.WriteLine(FormattableString.Invariant($"vehicles simulated   {sim.Entered} entered, {sim.Exited} exited, {sim.OnNetwork} on network, {sim.Waiting} waiting to enter"));
Console.WriteLine(FormattableString.Invariant($"vehicle-steps        {sim.VehicleSteps} ({sim.VehicleSteps / seconds / 1e6:F2} M per second)"));
Console.WriteLine(FormattableString.Invariant($"wall time            {seconds:F2} s for {duration / 60:F0} simulated minutes: {duration / seconds:F0}x real time (process CPU {process.TotalProcessorTime.TotalSeconds:F2} s, load average {LoadAverage()})"));
if (run is not null)
{
    Console.WriteLine(FormattableString.Invariant($"controllers          {run.Signals.ControllerSeconds:F2} s of the wall time in sequencers, safety monitors and policies ({run.Signals.Decisions} decisions); safety faults {run.Signals.Faults.Count}"));
    var m = run.Finish();
    Console.WriteLine(FormattableString.Invariant($"evaluation           delay {m.MeanDelayS:F1} s/veh (finished trips {m.MeanTripDelayS:F1}), stops {m.StopsPerVehicle:F2}/veh, throughput {m.ThroughputVph:F0} veh/h, travel time p95 {m.P95TravelTimeS:F0} s, max queue {m.MaxQueueVehicles} ({m.MaxQueueWhere}), spillback {m.SpillbackLaneSeconds:F0} lane-s, arrivals on green {m.ArrivalsOnGreenPercent:F1} %, split failures {m.SplitFailures}/{m.PhaseGreens}"));
}

Console.WriteLine(FormattableString.Invariant($"peak resident memory {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB (GC heap now {GC.GetTotalMemory(false) / (1024.0 * 1024.0):F1} MB, gen0 collections {GC.CollectionCount(0)}, gen2 {GC.CollectionCount(2)})"));
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
