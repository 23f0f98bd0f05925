using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

public sealed class FixedTimePolicyTests
{
    private static readonly Dictionary<string, double> NemaFlows = new()
    {
        ["E.L"] = 190, ["W.T"] = 570, ["S.L"] = 95, ["N.T"] = 190,
        ["W.L"] = 95, ["E.T"] = 475, ["N.L"] = 190, ["S.T"] = 285,
    };

    private static TimingPlan TwoPhasePlan(double offset = 0) =>
        new(40, offset, [new PhaseSplit(1, 23, 18), new PhaseSplit(2, 17, 12)], [[1, 2]]);

    [Fact]
    public void Force_off_points_follow_the_splits_along_each_ring()
    {
        var intersection = TestIntersections.Nema();
        var plan = Webster.Plan(intersection, NemaFlows).Plan;
        var policy = new FixedTimePolicy(intersection, plan);

        foreach (var ring in intersection.Structure.Rings)
        {
            var start = 0L;
            foreach (var phase in ring)
            {
                Assert.Equal(start, policy.WindowStart(phase));
                Assert.Equal(start + SignalTime.FromSeconds(plan.Split(phase).Green), policy.ForceOffPoint(phase));
                start += SignalTime.FromSeconds(plan.Split(phase).Split);
            }
        }
    }

    [Fact]
    public void Holds_the_green_and_forces_it_off_at_the_force_off_point()
    {
        var intersection = TestIntersections.TwoPhase();
        var control = new FakeSignalControl(intersection);
        var policy = new FixedTimePolicy(intersection, TwoPhasePlan(offset: 10));
        control.Now = 100; // cycle clock 0 with a 10 s offset: phase 1's window opens
        control.SetGreen(1, 0);
        for (; control.Now < 300; control.Now++)
        {
            policy.Decide(control);
        }

        Assert.Equal([new Command(100, "SetHold", 1, true), new Command(279, "SetHold", 1, false)], control.Of("SetHold", 1));
        Assert.Equal(279, control.Of("ForceOff", 1).First().Time); // acts at the next step: green ends at 280 = 100 + 18 s
        Assert.Equal(100, Assert.Single(control.Of("PlaceCall", 2)).Time); // max recall: called once, the call stays
    }

    [Fact]
    public void A_late_green_is_ended_at_once_and_an_early_one_is_held_to_its_window()
    {
        var policy = new FixedTimePolicy(TestIntersections.TwoPhase(), TwoPhasePlan());
        Assert.Equal(180, policy.PlannedEnd(1, 0));
        Assert.Equal(180, policy.PlannedEnd(1, 150)); // late inside the window: same force-off point
        Assert.Equal(200, policy.PlannedEnd(1, 200)); // 2 s past the window: end now
        Assert.Equal(400 + 180, policy.PlannedEnd(1, 350)); // 5 s before the next cycle: hold to its end
    }

    [Fact]
    public void Releases_holds_and_stays_out_of_the_way_while_preempted()
    {
        var intersection = TestIntersections.TwoPhase();
        var control = new FakeSignalControl(intersection);
        var policy = new FixedTimePolicy(intersection, TwoPhasePlan());
        control.SetGreen(1, 0);
        policy.Decide(control);
        control.IsPreempted = true;
        control.Now = 300;
        policy.Decide(control);
        Assert.Equal(new Command(300, "SetHold", 1, false), control.Of("SetHold", 1).Last());
        Assert.Empty(control.Of("ForceOff", 1));
    }

    [Fact]
    public void An_inconsistent_plan_is_refused_with_every_reason()
    {
        var bad = new TimingPlan(40, 0, [new PhaseSplit(1, 20, 18), new PhaseSplit(2, 17, 4)], [[1, 2]]);
        var ex = Assert.Throws<ArgumentException>(() => new FixedTimePolicy(TestIntersections.TwoPhase(), bad));
        Assert.Contains("phase 1 split 20.0 s minus green 18.0 s must equal yellow + red clearance 5.0 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("phase 2 green 4.0 s is below its minimum 7.0 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the barrier groups sum to 37.0 s, not the cycle 40.0 s", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(37.5)]
    public void On_the_sequencer_the_cycle_and_greens_match_the_plan_for_ten_cycles(double offset)
    {
        var intersection = TestIntersections.Nema();
        var plan = Webster.Plan(intersection, NemaFlows, new WebsterSettings(Offset: offset)).Plan;
        var policy = new FixedTimePolicy(intersection, plan);
        var run = new PolicyRun(intersection, policy);
        var cycle = plan.CycleTicks;
        run.RunUntil(12 * cycle);

        foreach (var phase in intersection.Phases)
        {
            // Skip the first cycle (start-up all-red and alignment), look at ten full cycles after it.
            var greens = run.GreensOf(phase.Id).Where(g => g.Start >= cycle + plan.OffsetTicks).Take(10).ToList();
            Assert.Equal(10, greens.Count);
            foreach (var g in greens)
            {
                Assert.InRange(g.Length, SignalTime.FromSeconds(plan.Split(phase.Id).Green) - 1, SignalTime.FromSeconds(plan.Split(phase.Id).Green) + 1);
                Assert.Equal(policy.WindowStart(phase.Id), policy.CycleClock(g.Start));
            }

            for (var k = 1; k < greens.Count; k++)
            {
                Assert.Equal(cycle, greens[k].Start - greens[k - 1].Start);
            }
        }

        // The walk of every crosswalk phase came up (max recall places pedestrian calls too).
        foreach (var phase in intersection.Phases.Where(p => p.HasPedestrians))
        {
            Assert.Contains((intersection.PedestrianGroupOf(phase.Id), Indication.Walk), run.Shown);
        }
    }

    [Fact]
    public void On_the_sequencer_a_pedestrian_only_phase_keeps_its_split()
    {
        var intersection = TestIntersections.Build(
            "PED",
            [
                new PhaseSpec(1, ["W.T", "E.T"], [], TestIntersections.Timings()),
                new PhaseSpec(2, ["N.T", "S.T"], [], TestIntersections.Timings()),
                new PhaseSpec(3, [], ["N", "E"], TestIntersections.Timings(minGreen: 0, yellow: 0, redClearance: 2, walk: 7, pedClearance: 10)),
            ],
            [[1, 2, 3]],
            [[1], [2], [3]]);
        var plan = Webster.Plan(intersection, new Dictionary<string, double> { ["W.T"] = 600, ["N.T"] = 400 }).Plan;
        var run = new PolicyRun(intersection, new FixedTimePolicy(intersection, plan));
        run.RunUntil(8 * plan.CycleTicks);

        Assert.Equal(17, plan.Split(3).Green);
        foreach (var phase in intersection.Phases)
        {
            var greens = run.GreensOf(phase.Id).Where(g => g.Start >= plan.CycleTicks).ToList();
            Assert.True(greens.Count >= 6);
            Assert.All(greens, g => Assert.InRange(g.Length, SignalTime.FromSeconds(plan.Split(phase.Id).Green) - 1, SignalTime.FromSeconds(plan.Split(phase.Id).Green) + 1));
        }
    }
}
