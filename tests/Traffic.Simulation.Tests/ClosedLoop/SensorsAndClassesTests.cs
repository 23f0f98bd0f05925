using Traffic.Control;
using Traffic.Signals.Model;

namespace Traffic.Simulation.Tests;

/// <summary>CCTV pedestrians and emergency vehicles, push buttons, buses, sensor failures and latency in the closed loop.</summary>
public sealed class SensorsAndClassesTests
{
    private static Scenario Corridor(double vehPerHour, Action<ScenarioDocument>? edit = null)
    {
        var network = Networks.SampleCorridor;
        var doc = ScenarioGenerator.Generate(network, new ScenarioSpec("corridor", DayPeriod.Am, 5, vehPerHour, DestinationsPerOrigin: 6));
        edit?.Invoke(doc);
        return ScenarioFile.Load(ScenarioFile.Write(doc), "corridor.json", network);
    }

    private static (Simulation Sim, ControlledSignals Signals, RecordingPolicy[] Policies) Build(
        Demand demand, Func<PolicyContext, ISignalPolicy> inner, ClosedLoopOptions? loop = null, ISimulationObserver? observer = null, int seed = 3)
    {
        var network = Networks.SampleCorridor;
        var policies = new RecordingPolicy[network.Intersections.Count];
        var n = 0;
        var registry = new PolicyRegistry();
        registry.Register("rec", "recording", c => policies[n++] = new RecordingPolicy(inner(c)));
        var signals = ControlledSignals.Create(network, registry, "rec", DesignFlows.FromDemand(demand), loop);
        var sim = new Simulation(network, demand, signals, new SimulationOptions(Seed: seed), observer);
        signals.Attach(sim);
        return (sim, signals, policies);
    }

    private static ISignalPolicy Fixed(PolicyContext c) => new FixedTimePolicy(c.Intersection, PolicyRegistry.FixedTimePlan(c).Plan);

    [Fact]
    public void CamerasSeeThePedestriansWaitingAndCrossingOnTheirLeg()
    {
        var scenario = Corridor(900);
        var (sim, _, policies) = Build(scenario.Demand with { Pedestrians = new PedestrianDemand(300) }, Fixed);
        var network = Networks.SampleCorridor;
        sim.RunUntil(900);
        var all = policies.SelectMany((p, i) => p.Observations.Select(o => (i, o))).ToList();
        Assert.Contains(all, a => a.o.PedestriansWaiting > 0);
        Assert.Contains(all, a => a.o.PedestriansCrossing > 0);

        // Legs without a crosswalk never report pedestrians.
        foreach (var (i, o) in all)
        {
            if (!network.Intersections[i].Crosswalks.Any(c => c.LegId == o.LegId))
            {
                Assert.Equal(0, o.PedestriansWaiting + o.PedestriansCrossing);
            }
        }
    }

    [Fact]
    public void CameraPedestrianCountsEqualThoseAtTheCrosswalkWhenTheyAreTaken()
    {
        var scenario = Corridor(900);
        var network = Networks.SampleCorridor;
        Simulation? sim = null;
        var compared = 0;
        var registry = new PolicyRegistry();
        registry.Register("rec", "recording", c =>
        {
            var i = network.Intersections.ToList().IndexOf(c.Intersection);
            return new RecordingPolicy(Fixed(c), o =>
            {
                var waiting = 0;
                var crossing = 0;
                for (var k = 0; k < sim!.CrosswalkCount; k++)
                {
                    var (ci, ck) = sim.CrosswalkAt(k);
                    if (ci == i && network.Intersections[ci].Crosswalks[ck].LegId == o.LegId)
                    {
                        waiting += sim.PedestriansWaitingAt(k);
                        crossing += sim.PedestriansCrossingAt(k);
                    }
                }

                Assert.Equal(waiting, o.PedestriansWaiting);
                Assert.Equal(crossing, o.PedestriansCrossing);
                compared += waiting + crossing;
            });
        });
        var demand = scenario.Demand with { Pedestrians = new PedestrianDemand(300) };
        var signals = ControlledSignals.Create(network, registry, "rec", DesignFlows.FromDemand(demand));
        sim = new Simulation(network, demand, signals, new SimulationOptions(Seed: 4));
        signals.Attach(sim);
        sim.RunUntil(900);
        Assert.True(compared > 100, $"only {compared} pedestrians seen");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void ActuatedWalksOnCctvPedestrianCallsOrPushButtonsAndNeverWithout(bool cctvCalls, bool pushButtons)
    {
        var scenario = Corridor(900);
        var demand = scenario.Demand with { Pedestrians = new PedestrianDemand(120, PushButtons: pushButtons) };
        var (sim, signals, _) = Build(demand, c => new ActuatedPolicy(c.Intersection, ActuatedSettings.Default with { CctvPedestrianCalls = cctvCalls }));
        sim.RunUntil(900);
        Assert.Empty(signals.Faults);
        Assert.True(sim.PedestriansArrived > 300, $"{sim.PedestriansArrived} arrived");
        if (cctvCalls || pushButtons)
        {
            Assert.True(sim.PedestriansCrossed > 0.8 * sim.PedestriansArrived, $"{sim.PedestriansCrossed} of {sim.PedestriansArrived} crossed");
        }
        else
        {
            Assert.Equal(0, sim.PedestriansCrossed);
        }
    }

    private static void AddClasses(ScenarioDocument doc)
    {
        doc.EmergencyVehicles = [new EmergencyVehiclesDocument { Id = "EV1", Origin = "I001.W", Destination = "I005.E", DeparturesS = [120, 420] }];
        doc.BusLines = [new BusLineDocument { Id = "B1", Origin = "I005.E", Destination = "I001.W", HeadwayS = 120, FirstS = 30 }];
    }

    [Fact]
    public void EmergencyVehiclesAreSeenApproachingAndTimedBusesAreCountedAndLong()
    {
        var scenario = Corridor(900, AddClasses);
        var network = Networks.SampleCorridor;
        var recorder = new Recorder();
        var evaluator = new Evaluator { Forward = recorder };
        var (sim, signals, policies) = Build(scenario.Demand with { Pedestrians = null }, Fixed, observer: evaluator);
        evaluator.Attach(sim, signals);
        var busLength = 0.0;
        while (sim.Time < 900)
        {
            sim.Step();
            evaluator.Sample();
            for (var l = 0; l < sim.Road.LaneCount && busLength == 0; l++)
            {
                busLength = sim.VehiclesOnLane(l).Where(v => v.Class == VehicleClass.Bus).Select(v => v.Length).FirstOrDefault();
            }
        }

        var m = evaluator.Finish("fixed", signals.Faults.Count, 0);
        Assert.Equal(12, busLength);
        Assert.Equal(2, m.EmergencyTrips);
        Assert.True(m.MeanEmergencyTravelS > 0 && m.MeanEmergencyDelayS >= 0 && m.MeanEmergencyTravelS > m.MeanEmergencyDelayS);
        Assert.True(m.BusTrips >= 5, $"{m.BusTrips} bus trips");

        // I003 (index 2), leg W: the camera sees the first emergency vehicle before it crosses the stop line.
        var i3 = network.Intersections.ToList().FindIndex(x => x.Id == "I003");
        var crossedAt = recorder.Crossings.First(c => c.Class == VehicleClass.Emergency && c.Intersection == i3).Time;
        var seenAt = policies[i3].Observations.First(o => o.EmergencyVehicle && o.LegId == "W").Time / 10.0;
        Assert.True(seenAt < crossedAt, $"seen at {seenAt} s, crossed at {crossedAt} s");
        Assert.True(policies.Sum(p => p.Observations.Sum(o => o.Vehicles.Buses)) >= 5 * 3, "cameras counted too few buses");
    }

    [Fact]
    public void EachFailureModeReachesThePolicyAsExpected()
    {
        var network = Networks.SampleCorridor;
        var x = network.Intersections[1];
        var loops = x.Detectors.Where(d => d.Kind != DetectorKind.Cctv).ToList();
        var camera = x.Detectors.First(d => d.Kind == DetectorKind.Cctv);
        var stuck = loops[0];
        var silent = loops[1];
        var chattering = loops[2];
        var failures = new SensorFailures
        {
            Loops = new Dictionary<string, LoopFailure>
            {
                [SensorFailures.Key(x.Id, stuck.Id)] = LoopFailure.StuckOn,
                [SensorFailures.Key(x.Id, silent.Id)] = LoopFailure.NoData,
                [SensorFailures.Key(x.Id, chattering.Id)] = LoopFailure.Chatter,
            },
            CameraOutages = new HashSet<string> { SensorFailures.Key(x.Id, camera.Id) },
            ChatterPulsesPerSecond = 2,
        };
        var demand = Corridor(900).Demand;
        var (sim, _, healthy) = Build(demand, Fixed);
        sim.RunUntil(600);
        var (failedSim, _, failed) = Build(demand, Fixed, ClosedLoopOptions.Default with { Failures = failures });
        failedSim.RunUntil(600);
        int Index(Detector d) => x.Detectors.ToList().IndexOf(d);

        var stuckReadings = failed[1].Readings.Where(r => r.Reading.Detector == Index(stuck)).ToList();
        Assert.True(stuckReadings.Count >= 1199, $"{stuckReadings.Count} readings of the stuck loop"); // every step
        Assert.All(stuckReadings, r => Assert.True(r.Reading.Presence && r.Reading.Count == 0));
        Assert.DoesNotContain(failed[1].Readings, r => r.Reading.Detector == Index(silent));
        Assert.Contains(healthy[1].Readings, r => r.Reading.Detector == Index(silent));
        var chatterCounts = failed[1].Readings.Where(r => r.Reading.Detector == Index(chattering)).Sum(r => r.Reading.Count);
        var realCounts = healthy[1].Readings.Where(r => r.Reading.Detector == Index(chattering)).Sum(r => r.Reading.Count);
        Assert.InRange(chatterCounts - realCounts, 600 * 2 * 0.8, 600 * 2 * 1.2);
        Assert.DoesNotContain(failed[1].Observations, o => o.LegId == camera.LegId);
        Assert.Contains(healthy[1].Observations, o => o.LegId == camera.LegId);

        // Other intersections see no difference.
        Assert.Equal(healthy[0].Readings.Count, failed[0].Readings.Count);
    }

    [Fact]
    public void LatencyDelaysEveryReading()
    {
        var demand = Corridor(900).Demand;
        var (sim, _, policies) = Build(demand, Fixed, ClosedLoopOptions.Default with { Failures = new SensorFailures { LatencyS = 2 } });
        sim.RunUntil(300);
        var readings = policies.SelectMany(p => p.Readings).ToList();
        Assert.True(readings.Count > 500);
        Assert.All(readings, r => Assert.True(r.DeliveredAfter + 1 - r.Reading.Time >= 20, $"reading of {r.Reading.Time} delivered at {r.DeliveredAfter + 1}"));
    }

    [Fact]
    public void RandomDetectorFailuresAreSeededAndMixed()
    {
        var network = Networks.Daegu250;
        var a = SensorFailures.RandomDetectors(network, 0.2, 1);
        var b = SensorFailures.RandomDetectors(network, 0.2, 1);
        var c = SensorFailures.RandomDetectors(network, 0.2, 2);
        var total = network.Intersections.Sum(i => i.Detectors.Count);
        Assert.Equal(Math.Round(0.2 * total), a.Loops.Count + a.CameraOutages.Count);
        Assert.Equal(a.Loops.OrderBy(k => k.Key), b.Loops.OrderBy(k => k.Key));
        Assert.NotEqual(a.Loops.Keys.Order(), c.Loops.Keys.Order());
        Assert.All(Enum.GetValues<LoopFailure>().Skip(1), mode => Assert.True(a.Loops.Values.Count(v => v == mode) > 0.25 * a.Loops.Count));
        Assert.NotEmpty(a.CameraOutages);
        Assert.Empty(a.Check(network));
    }

    [Fact]
    public void SameSeedSameRunWithPedestriansBusesAndEmergencyVehicles()
    {
        var scenario = Corridor(900, AddClasses);
        RunMetrics Run()
        {
            var run = new ClosedLoopRun(Networks.SampleCorridor, scenario.Demand, "actuated", new RunSettings(Seed: 5));
            run.RunUntil(600);
            return run.Finish();
        }

        var a = Run();
        var b = Run();
        Assert.True(a.Pedestrians > 100);
        Assert.Equal(a with { WallSeconds = 0 }, b with { WallSeconds = 0 }, new MetricsComparer());
    }

    private sealed class MetricsComparer : IEqualityComparer<RunMetrics>
    {
        public bool Equals(RunMetrics? x, RunMetrics? y) =>
            x is not null && y is not null && x.MeanDelayS == y.MeanDelayS && x.Finished == y.Finished && x.Pedestrians == y.Pedestrians
            && x.MeanPedestrianWaitS == y.MeanPedestrianWaitS && x.P95PedestrianWaitS == y.P95PedestrianWaitS
            && x.MeanEmergencyTravelS == y.MeanEmergencyTravelS && x.MeanBusDelayS == y.MeanBusDelayS;

        public int GetHashCode(RunMetrics obj) => obj.Finished.GetHashCode();
    }
}
