using System.Diagnostics;
using System.Globalization;
using Traffic.Sumo.Import;
using Traffic.Sumo.Traci;

namespace Traffic.Sumo.Runs;

/// <summary>
/// Runs one scenario under one policy for one seed. With a controlling policy every traffic light of
/// the network is imported and driven through our <see cref="Traffic.Signals.Sequencing.SignalController"/>
/// over TraCI, one SUMO step at a time (detector values by subscription, state strings batched with
/// the step), to a sumo process over TCP or to libsumo in this process (<see cref="RunOptions.InProcess"/>,
/// the same messages and the same runs). The network's own programme ("fixed") runs the same way without setting any light, so
/// both are measured identically.
/// </summary>
public sealed class SumoRunner(PolicyRegistry policies, TextWriter log)
{
    public RunResult Run(RunOptions options, int seed)
    {
        var config = SumoConfig.Load(options.ConfigFile);
        var end = options.Duration is { } d ? config.Begin + d : config.End;
        Directory.CreateDirectory(options.WorkDir);
        Directory.CreateDirectory(options.TripinfoDir);
        var label = $"{config.Name}-{options.Policy}{(options.Plain ? "-plain" : "")}-seed{seed.ToString(CultureInfo.InvariantCulture)}";
        var tripinfo = Path.GetFullPath(Path.Combine(options.TripinfoDir, $"tripinfo-{label}.xml"));
        var args = new List<string>
        {
            "-c", config.Path,
            "--seed", Str(seed),
            "--end", Str(end),
            "--step-length", Str(options.StepLength),
            "--time-to-teleport", Str(options.TimeToTeleport),
            "--tripinfo-output", tripinfo,
            "--tripinfo-output.write-unfinished",
            "--no-step-log",
            "--no-warnings",
            "--duration-log.disable",
        };
        args.AddRange((options.SumoArguments ?? []).Select(a => a.Replace("{label}", label, StringComparison.Ordinal)));

        var watch = Stopwatch.StartNew();
        if (options.Plain)
        {
            var plainCpu = RunPlain(options, args);
            watch.Stop();
            var plainTrips = TripMetrics.Compute(tripinfo, config.RouteFiles, end);
            return new RunResult(config.Name, options.Policy, seed, plainTrips, 0, false, "", 0, [], end - config.Begin, watch.Elapsed.TotalSeconds, tripinfo, 0, plainCpu);
        }

        var controlled = !policies.IsProgramme(options.Policy);
        var signals = controlled ? SumoSignalImporter.ImportAll(SumoNet.Load(config.NetFile)) : [];
        var net = controlled ? SumoNet.Load(config.NetFile) : null;
        var additional = config.AdditionalFiles.ToList();
        Sensors? sensors = null;
        if (controlled)
        {
            sensors = new Sensors(net!, signals, policies.Needs(options.Policy), options.StopBarZoneM, options.QueueZoneM, options.ExitZonesOnlyBeforeSignals) { CountWaited = options.CountWaited };
            log.WriteLine($"  {label}: {signals.Count} lights, reads {sensors.Needs}: {sensors.DetectorCount} E2 detectors, {sensors.LaneCount} whole lanes");
            var detectorFile = Path.GetFullPath(Path.Combine(options.WorkDir, $"detectors-{label}.add.xml"));
            sensors.Write(detectorFile);
            additional.Add(detectorFile);
        }

        if (additional.Count > 0)
        {
            args.Add("--additional-files");
            args.Add(string.Join(',', additional));
        }

        int teleports = 0;
        var gridlockReason = "";
        var violations = new List<string>();
        double time;
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var childCpuStart = ChildCpu.Seconds();
        double runnerCpu, sumoCpu = double.NaN;
        using (ISumoSession sumo = options.InProcess ? InProcessSumo.Start(args) : SumoProcess.Start(args, options.SumoBinary))
        {
            try
            {
                var client = sumo.Client;
                var batch = new TraciBatch();
                var arrivals = controlled && policies.Needs(options.Policy).HasFlag(SensorNeeds.Arrivals) ? new ArrivalSensors(net!, signals, options.ArrivalZoneM) : null;
                byte[] simVariables = arrivals is null
                    ? [TraciVar.Time, TraciVar.ArrivedNumber, TraciVar.MinExpectedNumber, TraciVar.TeleportStartingNumber]
                    : [TraciVar.Time, TraciVar.ArrivedNumber, TraciVar.MinExpectedNumber, TraciVar.TeleportStartingNumber, TraciVar.DepartedIds, TraciVar.ArrivedIds];
                var sim = batch.Subscribe(TraciDomain.Simulation, "", simVariables);
                var period = (long)Math.Round(policies.ReadPeriod(options.Policy));
                var polled = sensors is not null && (period > 1 || options.CountWaited);
                if (!polled)
                {
                    sensors?.Subscribe(batch);
                }

                var drivers = signals.Select((s, i) => new SignalDriver(s, policies.Create(options.Policy, s), sensors!, arrivals, i)).ToList();
                client.Execute(batch);
                ReadSensors(sensors, client, polled, 0, period);
                ReadArrivals(arrivals, client, sim);

                time = config.Begin;
                var lastArrival = config.Begin;
                var nextReport = config.Begin + 600;
                while (time < end - 1e-9)
                {
                    batch.Clear();
                    var ticks = (long)Math.Round((time + options.StepLength - config.Begin) * 10);
                    foreach (var driver in drivers)
                    {
                        driver.Advance(ticks, batch);
                    }

                    arrivals?.BeforeStep(batch);
                    batch.Step();
                    client.Execute(batch);
                    time = sim.Value(TraciVar.Time).AsDouble();
                    ReadSensors(sensors, client, polled, time - config.Begin, period);
                    ReadArrivals(arrivals, client, sim);
                    teleports += sim.Value(TraciVar.TeleportStartingNumber).AsInt();
                    if (sim.Value(TraciVar.ArrivedNumber).AsInt() > 0 || sim.Value(TraciVar.MinExpectedNumber).AsInt() == 0)
                    {
                        lastArrival = time;
                    }
                    else if (gridlockReason.Length == 0 && time - lastArrival >= options.GridlockSeconds)
                    {
                        gridlockReason = $"no arrival from {Str(lastArrival)} s to {Str(time)} s with {sim.Value(TraciVar.MinExpectedNumber).AsInt()} vehicles expected";
                    }

                    if (time >= nextReport)
                    {
                        log.WriteLine($"  {label}: t={Str(time)} s ({Str(Math.Round(time - config.Begin))}/{Str(end - config.Begin)}), {watch.Elapsed.TotalSeconds:F1} s wall");
                        nextReport += 600;
                    }
                }

                foreach (var driver in drivers)
                {
                    violations.AddRange(driver.Violations);
                }

                runnerCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
                sumoCpu = sumo.ProcessorTime?.TotalSeconds ?? double.NaN;
                if (options.InProcess)
                {
                    runnerCpu -= sumoCpu; // the process's CPU holds SUMO's too
                }
            }
            catch (TraciException e)
            {
                var said = sumo.Output.Trim();
                throw new TraciException($"{label}: {e.Message}{(said.Length > 0 ? $"{Environment.NewLine}sumo said: {said}" : "")}", e);
            }
        }

        watch.Stop();

        // SUMO's whole run (to its exit) where the platform tells it, as for plain runs; else what was read before the close.
        var childCpu = ChildCpu.Seconds() - childCpuStart;
        if (childCpu > 0)
        {
            sumoCpu = childCpu;
        }

        if (teleports > 0 && gridlockReason.Length == 0)
        {
            gridlockReason = $"{teleports} teleports";
        }

        var trips = TripMetrics.Compute(tripinfo, config.RouteFiles, end);
        return new RunResult(
            config.Name,
            options.Policy,
            seed,
            trips,
            teleports,
            gridlockReason.Length > 0,
            gridlockReason,
            violations.Count,
            violations,
            time - config.Begin,
            watch.Elapsed.TotalSeconds,
            tripinfo,
            runnerCpu,
            sumoCpu);
    }

    /// <summary>Subscribed zones every step; polled zones when <paramref name="elapsed"/> (seconds since begin) is a multiple of the period.</summary>
    private static void ReadSensors(Sensors? sensors, TraciClient client, bool polled, double elapsed, long period)
    {
        if (sensors is null)
        {
            return;
        }

        if (!polled)
        {
            sensors.Refresh();
        }
        else if (Math.Abs((elapsed / period) - Math.Round(elapsed / period)) < 1e-6)
        {
            sensors.Poll(client);
        }
    }

    private static void ReadArrivals(ArrivalSensors? arrivals, TraciClient client, TraciSubscription sim) =>
        arrivals?.AfterStep(client, sim.Value(TraciVar.DepartedIds).AsStringList(), sim.Value(TraciVar.ArrivedIds).AsStringList());

    /// <summary>Runs sumo to the end without TraCI; returns its CPU seconds (NaN when the platform cannot tell).</summary>
    private static double RunPlain(RunOptions options, List<string> args)
    {
        var info = new ProcessStartInfo(options.SumoBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SUMO_HOME")))
        {
            info.Environment["SUMO_HOME"] = "/usr/share/sumo";
        }

        var before = ChildCpu.Seconds();
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {options.SumoBinary}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{options.SumoBinary} failed ({p.ExitCode}): {stdout.Result}{stderr}");
        }

        return ChildCpu.Seconds() - before;
    }

    private static string Str(double v) => v.ToString(CultureInfo.InvariantCulture);
}
