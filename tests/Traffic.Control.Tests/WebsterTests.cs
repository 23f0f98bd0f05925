using CsCheck;
using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

public sealed class WebsterTests
{
    private static Dictionary<string, double> Flows(params (string Movement, double Vph)[] flows) =>
        flows.ToDictionary(f => f.Movement, f => f.Vph);

    [Fact]
    public void Textbook_two_phase_example_matches_the_hand_calculation()
    {
        // y1 = 570/1900 = 0.3 (the larger of W.T and E.T), y2 = 380/1900 = 0.2, L = 2 * (3 + 2) = 10 s.
        // C0 = (1.5 * 10 + 5) / (1 - 0.5) = 40 s; greens share C - L = 30 s as 0.3 : 0.2 = 18 s and 12 s.
        var result = Webster.Plan(TestIntersections.TwoPhase(), Flows(("W.T", 570), ("E.T", 400), ("N.T", 380), ("S.T", 100)));

        Assert.Equal(0.3, result.FlowRatios[1], 9);
        Assert.Equal(0.2, result.FlowRatios[2], 9);
        Assert.Equal(0.5, result.CriticalFlowRatio, 9);
        Assert.Equal(10, result.LostTime, 9);
        Assert.Equal(40, result.OptimalCycle, 9);
        Assert.Equal(40, result.Plan.Cycle);
        Assert.Equal(18, result.Plan.Split(1).Green);
        Assert.Equal(23, result.Plan.Split(1).Split);
        Assert.Equal(12, result.Plan.Split(2).Green);
        Assert.Equal(17, result.Plan.Split(2).Split);
        Assert.False(result.Oversaturated);
        Assert.False(result.CycleRaisedForMinimums);

        // Phase 1: g/C = 0.45, x = 0.3 / 0.45; d1 = 0.5 * 40 * 0.55^2 / (1 - 0.3) = 8.642857 s.
        Assert.Equal(0.3 / 0.45, result.DegreesOfSaturation[1], 9);
        Assert.Equal(20 * 0.3025 / 0.7, result.UniformDelays[1], 9);
        // Phase 2: g/C = 0.3, x g/C = y = 0.2; d1 = 20 * 0.49 / 0.8 = 12.25 s.
        Assert.Equal(12.25, result.UniformDelays[2], 9);
        Assert.Empty(result.Plan.Check(TestIntersections.TwoPhase()));
    }

    [Fact]
    public void Uniform_delay_at_low_demand_is_not_zero()
    {
        // DOMAIN.md: C = 60 s and g/C = 0.5 give 7.5 s/veh as x goes to 0.
        Assert.Equal(7.5, Webster.UniformDelay(60, 30, 0), 9);
    }

    [Fact]
    public void Cycle_is_rounded_up_to_whole_seconds()
    {
        // y = 0.3 + 0.25 = 0.55, C0 = 20 / 0.45 = 44.44 s -> 45 s.
        var result = Webster.Plan(TestIntersections.TwoPhase(), Flows(("W.T", 570), ("N.T", 475)));
        Assert.Equal(20 / 0.45, result.OptimalCycle, 9);
        Assert.Equal(45, result.Plan.Cycle);
        Assert.Equal(45, result.Plan.Split(1).Split + result.Plan.Split(2).Split, 9);
    }

    [Fact]
    public void Dual_ring_critical_path_takes_the_heavier_ring_in_each_barrier_group()
    {
        // Group 1: ring 1 (1, 2) y = 0.1 + 0.3 = 0.4 beats ring 2 (5, 6) 0.05 + 0.25 = 0.3.
        // Group 2: ring 2 (7, 8) 0.1 + 0.15 = 0.25 beats ring 1 (3, 4) 0.05 + 0.1 = 0.15.
        // Y = 0.65; L = (3+1) + (4+1) + (3+1) + (4+1) = 18 s; C0 = (27 + 5) / 0.35 = 91.43 -> 92 s.
        var intersection = TestIntersections.Nema();
        var result = Webster.Plan(intersection, Flows(
            ("E.L", 190), ("W.T", 570), ("S.L", 95), ("N.T", 190),
            ("W.L", 95), ("E.T", 475), ("N.L", 190), ("S.T", 285)));

        Assert.Equal([1, 2, 7, 8], result.CriticalPhases);
        Assert.Equal(0.65, result.CriticalFlowRatio, 9);
        Assert.Equal(18, result.LostTime, 9);
        Assert.Equal(92, result.Plan.Cycle);
        Assert.Empty(result.Plan.Check(intersection));

        // Effective green C - L = 74 s shared by critical y: phase 2 gets 74 * 0.3 / 0.65 = 34.15 s.
        Assert.Equal(74 * 0.1 / 0.65, result.Plan.Split(1).Green, tolerance: 0.1);
        Assert.Equal(74 * 0.3 / 0.65, result.Plan.Split(2).Green, tolerance: 0.1);
        Assert.Equal(74 * 0.1 / 0.65, result.Plan.Split(7).Green, tolerance: 0.1);
        Assert.Equal(74 * 0.15 / 0.65, result.Plan.Split(8).Green, tolerance: 0.1);

        // Ring 2 in group 1 shares the group's greens (74 * 0.4 / 0.65 = 45.54 s, its own clearances equal
        // ring 1's) as 0.05 : 0.25.
        var group1Green = 74 * 0.4 / 0.65;
        Assert.Equal(group1Green / 6, result.Plan.Split(5).Green, tolerance: 0.1);
        Assert.Equal(group1Green * 5 / 6, result.Plan.Split(6).Green, tolerance: 0.1);
    }

    [Fact]
    public void Minimum_green_and_pedestrian_time_are_kept_by_taking_time_from_the_others()
    {
        // y = 0.5 and 0.01: phase 2 would get 30 * 0.01 / 0.51 = 0.6 s; its walk 7 + clearance 13 = 20 s wins.
        // C0 = 20 / 0.49 = 40.8 -> 41 s; phase 1 gets the rest, 41 - 10 - 20 = 11 s.
        var intersection = TestIntersections.TwoPhase(
            second: TestIntersections.Timings(minGreen: 7, walk: 7, pedClearance: 13),
            secondCrosswalks: ["E"]);
        var result = Webster.Plan(intersection, Flows(("W.T", 950), ("N.T", 19)));

        Assert.Equal(41, result.Plan.Cycle);
        Assert.Equal(20, result.Plan.Split(2).Green);
        Assert.Equal(11, result.Plan.Split(1).Green);
        Assert.False(result.CycleRaisedForMinimums);
    }

    [Fact]
    public void Minimum_green_applies_without_crosswalks_too()
    {
        var intersection = TestIntersections.TwoPhase(second: TestIntersections.Timings(minGreen: 9));
        var result = Webster.Plan(intersection, Flows(("W.T", 950), ("N.T", 19)));
        Assert.Equal(9, result.Plan.Split(2).Green);
        Assert.Equal(41 - 10 - 9, result.Plan.Split(1).Green);
    }

    [Fact]
    public void Cycle_is_lengthened_when_the_minimums_do_not_fit()
    {
        // Minimum greens 30 + 30 and L = 10 need 70 s; Webster asks for 40 s.
        var t = TestIntersections.Timings(minGreen: 30, maxGreen: 60);
        var result = Webster.Plan(TestIntersections.TwoPhase(t, t), Flows(("W.T", 570), ("N.T", 380)));
        Assert.True(result.CycleRaisedForMinimums);
        Assert.Equal(70, result.Plan.Cycle);
        Assert.Equal(30, result.Plan.Split(1).Green);
        Assert.Equal(30, result.Plan.Split(2).Green);
    }

    [Theory]
    [InlineData(1140, 760, true)] // Y = 1.0
    [InlineData(1140, 684, true)] // Y = 0.96
    [InlineData(1140, 646, false)] // Y = 0.94: C0 = 20 / 0.06 = 333 s, clamped, not oversaturated
    public void Heavy_demand_is_clamped_to_the_maximum_cycle(double phase1Vph, double phase2Vph, bool oversaturated)
    {
        var result = Webster.Plan(TestIntersections.TwoPhase(), Flows(("W.T", phase1Vph), ("N.T", phase2Vph)));
        Assert.Equal(180, result.Plan.Cycle);
        Assert.Equal(oversaturated, result.Oversaturated);
        Assert.Empty(result.Plan.Check(TestIntersections.TwoPhase()));
    }

    [Fact]
    public void Light_demand_is_clamped_to_the_minimum_cycle()
    {
        var result = Webster.Plan(TestIntersections.TwoPhase(), Flows(("W.T", 50)));
        Assert.Equal(20 / (1 - (50.0 / 1900)), result.OptimalCycle, 9);
        Assert.Equal(40, result.Plan.Cycle);
    }

    [Fact]
    public void Saturation_flow_and_lanes_set_the_flow_ratio()
    {
        var intersection = TestIntersections.Nema(lanes: new Dictionary<string, int> { ["W.T"] = 2 });
        var result = Webster.Plan(intersection, Flows(("W.T", 720), ("W.R", 200)), new WebsterSettings(SaturationFlowPerLane: 1800));
        Assert.Equal(0.2, result.FlowRatios[2], 9); // max(720 / 3600, 200 / 1800)
    }

    [Fact]
    public void Bad_flows_are_all_reported()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Webster.Plan(TestIntersections.TwoPhase(), Flows(("X.T", 100), ("N.T", -5), ("W.T", double.NaN))));
        Assert.Contains("unknown movement 'X.T'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("N.T must be a non-negative", ex.Message, StringComparison.Ordinal);
        Assert.Contains("W.T must be a non-negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Greens_and_lost_times_of_the_critical_path_fill_the_cycle_and_no_green_is_below_minimum()
    {
        var intersection = TestIntersections.Nema();
        var movements = intersection.Movements.Select(m => m.Id).ToArray();
        // At most 450 veh/h on one lane: y <= 0.237 per phase, so Y < 0.95 on the four critical phases.
        Gen.Double[0, 450].Array[movements.Length].Sample(vph =>
        {
            var flows = movements.Select((m, i) => (m, vph[i])).ToDictionary(f => f.m, f => f.Item2);
            var result = Webster.Plan(intersection, flows);
            var plan = result.Plan;
            var cycle = SignalTime.FromSeconds(plan.Cycle);

            var critical = result.CriticalPhases.Sum(p => SignalTime.FromSeconds(plan.Split(p).Split));
            Assert.Equal(cycle, critical);
            foreach (var ring in intersection.Structure.Rings)
            {
                Assert.Equal(cycle, ring.Sum(p => SignalTime.FromSeconds(plan.Split(p).Split)));
            }

            foreach (var phase in intersection.Phases)
            {
                Assert.True(plan.Split(phase.Id).Green >= TimingPlan.MinimumGreen(phase), $"phase {phase.Id} green {plan.Split(phase.Id).Green}");
            }

            Assert.False(result.Oversaturated);
            Assert.InRange(plan.Cycle, 40, 180);
            Assert.Empty(plan.Check(intersection));
        });
    }
}
