using Traffic.Control;
using Traffic.Signals.Sequencing;
using Traffic.Sumo.Runs;

namespace Traffic.Sumo.Tests;

public sealed class RunnerTests(GridFixture grid) : IClassFixture<GridFixture>
{
    private RunOptions Options(string cfg, string policy, double duration) =>
        new(cfg, policy, Path.Combine(grid.Directory, "work"), Path.Combine(grid.Directory, "trips"), duration);

    [Theory]
    [InlineData("fixed")]
    [InlineData("actuated")]
    [InlineData("max-pressure")]
    [InlineData("adaptive")]
    [InlineData("adaptive-counts")]
    public void Every_policy_runs_the_grid_safely_and_keeps_the_tripinfo(string policy)
    {
        var runner = new SumoRunner(PolicyRegistry.CreateDefault(), TextWriter.Null);
        var r = runner.Run(Options(grid.ConfigFile, policy, 600), seed: 3);
        Assert.Equal(0, r.SafetyViolations);
        Assert.Equal(600, r.SimulatedSeconds);
        Assert.True(r.Trips.Arrived > 200, $"{policy}: only {r.Trips.Arrived} arrived in 600 s");
        Assert.False(r.Gridlock, r.GridlockReason);
        Assert.True(File.Exists(r.TripinfoFile));
        Assert.Contains($"-{policy}-seed3", r.TripinfoFile, StringComparison.Ordinal);
        Assert.InRange(r.Trips.MeanDelay, 1, 300);
    }

    [Theory]
    [InlineData("fixed")]
    [InlineData("adaptive")]
    [InlineData("max-pressure")]
    public void In_process_sumo_gives_the_same_run_as_a_sumo_process(string policy)
    {
        var runner = new SumoRunner(PolicyRegistry.CreateDefault(), TextWriter.Null);
        var tcp = runner.Run(Options(grid.ConfigFile, policy, 900), seed: 5);
        var libsumo = runner.Run(Options(grid.ConfigFile, policy, 900) with { InProcess = true }, seed: 5);
        Assert.True(tcp.Trips.Arrived > 300, $"{policy}: only {tcp.Trips.Arrived} arrived");
        Assert.Equal(tcp.Trips.Arrived, libsumo.Trips.Arrived);
        Assert.Equal(tcp.Trips.MeanDelay, libsumo.Trips.MeanDelay);
        Assert.Equal(tcp.Trips.MeanWaitingTime, libsumo.Trips.MeanWaitingTime);
        Assert.Equal(tcp.Trips.MeanTripTime, libsumo.Trips.MeanTripTime);
        Assert.Equal(0, libsumo.SafetyViolations);
        Assert.True(libsumo.SumoCpuSeconds > 0, $"SUMO CPU {libsumo.SumoCpuSeconds}");
        Assert.True(libsumo.RunnerCpuSeconds >= 0, $"runner CPU {libsumo.RunnerCpuSeconds}");
    }

    [Fact]
    public void Extra_sumo_options_reach_sumo_with_the_run_label()
    {
        var runner = new SumoRunner(PolicyRegistry.CreateDefault(), TextWriter.Null);
        var fcd = Path.Combine(grid.Directory, "fcd-{label}.xml");
        var r = runner.Run(Options(grid.ConfigFile, "fixed", 60) with { InProcess = true, SumoArguments = ["--fcd-output", fcd] }, seed: 2);
        var file = Path.Combine(grid.Directory, $"fcd-{Path.GetFileNameWithoutExtension(grid.ConfigFile)}-fixed-seed2.xml");
        Assert.True(File.Exists(file), $"no {file}");
        Assert.Contains("<timestep time=\"59.00\"", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(60, r.SimulatedSeconds);
    }

    [Fact]
    public void A_registered_policy_drives_every_light_of_the_network()
    {
        var registry = PolicyRegistry.CreateDefault();
        var created = new List<string>();
        var decisions = 0;
        registry.Register("counting", s =>
        {
            created.Add(s.TlsId);
            return new CountingPolicy(() => decisions++);
        });
        var r = new SumoRunner(registry, TextWriter.Null).Run(Options(grid.ConfigFile, "counting", 60), seed: 1);
        Assert.Equal(["A0", "A1", "B0", "B1"], created);
        Assert.Equal(4 * 60 * SignalTime.TicksPerSecond, decisions);

        // With nobody calling a phase our controllers rest in red: no vehicle gets through the grid.
        Assert.Equal(0, r.Trips.Arrived);
    }

    [Fact]
    public void Ingolstadt1_smoke_300_s_actuated_is_safe()
    {
        var runner = new SumoRunner(PolicyRegistry.CreateDefault(), TextWriter.Null);
        var r = runner.Run(Options(TestData.Scenario("ingolstadt1", "sumocfg"), "actuated", 300), seed: 1);
        Assert.Equal(0, r.SafetyViolations);
        Assert.True(r.Trips.Arrived > 50, $"{r.Trips.Arrived} arrived");
        Assert.Equal(57900, r.Trips.End);
    }

    [Fact]
    public void Reading_queues_every_decision_interval_gives_the_same_run_as_reading_them_every_step()
    {
        var registry = PolicyRegistry.CreateDefault();
        Assert.Equal(10, registry.ReadPeriod("max-pressure"));
        Assert.Equal(1, registry.ReadPeriod("actuated"));
        registry.Register("mp-every-step", s => new MaxPressurePolicy(s.Intersection, MaxPressureSettings.Default), SensorNeeds.Queue | SensorNeeds.Exit);
        var runner = new SumoRunner(registry, TextWriter.Null);

        var polled = runner.Run(Options(grid.ConfigFile, "max-pressure", 600), seed: 2);
        var subscribed = runner.Run(Options(grid.ConfigFile, "mp-every-step", 600), seed: 2);

        Assert.True(polled.Trips.Arrived > 100, $"{polled.Trips.Arrived} arrived");
        Assert.Equal(subscribed.Trips, polled.Trips);
        Assert.Throws<ArgumentException>(() => registry.Register("bad", null, readEverySeconds: 2.5));
    }

    [Fact]
    public void Counting_queues_the_resco_way_runs_safely_and_changes_the_decisions()
    {
        var runner = new SumoRunner(PolicyRegistry.CreateDefault(), TextWriter.Null);
        var halted = runner.Run(Options(grid.ConfigFile, "max-pressure", 600), seed: 4);
        var waited = runner.Run(Options(grid.ConfigFile, "max-pressure", 600) with { CountWaited = true }, seed: 4);

        Assert.Equal(0, waited.SafetyViolations);
        Assert.True(waited.Trips.Arrived > 100, $"{waited.Trips.Arrived} arrived");
        Assert.NotEqual(halted.Trips, waited.Trips);
    }

    [Fact]
    public void Unknown_policies_are_refused_with_the_known_names()
    {
        var e = Assert.Throws<ArgumentException>(() => PolicyRegistry.CreateDefault().IsProgramme("no-such-policy"));
        Assert.Contains("no-such-policy", e.Message, StringComparison.Ordinal);
        Assert.Contains("max-pressure", e.Message, StringComparison.Ordinal);
        Assert.Contains("adaptive", e.Message, StringComparison.Ordinal);
        Assert.True(PolicyRegistry.CreateDefault().IsProgramme("fixed"));
        Assert.False(PolicyRegistry.CreateDefault().IsProgramme("actuated"));
    }

    [Fact]
    public void Tracked_arrivals_show_queues_standing_at_red_stop_lines_and_moving_vehicles_further_up()
    {
        // A policy that never calls a phase keeps every light red: the vehicles the runner tracks must queue at the
        // stop lines (the nearest one standing within a few metres), with moving ones behind and free room on the exits.
        var registry = PolicyRegistry.CreateDefault();
        var recorders = new List<ArrivalRecorder>();
        registry.Register("all-red", s =>
        {
            var r = new ArrivalRecorder(s.Intersection.Detectors.Count);
            recorders.Add(r);
            return r;
        }, SensorNeeds.Arrivals);
        var run = new SumoRunner(registry, TextWriter.Null).Run(Options(grid.ConfigFile, "all-red", 120), seed: 1);

        Assert.Equal(0, run.SafetyViolations);
        Assert.Equal(4, recorders.Count);
        var lanes = recorders.SelectMany(r => r.Last).Where(l => l.Vehicles.Length > 0).ToList();
        Assert.True(lanes.Count >= 4, $"only {lanes.Count} lanes with vehicles after 120 s of red");
        foreach (var (vehicles, room) in lanes)
        {
            var head = vehicles.MinBy(v => v.Distance);
            Assert.InRange(head.Distance, 0, 10);
            Assert.True(head.Speed < 0.5, $"the first vehicle at {head.Distance:F1} m still moves at {head.Speed:F1} m/s");
            Assert.All(vehicles, v => Assert.InRange(v.Distance, 0, 200));
            Assert.True(room > 10, $"exit room {room} with nothing leaving the junction");
        }

        // Queues grow while red: more vehicles seen at the end than after the first minute.
        Assert.True(recorders.Sum(r => r.AtMinute) > 0, "no vehicle seen after a minute");
        Assert.True(recorders.Sum(r => r.Last.Sum(l => l.Vehicles.Length)) > recorders.Sum(r => r.AtMinute));
    }

    /// <summary>Keeps the last arrivals of every lane and never calls a phase.</summary>
    private sealed class ArrivalRecorder(int lanes) : ISignalPolicy, IArrivalObserver
    {
        public (ApproachingVehicle[] Vehicles, int Room)[] Last { get; } = new (ApproachingVehicle[], int)[lanes];

        public int AtMinute { get; private set; }

        public string Name => "all-red";

        public void ObserveArrivals(int lane, long time, ReadOnlySpan<ApproachingVehicle> vehicles, int exitRoom)
        {
            Last[lane] = (vehicles.ToArray(), exitRoom);
            if (time == SignalTime.FromSeconds(60))
            {
                AtMinute += vehicles.Length;
            }
        }

        public void Observe(in DetectorReading r)
        {
        }

        public void Observe(ApproachObservation o)
        {
        }

        public void Decide(ISignalControl control)
        {
        }
    }

    private sealed class CountingPolicy(Action decided) : ISignalPolicy
    {
        public string Name => "counting";

        public void Observe(in DetectorReading r)
        {
        }

        public void Observe(ApproachObservation o)
        {
        }

        public void Decide(ISignalControl control) => decided();
    }
}
