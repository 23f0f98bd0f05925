using Traffic.Signals.Sequencing;

namespace Traffic.Simulation.Tests;

/// <summary>The closed loop on the sample corridor: real controllers, real policies, generated demand.</summary>
public sealed class ClosedLoopCorridorTests
{
    internal static Demand CorridorDemand(double total)
    {
        var network = Networks.SampleCorridor;
        var doc = ScenarioGenerator.Generate(network, new ScenarioSpec("corridor", DayPeriod.Am, 5, total, DestinationsPerOrigin: 6));
        return ScenarioFile.Load(ScenarioFile.Write(doc), "corridor.json", network).Demand;
    }

    [Theory]
    [InlineData("fixed")]
    [InlineData("actuated")]
    [InlineData("actuated-ped")]
    [InlineData("adaptive-coordinated")]
    public void RunsWithoutSafetyFaultConservesVehiclesAndNeverCrossesOnRed(string policy)
    {
        var network = Networks.SampleCorridor;
        var demand = CorridorDemand(1800);
        var signals = ControlledSignals.Create(network, PolicyRegistry.CreateDefault(), policy, DesignFlows.FromDemand(demand));
        var checker = new RedCrossingChecker(network, signals);
        var sim = new Simulation(network, demand, signals, new SimulationOptions(Seed: 3), checker);
        signals.Attach(sim);
        while (sim.Time < 1800)
        {
            sim.Step();
            Assert.Equal(sim.Entered, sim.Exited + sim.OnNetwork);
            Assert.Equal(sim.OnNetwork, sim.CountVehiclesOnLanes());
            Assert.Equal(sim.Generated, sim.Entered + sim.Waiting);
        }

        Assert.Empty(signals.Faults);
        Assert.True(checker.Crossings > 1000, $"only {checker.Crossings} stop-line crossings");
        Assert.Empty(checker.Violations);
        Assert.True(sim.Exited > 500, $"only {sim.Exited} trips finished");
        Assert.Equal(0, sim.RedOvershoots);
    }

    [Theory]
    [InlineData("actuated", false)]
    [InlineData("fixed", true)]
    public void ActuatedServesOnlyPhasesWhoseDetectorsSeeTrafficFixedTimeServesAll(string policy, bool expectAll)
    {
        // Only main-street through traffic: under actuated control the phases of the side street and the
        // left turns are never called by a detector, so never green; fixed time serves every phase.
        var network = Networks.SampleCorridor;
        var x = network.Intersections[0];
        var demand = CorridorDemand(1500);
        var through = new Demand([.. demand.Flows.Where(f => f.Steps.All(s => s.MovementId.EndsWith(".T", StringComparison.Ordinal)))]);
        var used = through.Flows.SelectMany(f => f.Steps).Where(s => s.IntersectionId == x.Id).Select(s => s.MovementId).ToHashSet();
        Assert.NotEmpty(used);
        var demanded = x.Phases.Where(p => p.Movements.Any(pm => used.Contains(pm.MovementId))).Select(p => p.Id).ToHashSet();
        var run = new ClosedLoopRun(network, through, policy, new RunSettings(Seed: 1, DesignFlows: DesignFlows.FromDemand(demand)));
        var greens = new HashSet<int>();
        while (run.Simulation.Time < 900)
        {
            run.Step();
            greens.UnionWith(x.Phases.Where(p => run.Signals.Controller(0).IsGreen(p.Id)).Select(p => p.Id));
        }

        Assert.Empty(run.Signals.Faults);
        Assert.Superset(demanded, greens);
        if (expectAll)
        {
            Assert.Equal(x.Phases.Select(p => p.Id).ToHashSet(), greens);
        }
        else
        {
            Assert.True(greens.SetEquals(demanded), $"green: {string.Join(",", greens.Order())}; phases with traffic: {string.Join(",", demanded.Order())}");
            Assert.True(demanded.Count < x.Phases.Count, "the test needs phases without traffic");
        }
    }

    /// <summary>At every crossing, asks the controller itself (not the movement state) whether a phase of the movement shows green or yellow.</summary>
    private sealed class RedCrossingChecker(Traffic.Signals.Model.Network network, ControlledSignals signals) : ISimulationObserver
    {

        public int Crossings { get; private set; }

        public List<string> Violations { get; } = [];

        public void Entered(in VehicleEvent e)
        {
        }

        public void CrossedStopLine(in StopLineCrossing e)
        {
            Crossings++;
            var x = network.Intersections[e.Intersection];
            var movementIndex = e.Movement - MovementBase(e.Intersection);
            var id = x.Movements[movementIndex].Id;
            var shown = signals.Controller(e.Intersection).Indications.ToArray();
            var allowed = x.Phases.Where(p => p.Movements.Any(pm => pm.MovementId == id))
                .Select(p => shown[x.VehicleGroupOf(p.Id)])
                .Any(i => i is Indication.Green or Indication.Yellow);
            if (!allowed || e.Signal == MovementSignal.Red)
            {
                Violations.Add($"t={e.Time:F1}: {x.Id} {id} crossed while its phases showed red (state {e.Signal})");
            }
        }

        public void Exited(in VehicleEvent e)
        {
        }

        private int MovementBase(int intersection) => network.Intersections.Take(intersection).Sum(i => i.Movements.Count);
    }
}

public sealed class CoordinationInTheLoopTests
{
    [Fact]
    public void Adaptive_coordinated_runs_coordinated_policies_on_linked_members_and_adaptive_elsewhere()
    {
        var network = Networks.SampleCorridor;
        var design = DesignFlows.FromDemand(ClosedLoopCorridorTests.CorridorDemand(1800));
        var plan = PolicyRegistry.Coordination(new NetworkPolicyContext(network, design));
        var signals = ControlledSignals.Create(network, PolicyRegistry.CreateDefault(), "adaptive-coordinated", design);
        for (var i = 0; i < network.Intersections.Count; i++)
        {
            var expected = plan.GroupOf(network.Intersections[i].Id) is null ? "adaptive" : "coordinated";
            Assert.Equal(expected, signals.Policy(i).Name);
        }

        Assert.All(plan.Pairs, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
        Assert.NotEmpty(plan.Groups); // else this test would not exercise the coordinated policy
        Assert.InRange(plan.PeakMovements().Count, 1, plan.Groups.Sum(g => g.MemberIds.Count - 1));
    }

    [Fact]
    public void On_daegu_250_am_no_intersection_is_in_two_groups_and_groups_follow_the_links()
    {
        var network = Networks.Daegu250;
        var scenario = ScenarioFile.LoadFile(Traffic.Tests.Shared.Repo.File("config/scenarios/daegu-250-am.json"), network);
        var plan = PolicyRegistry.Coordination(new NetworkPolicyContext(network, DesignFlows.FromDemand(scenario.Demand)));
        Assert.NotEmpty(plan.Groups);
        var members = plan.Groups.SelectMany(g => g.MemberIds).ToList();
        Assert.Equal(members.Count, members.Distinct().Count());
        foreach (var g in plan.Groups)
        {
            Assert.All(g.MemberIds.Zip(g.MemberIds.Skip(1)), ab => Assert.Contains(plan.Pairs, p => p.Linked && p.From == ab.First && p.To == ab.Second));
            Assert.All(g.MemberIds, id => Assert.Equal(g.Plan.Timing.Cycle, g.Plan.Plans[id].Cycle));
        }
    }
}
