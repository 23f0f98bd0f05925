using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

/// <summary>The adaptive settings for light demand (passage gap, moving calls), off by default.</summary>
public sealed class AdaptiveLightDemandTests
{
    private static long S(double seconds) => SignalTime.FromSeconds(seconds);

    /// <summary>Runs from phase 1 green; <paramref name="feed"/> each second. Returns the first time (s) phase 2 is green, or null.</summary>
    private static double? FirstGreenOfPhase2(AdaptiveSettings settings, double until, Action<long, AdaptivePolicy, SignalController> feed)
    {
        var x = TestIntersections.TwoPhase();
        var policy = new AdaptivePolicy(x, settings);
        var controller = new SignalController(x);
        while (controller.Now < S(until))
        {
            controller.Step();
            if (controller.Now % 10 == 0)
            {
                feed(controller.Now, policy, controller);
            }

            policy.Decide(controller);
            Assert.False(controller.IsFaulted);
            if (controller.IsGreen(2))
            {
                return SignalTime.ToSeconds(controller.Now);
            }
        }

        return null;
    }

    private static bool NorthSouth(int movement) => TestIntersections.TwoPhase().Movements[movement].FromLeg is "N" or "S";

    [Fact]
    public void Passage_gap_keeps_the_green_while_its_stop_bar_saw_a_vehicle_within_the_passage_time()
    {
        // East-west (phase 1, green) has no queue but a vehicle over its stop bar every other second; north-south
        // has 3 halted per movement. A margin of 100 leaves only the gap (or the maximum green) to end phase 1.
        void Feed(long now, AdaptivePolicy p, SignalController c)
        {
            for (var m = 0; m < 4; m++)
            {
                var queued = NorthSouth(m) ? 3 : 0;
                p.Observe(new MovementQueue(m, now, queued, 0, queued));
            }

            p.Observe(new DetectorReading(0, now, now / 10 % 2 == 0, 0));
        }

        var instant = FirstGreenOfPhase2(AdaptiveSettings.Default with { SwitchMargin = 100 }, 120, Feed);
        var passage = FirstGreenOfPhase2(AdaptiveSettings.Default with { SwitchMargin = 100, PassageGap = true }, 120, Feed);

        Assert.NotNull(instant);
        Assert.InRange(instant!.Value, 10, 25); // a gap at the first second without presence after the 10 s hold, then 5 s of clearance
        Assert.NotNull(passage);
        Assert.True(passage > 40, $"with the 2 s passage the green runs to its 40 s maximum, phase 2 green at {passage} s");
    }

    [Fact]
    public void Moving_calls_bring_the_green_to_vehicles_that_have_not_stopped_yet()
    {
        // North-south has 2 vehicles moving in per movement and none halted; east-west (green) is empty.
        void Feed(long now, AdaptivePolicy p, SignalController c)
        {
            for (var m = 0; m < 4; m++)
            {
                p.Observe(new MovementQueue(m, now, 0, 0, NorthSouth(m) && !c.IsGreen(2) ? 2 : 0));
            }
        }

        Assert.Null(FirstGreenOfPhase2(AdaptiveSettings.Default, 120, Feed));
        var called = FirstGreenOfPhase2(AdaptiveSettings.Default with { MovingCallWeight = 1 }, 120, Feed);
        Assert.NotNull(called);
        Assert.InRange(called!.Value, 10, 25);
    }

    [Fact]
    public void Moving_calls_kept_to_light_demand_stop_once_more_vehicles_are_about()
    {
        // 2 vehicles moving in on each of the 2 north-south movements: 4 about the intersection.
        void Feed(long now, AdaptivePolicy p, SignalController c)
        {
            for (var m = 0; m < 4; m++)
            {
                p.Observe(new MovementQueue(m, now, 0, 0, NorthSouth(m) && !c.IsGreen(2) ? 2 : 0));
            }
        }

        var calls = AdaptiveSettings.Default with { MovingCallWeight = 1 };
        Assert.NotNull(FirstGreenOfPhase2(calls with { LightDemandQueue = 4 }, 120, Feed));
        Assert.Null(FirstGreenOfPhase2(calls with { LightDemandQueue = 3 }, 120, Feed));
    }

    [Fact]
    public void A_negative_moving_call_weight_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new AdaptivePolicy(TestIntersections.TwoPhase(), AdaptiveSettings.Default with { MovingCallWeight = -1 }));
        Assert.Contains("MovingCallWeight = -1", e.Message, StringComparison.Ordinal);
    }
}
