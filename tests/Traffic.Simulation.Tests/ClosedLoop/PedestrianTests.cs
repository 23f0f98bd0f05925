using Traffic.Control;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Simulation.Tests;

/// <summary>Pedestrians at the sample corridor's crosswalks under the real controllers.</summary>
public sealed class PedestrianTests
{
    private static Demand Corridor(double vehPerHour, PedestrianDemand? pedestrians)
    {
        var network = Networks.SampleCorridor;
        var doc = ScenarioGenerator.Generate(network, new ScenarioSpec("corridor", DayPeriod.Am, 5, vehPerHour, DestinationsPerOrigin: 6));
        return ScenarioFile.Load(ScenarioFile.Write(doc), "corridor.json", network).Demand with { Pedestrians = pedestrians };
    }

    private static (Simulation Sim, ControlledSignals Signals) Build(Demand demand, string policy, PolicyRegistry? registry = null, int seed = 3)
    {
        var network = Networks.SampleCorridor;
        var signals = ControlledSignals.Create(network, registry ?? PolicyRegistry.CreateDefault(), policy, DesignFlows.FromDemand(demand));
        var sim = new Simulation(network, demand, signals, new SimulationOptions(Seed: seed));
        signals.Attach(sim);
        return (sim, signals);
    }

    [Fact]
    public void PedestriansStartOnlyOnWalkAndAreNeverInACrosswalkAtAConflictingGreen()
    {
        var network = Networks.SampleCorridor;
        var (sim, signals) = Build(Corridor(1200, new PedestrianDemand(240, SlowWalkerShare: 0.5)), "fixed");
        var started = new long[sim.CrosswalkCount];
        var checkedCrossings = 0;
        while (sim.Time < 1200)
        {
            sim.Step();
            for (var c = 0; c < sim.CrosswalkCount; c++)
            {
                var (i, k) = sim.CrosswalkAt(c);
                var x = network.Intersections[i];
                if (sim.PedestriansStartedAt(c) > started[c])
                {
                    Assert.True(signals.Walk(i, k), $"{x.Id} crosswalk {x.Crosswalks[k].Id}: a pedestrian started without walk at {sim.Time} s");
                    started[c] = sim.PedestriansStartedAt(c);
                }

                if (sim.PedestriansCrossingAt(c) == 0)
                {
                    continue;
                }

                checkedCrossings++;
                var shown = signals.Controller(i).Indications;
                Assert.Equal(x.SignalGroups.Count, x.Conflicts.Size);
                foreach (var phase in x.Phases.Where(p => p.Crosswalks.Contains(x.Crosswalks[k].Id)))
                {
                    var ped = x.PedestrianGroupOf(phase.Id);
                    foreach (var g in x.SignalGroups.Where(g => g.Kind == SignalGroupKind.Vehicle && x.Conflicts[ped, g.Index]))
                    {
                        Assert.False(
                            shown[g.Index] is Indication.Green or Indication.Yellow,
                            $"{x.Id}: {sim.PedestriansCrossingAt(c)} pedestrian(s) in crosswalk {x.Crosswalks[k].Id} while conflicting group {g.Name} shows {shown[g.Index]} at {sim.Time} s");
                    }
                }
            }
        }

        Assert.Empty(signals.Faults);
        Assert.True(sim.PedestriansCrossed > 500, $"only {sim.PedestriansCrossed} crossed");
        Assert.True(checkedCrossings > 1000, $"only {checkedCrossings} crosswalk-steps with pedestrians");
        Assert.True(sim.PedestrianYields > 0, "no permitted turn ever yielded to a pedestrian");
    }

    [Fact]
    public void FixedTimeWaitMatchesRedSquaredOverTwoCycles()
    {
        // Fast walkers only; a pedestrian arriving in the last L/v of walk + clearance waits for the next walk, so the
        // effective walk window is W = walk + pedClearance - L/v and the effective red R = C - W. For Poisson arrivals the
        // mean wait is R^2 / (2 C) (a share R/C waits, on average R/2).
        var network = Networks.SampleCorridor;
        var (sim, signals) = Build(Corridor(600, new PedestrianDemand(900, SlowWalkerShare: 0)), "fixed");
        var i = network.Intersections.ToList().FindIndex(x => x.Id == "I002");
        var x = network.Intersections[i];
        var walkStarts = new List<double>[x.Crosswalks.Count];
        var wasWalk = new bool[x.Crosswalks.Count];
        for (var k = 0; k < walkStarts.Length; k++)
        {
            walkStarts[k] = [];
        }

        while (sim.Time < 3600)
        {
            sim.Step();
            for (var k = 0; k < x.Crosswalks.Count; k++)
            {
                var walk = signals.Walk(i, k);
                if (walk && !wasWalk[k])
                {
                    walkStarts[k].Add(sim.Time);
                }

                wasWalk[k] = walk;
            }
        }

        Assert.True(sim.PedestriansCrossed > 3000);

        // Hand calculation over the intersection's crosswalks, each weighted by its pedestrians (equal rates).
        var expected = 0.0;
        for (var k = 0; k < x.Crosswalks.Count; k++)
        {
            var cycle = (walkStarts[k][^1] - walkStarts[k][0]) / (walkStarts[k].Count - 1);
            var phase = x.Phases.Single(p => p.Crosswalks.Contains(x.Crosswalks[k].Id));
            var window = phase.Timings.Walk + phase.Timings.PedClearance - (x.Crosswalks[k].LengthM / 1.2);
            var red = cycle - window;
            expected += red * red / (2 * cycle) / x.Crosswalks.Count;
        }

        var first = Enumerable.Range(0, sim.CrosswalkCount).First(c => sim.CrosswalkAt(c).Intersection == i);
        var started = Enumerable.Range(first, x.Crosswalks.Count).Sum(sim.PedestriansStartedAt);
        Assert.True(started > 2500, $"{started} pedestrians at {x.Id}");
        var measured = Enumerable.Range(first, x.Crosswalks.Count).Sum(sim.PedestrianWaitSumAt) / started;
        Assert.True(Math.Abs(measured - expected) <= 0.1 * expected, $"{x.Id}: mean wait {measured:F2} s, hand calculation {expected:F2} s");
        Console.WriteLine($"pedestrian wait at {x.Id}: simulated {measured:F2} s over {started} pedestrians, R^2/(2C) = {expected:F2} s");
    }
}
