using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

public sealed class CoordinatedPolicyTests
{
    // Cycle 60 s, offset 13 s; phase 1 (coordinated) green 30 s from the cycle's zero, phase 2 green 20 s from 35 s.
    private const long Cycle = 600;
    private const long Offset = 130;

    private static TimingPlan Plan(Intersection x)
    {
        var plan = new TimingPlan(60, 13, [new PhaseSplit(1, 35, 30), new PhaseSplit(2, 25, 20)], [[1, 2]]);
        Assert.Empty(plan.Check(x));
        return plan;
    }

    private static int DetectorOf(Intersection x, int phase) => x.Detectors.ToList().FindIndex(d => d.Phases.Contains(phase));

    [Fact]
    public void Coordinated_green_covers_its_window_every_cycle_and_ends_at_its_force_off_under_heavy_side_demand()
    {
        var x = TestIntersections.TwoPhase();
        var run = new PolicyRun(x, new CoordinatedPolicy(x, Plan(x), [1]));
        run.Pulses(DetectorOf(x, 2), 1, 30 * Cycle, 10); // a side-street vehicle every second: it never gaps out
        run.RunUntil(30 * Cycle);

        var greens = run.GreensOf(1).Where(g => g.Start > 2 * Cycle).ToList();
        Assert.True(greens.Count >= 25, $"only {greens.Count} coordinated greens");
        foreach (var g in greens)
        {
            // On time: green at the window start (offset + 0) and off at the force-off point (offset + 30 s), one per cycle.
            Assert.Equal(0, Mod(g.Start - Offset, Cycle));
            Assert.Equal(300, g.Length);
        }

        var side = run.GreensOf(2).Where(g => g.Start > 2 * Cycle).ToList();
        Assert.All(side, g => Assert.Equal(200, g.Length)); // the side phase maxes out at its split
        Assert.All(side, g => Assert.Equal(350, Mod(g.Start - Offset, Cycle)));
    }

    [Fact]
    public void A_side_phase_that_gaps_out_gives_its_unused_time_to_the_coordinated_phase()
    {
        var x = TestIntersections.TwoPhase();
        var run = new PolicyRun(x, new CoordinatedPolicy(x, Plan(x), [1]));

        // One side-street vehicle per cycle, 25 s into the cycle: the side phase is served from its window
        // start (35 s), runs its minimum green (7 s), gaps out and the coordinated phase returns about 13 s early.
        for (var c = 0; c < 30; c++)
        {
            run.At(Offset + (c * Cycle) + 250, new DetectorReading(DetectorOf(x, 2), 0, false, 1));
        }

        run.RunUntil(30 * Cycle);
        var side = run.GreensOf(2).Where(g => g.Start > 2 * Cycle).ToList();
        var greens = run.GreensOf(1).Where(g => g.Start > 2 * Cycle && g.End < 29 * Cycle).ToList();
        Assert.True(side.Count >= 25 && greens.Count >= 25, $"{side.Count} side and {greens.Count} coordinated greens");
        Assert.All(side, g => Assert.InRange(g.Length, 70, 90));
        foreach (var g in greens)
        {
            // Still ends at its force-off point; starts before its window: planned 30 s plus the side phase's unused 13 s.
            Assert.Equal(300, Mod(g.End - Offset, Cycle));
            Assert.InRange(g.Length, 300 + 120, 300 + 135);
        }
    }

    [Fact]
    public void A_side_call_too_late_for_its_minimum_waits_for_the_next_cycle_and_does_not_delay_the_coordinated_green()
    {
        var x = TestIntersections.TwoPhase();
        var run = new PolicyRun(x, new CoordinatedPolicy(x, Plan(x), [1]));

        // Calls 52 s into the cycle: the side phase would have to start by 55 - 7 = 48 s to get its minimum before its force-off.
        for (var c = 1; c < 20; c++)
        {
            run.At(Offset + (c * Cycle) + 520, new DetectorReading(DetectorOf(x, 2), 0, false, 1));
        }

        run.RunUntil(20 * Cycle);
        var side = run.GreensOf(2).Where(g => g.Start > Cycle).ToList();
        Assert.True(side.Count >= 15, $"only {side.Count} side greens");
        Assert.All(side, g => Assert.Equal(350, Mod(g.Start - Offset, Cycle))); // served at its window start in the next cycle
        var coordinatedStarts = run.GreensOf(1).Where(g => g.Start > 2 * Cycle).Select(g => Mod(g.Start - Offset, Cycle)).ToList();
        Assert.All(coordinatedStarts, s => Assert.True(s <= 0 || s > 350, $"coordinated green started {s} ticks into the cycle, after its window start"));
    }

    [Fact]
    public void A_pedestrian_call_is_served_with_its_walk_and_clearance_when_they_fit()
    {
        var side = TestIntersections.Timings(minGreen: 7, walk: 7, pedClearance: 10);
        var x = TestIntersections.TwoPhase(second: side, secondCrosswalks: ["N"]);
        var run = new PolicyRun(x, new CoordinatedPolicy(x, Plan(x), [1]));

        // A pedestrian 36 s into the cycle: the coordinated phase rests green (no other call); after its 5 s clearance
        // walk + pedestrian clearance (17 s) would end at 58 s, past the force-off at 55 s, so it waits for the window at 35 s.
        for (var c = 1; c < 10; c += 2)
        {
            run.At(Offset + (c * Cycle) + 360, new ApproachObservation("N", 0, new VehicleCounts(0, 0, 0, 0), 0, 1, 0, false));
        }

        run.RunUntil(10 * Cycle);
        var greens = run.GreensOf(2).Where(g => g.Start > Cycle).ToList();
        Assert.Equal(4, greens.Count); // cycles 2, 4, 6, 8 (the call in cycle 9 is due after the run)
        Assert.All(greens, g => Assert.Equal(350, Mod(g.Start - Offset, Cycle))); // in the next cycle, at its window start
        Assert.All(greens, g => Assert.True(g.Length >= 170, $"side green of {g.Length} ticks is shorter than walk + clearance"));
        Assert.All(run.GreensOf(1).Where(g => g.Start > Cycle), g => Assert.Equal(300, Mod(g.End - Offset, Cycle)));
    }

    [Fact]
    public void Rejects_unknown_coordinated_phases()
    {
        var x = TestIntersections.TwoPhase();
        var e = Assert.Throws<ArgumentException>(() => new CoordinatedPolicy(x, Plan(x), [7]));
        Assert.Contains("unknown: 7", e.Message, StringComparison.Ordinal);
    }

    private static long Mod(long a, long m) => ((a % m) + m) % m;
}

public sealed class CoordinatedRebalanceTests
{
    [Fact]
    public void A_saturated_side_phase_gets_more_green_while_cycle_and_coordinated_start_stay()
    {
        var x = TestIntersections.TwoPhase();
        var design = new Dictionary<string, double> { ["W.T"] = 500, ["E.T"] = 500, ["N.T"] = 250, ["S.T"] = 250 };
        var plan = Webster.Plan(x, design, WebsterSettings.Default with { MinCycle = 60, MaxCycle = 60, Offset = 13 }).Plan;
        var policy = new CoordinatedPolicy(x, plan, [1], design, new RebalanceSettings(EveryCycles: 2));
        var run = new PolicyRun(x, policy);
        var side = x.Detectors.ToList().FindIndex(d => d.Phases.Contains(2));
        run.Pulses(side, 1, 20 * 600, 10); // the side street never gaps out: degree of saturation 1
        run.RunUntil(20 * 600);

        Assert.True(policy.Rebalances >= 5, $"{policy.Rebalances} re-balances");
        Assert.Equal(60, policy.Plan.Cycle);
        Assert.True(policy.Plan.Split(2).Green > plan.Split(2).Green + 5, $"side green {plan.Split(2).Green} -> {policy.Plan.Split(2).Green} s");
        foreach (var g in run.GreensOf(1).Where(g => g.Start > 1200))
        {
            Assert.Equal(0, (g.Start - 130) % 600); // the coordinated green still starts at the offset every cycle
        }

        Assert.True(run.GreensOf(2).Last().Length > SignalTime.FromSeconds(plan.Split(2).Green) + 50);
    }

    [Fact]
    public void Without_side_demand_the_coordinated_phase_keeps_its_time_and_gets_more()
    {
        var x = TestIntersections.TwoPhase();
        var design = new Dictionary<string, double> { ["W.T"] = 500, ["E.T"] = 500, ["N.T"] = 250, ["S.T"] = 250 };
        var plan = Webster.Plan(x, design, WebsterSettings.Default with { MinCycle = 60, MaxCycle = 60 }).Plan;
        var policy = new CoordinatedPolicy(x, plan, [1], design, new RebalanceSettings(EveryCycles: 1));
        var run = new PolicyRun(x, policy);
        var side = x.Detectors.ToList().FindIndex(d => d.Phases.Contains(2));
        for (var c = 0; c < 20; c++)
        {
            run.At((c * 600) + 250, new DetectorReading(side, 0, false, 1)); // one side vehicle per cycle: gaps out at minimum
        }

        run.RunUntil(20 * 600);
        Assert.True(policy.Plan.Split(2).Green < plan.Split(2).Green, $"side green {plan.Split(2).Green} -> {policy.Plan.Split(2).Green} s");
        Assert.True(policy.Plan.Split(1).Green > plan.Split(1).Green);
    }
}
