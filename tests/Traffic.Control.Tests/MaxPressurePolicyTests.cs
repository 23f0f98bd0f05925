using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

public sealed class MaxPressurePolicyTests
{
    /// <summary>Runs the policy on the real controller; <paramref name="queues"/> gives (upstream, downstream) per movement id at a tick.</summary>
    private static List<GreenInterval> Run(Intersection x, MaxPressurePolicy policy, long until, Func<long, string, (int Up, int Down)> queues, SignalController? controller = null)
    {
        controller ??= new SignalController(x);
        var greens = new List<GreenInterval>();
        var since = new Dictionary<int, long>();
        while (controller.Now < until)
        {
            controller.Step();
            var now = controller.Now;
            for (var m = 0; m < x.Movements.Count; m++)
            {
                var (up, down) = queues(now, x.Movements[m].Id);
                policy.Observe(new MovementQueue(m, now, up, down));
            }

            policy.Decide(controller);
            Assert.False(controller.IsFaulted, $"safety fault: {controller.Fault}");
            foreach (var p in x.Phases)
            {
                var green = controller.IsGreen(p.Id);
                if (green && !since.ContainsKey(p.Id))
                {
                    since[p.Id] = now;
                }
                else if (!green && since.Remove(p.Id, out var s))
                {
                    greens.Add(new GreenInterval(p.Id, s, now));
                }
            }
        }

        foreach (var (p, s) in since)
        {
            greens.Add(new GreenInterval(p, s, until + 1));
        }

        return greens.OrderBy(g => g.Start).ToList();
    }

    private static long T(double seconds) => SignalTime.FromSeconds(seconds);

    [Fact]
    public void Serves_the_phase_with_the_larger_upstream_queue_and_switches_when_pressure_turns()
    {
        var x = TestIntersections.TwoPhase(TestIntersections.Timings(minGreen: 5, yellow: 3, redClearance: 1));
        var policy = new MaxPressurePolicy(x, MaxPressureSettings.Default);

        // East-west (phase 1) heavier for the first 25 s, then north-south (phase 2).
        var greens = Run(x, policy, T(60), (t, m) => (t < T(25)) == m is "W.T" or "E.T" ? (8, 0) : (2, 0));
        Assert.Equal(1, greens[0].Phase);
        var second = greens.First(g => g.Phase == 2);

        // Decisions at 0.1 s, 10.1 s, 20.1 s, 30.1 s: the switch is decided at 30.1 s and acts at the
        // sequencer's next tick, then 3 s yellow and 1 s red clearance.
        Assert.Equal(T(30.1) + 1, greens[0].End);
        Assert.Equal(T(30.1) + 1 + T(4), second.Start);
    }

    [Fact]
    public void Downstream_queues_take_pressure_away()
    {
        var x = TestIntersections.TwoPhase(TestIntersections.Timings(minGreen: 5, yellow: 3, redClearance: 1));
        var policy = new MaxPressurePolicy(x, MaxPressureSettings.Default);

        // Phase 1: 10 + 10 waiting but 9 + 9 already queued downstream (pressure 2); phase 2: 3 + 3 (pressure 6).
        var greens = Run(x, policy, T(30), (_, m) => m is "W.T" or "E.T" ? (10, 9) : (3, 0));
        Assert.Equal(2, policy.Pressure(1));
        Assert.Equal(6, policy.Pressure(2));
        Assert.All(greens, g => Assert.Equal(2, g.Phase));
    }

    [Fact]
    public void Keeps_the_winning_phase_green_past_max_green()
    {
        var x = TestIntersections.TwoPhase(TestIntersections.Timings(minGreen: 5, maxGreen: 20, yellow: 3, redClearance: 1));
        var policy = new MaxPressurePolicy(x, MaxPressureSettings.Default);
        var greens = Run(x, policy, T(120), (_, m) => m is "N.T" ? (5, 0) : (1, 0));
        var only = Assert.Single(greens);
        Assert.Equal(2, only.Phase);
        Assert.True(only.Length > T(100), $"green lasted {only.Length} ticks");
    }

    [Fact]
    public void Decides_only_every_interval_and_never_cuts_minimum_green()
    {
        var timings = TestIntersections.Timings(minGreen: 8, yellow: 3, redClearance: 1);
        var x = TestIntersections.TwoPhase(timings, timings);
        var policy = new MaxPressurePolicy(x, new MaxPressureSettings(DecisionIntervalSeconds: 5));

        // Pressure flips every second: the policy can only follow at its 5 s decisions, and each green keeps its 8 s minimum.
        var greens = Run(x, policy, T(120), (t, m) => ((t / 10) % 2 == 0) == m is "W.T" ? (4, 0) : (0, 0));
        Assert.True(greens.Count >= 4, $"{greens.Count} greens");
        foreach (var g in greens.Where(g => g.End <= T(120)))
        {
            Assert.True(g.Length >= T(8), $"phase {g.Phase} green {g.Length} ticks");
        }

        Assert.All(greens.Zip(greens.Skip(1)), p => Assert.True(p.Second.Start - p.First.End >= T(4)));
    }

    [Fact]
    public void Dual_ring_stages_run_the_compatible_phases_together()
    {
        var x = TestIntersections.Nema();
        var policy = new MaxPressurePolicy(x, MaxPressureSettings.Default);
        Assert.Equal(8, policy.StageList.Count);

        // Westbound left (phase 5) and westbound through (phase 2) both loaded: stage {2, 5} wins over {2, 6}.
        var controller = new SignalController(x);
        Run(x, policy, T(15), (_, m) => m switch { "W.T" => (6, 0), "W.L" => (4, 0), "E.T" => (2, 0), _ => (0, 0) }, controller);
        Assert.Equal([2, 5], policy.Chosen!.Order());
        Assert.True(controller.IsGreen(2));
        Assert.True(controller.IsGreen(5));
    }

    [Fact]
    public void A_stage_earlier_in_ring_order_than_the_green_is_still_served()
    {
        // Through stage {2, 6} first; then the westbound left (phase 5, before 6 in ring 2) is the heaviest
        // with westbound through (phase 2) still loaded: stage {2, 5} needs ring 2 to go back, so both rings cross
        // the barrier together and come back within one decision plus clearances (before the fix ring 2 sat in red
        // for 45 s until phase 2 maxed out).
        var x = TestIntersections.Nema();
        var policy = new MaxPressurePolicy(x, MaxPressureSettings.Default);
        var greens = Run(x, policy, T(120), (t, m) => (t < T(30), m) switch
        {
            (true, "W.T" or "E.T") => (10, 0),
            (false, "W.L") => (12, 0),
            (false, "W.T") => (8, 0),
            (false, "E.T") => (2, 0),
            _ => (0, 0),
        });
        Assert.Contains(greens, g => g.Phase is 2 or 6 && g.Start < T(30));
        var left = greens.FirstOrDefault(g => g.Phase == 5 && g.Start > T(30));
        Assert.True(left is not null && left.Start < T(50), $"phase 5 not served after 30 s: {string.Join(", ", greens.Select(g => $"{g.Phase}@{SignalTime.ToSeconds(g.Start)}-{SignalTime.ToSeconds(g.End)}"))}");
    }

    [Fact]
    public void Pressure_is_weighted_by_the_lanes_that_discharge_it()
    {
        // Westbound through on 3 lanes with 10 queued against the one-lane eastbound left with 12: the through
        // discharges 3 vehicles for every one of the left, so it has the higher pressure (30 against 12).
        var x = TestIntersections.Nema(lanes: new Dictionary<string, int> { ["W.T"] = 3 });
        var policy = new MaxPressurePolicy(x, MaxPressureSettings.Default with { WeightByLanes = true });
        var w = x.Movements.ToList().FindIndex(m => m.Id == "W.T");
        var e = x.Movements.ToList().FindIndex(m => m.Id == "E.L");
        policy.Observe(new MovementQueue(w, 0, 10, 0));
        policy.Observe(new MovementQueue(e, 0, 12, 0));
        Assert.Equal(30, policy.Pressure(2));
        Assert.Equal(12, policy.Pressure(1));

        var plain = new MaxPressurePolicy(x, MaxPressureSettings.Default);
        plain.Observe(new MovementQueue(w, 0, 10, 0));
        plain.Observe(new MovementQueue(e, 0, 12, 0));
        Assert.Equal(10, plain.Pressure(2));
    }

    [Fact]
    public void Pedestrians_waiting_at_a_crosswalk_call_the_phase_that_walks_it()
    {
        // Phase 2 (W.T) walks the crosswalks on legs N and S. Pedestrians waiting on N: a pedestrian call on 2,
        // so the sequencer shows its walk when it next starts.
        var x = TestIntersections.Nema();
        var policy = new MaxPressurePolicy(x, MaxPressureSettings.Default);
        var control = new FakeSignalControl(x);
        policy.Observe(new ApproachObservation("N", 0, default, 0, 3, 0, false));
        policy.Decide(control);
        var called = control.Commands.Where(c => c.Kind == nameof(ISignalControl.PlacePedCall)).Select(c => c.Phase).ToHashSet();
        Assert.Equal(x.Phases.Where(p => p.Crosswalks.Any(c => x.Crosswalks.First(k => k.Id == c).LegId == "N")).Select(p => p.Id).ToHashSet(), called);
        Assert.Contains(2, called);
    }

    [Fact]
    public void Approach_queues_are_the_fallback_input()
    {
        var x = TestIntersections.TwoPhase();
        var policy = new MaxPressurePolicy(x, MaxPressureSettings.Default);
        policy.Observe(new ApproachObservation("N", 0, default, 7, 0, 0, false));
        policy.Observe(new ApproachObservation("W", 0, default, 3, 0, 0, false));
        Assert.Equal(7, policy.Pressure(2));
        Assert.Equal(3, policy.Pressure(1));

        policy.Observe(new MovementQueue(0, 0, 1, 0));
        policy.Observe(new ApproachObservation("N", 0, default, 50, 0, 0, false)); // ignored once movement queues arrive
        Assert.Equal(7, policy.Pressure(2));
    }

    [Fact]
    public void Bad_inputs_name_the_intersection()
    {
        var x = TestIntersections.TwoPhase();
        var policy = new MaxPressurePolicy(x, MaxPressureSettings.Default);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => policy.Observe(new MovementQueue(99, 0, 1, 0)));
        Assert.Contains("TWO", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.Observe(new MovementQueue(0, 0, -1, 0)));
        Assert.Throws<ArgumentException>(() => new MaxPressurePolicy(x, new MaxPressureSettings(0)));
    }
}
