using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

/// <summary>The daegu-250 additions of the adaptive policy (per-ring end, pedestrian call weight), each against the behaviour without it.</summary>
public sealed class AdaptiveDaeguSettingsTests
{
    private static long S(double seconds) => SignalTime.FromSeconds(seconds);

    /// <summary>Runs the policy on the real controller, feeding it every second; stops when <paramref name="feed"/> returns false.</summary>
    private static void Run(Intersection x, AdaptivePolicy policy, long until, Func<long, SignalController, bool> feed)
    {
        var controller = new SignalController(x);
        while (controller.Now < until)
        {
            controller.Step();
            if (controller.Now % 10 == 0 && !feed(controller.Now, controller))
            {
                return;
            }

            policy.Decide(controller);
            Assert.False(controller.IsFaulted);
        }
    }

    /// <summary>
    /// NEMA: both lefts queued (E.L 3, W.L 8 vehicles, 0.5 veh/s discharge), the throughs loaded from 2 s on.
    /// Returns the W.L queue when phase 5 (W.L) ends, and whether phase 2 started while phase 5 was still green.
    /// </summary>
    private static (double LeftQueueAtEnd, bool RingsApart) LeftTurnsThenThroughs(AdaptiveSettings settings)
    {
        var x = TestIntersections.Nema();
        var policy = new AdaptivePolicy(x, settings);
        var index = x.Movements.Select((m, i) => (m.Id, i)).ToDictionary(t => t.Id, t => t.i);
        var queue = new double[x.Movements.Count];
        queue[index["E.L"]] = 3;
        queue[index["W.L"]] = 8;
        var phase5Seen = false;
        var ringsApart = false;
        var atEnd = double.NaN;
        Run(x, policy, S(120), (now, c) =>
        {
            if (now == S(2))
            {
                queue[index["W.T"]] = queue[index["E.T"]] = 15;
            }

            foreach (var (id, phase) in new[] { ("E.L", 1), ("W.L", 5), ("W.T", 2), ("E.T", 6) })
            {
                var m = index[id];
                queue[m] = c.IsGreen(phase) ? Math.Max(0, queue[m] - 0.5) : queue[m];
            }

            ringsApart |= c.IsGreen(2) && c.IsGreen(5);
            if (c.IsGreen(5))
            {
                phase5Seen = true;
            }
            else if (phase5Seen)
            {
                atEnd = queue[index["W.L"]];
                return false;
            }

            for (var m = 0; m < queue.Length; m++)
            {
                policy.Observe(new MovementQueue(m, now, (int)Math.Ceiling(queue[m]), 0, (int)Math.Ceiling(queue[m])));
            }

            return true;
        });
        return (atEnd, ringsApart);
    }

    [Fact]
    public void Per_ring_end_runs_a_left_turn_to_its_own_gap_while_the_other_ring_moves_on()
    {
        var (stageEnd, stageApart) = LeftTurnsThenThroughs(AdaptiveSettings.Default);
        var (ringEnd, ringApart) = LeftTurnsThenThroughs(AdaptiveSettings.Default with { PerRingEnd = true });

        // Without it the stage switch to {2, 6} cuts W.L off with its queue; with it W.L runs until empty and phase 2 starts meanwhile.
        Assert.True(stageEnd >= 2, $"whole-stage switch should end W.L with a queue left, was {stageEnd:0.0}");
        Assert.False(stageApart);
        Assert.True(ringEnd <= 1, $"per-ring end should run W.L until its queue is gone, {ringEnd:0.0} left");
        Assert.True(ringApart, "phase 2 should start while phase 5 is still green");
    }

    /// <summary>
    /// Two phases; phase 2 has no vehicles and walks the north crosswalk; one vehicle queued on each of W.T
    /// and E.T all the time (phase 1). Pedestrians wait on N from 30 s on. Returns when phase 2 first turns green.
    /// </summary>
    private static double WalkStart(AdaptiveSettings settings)
    {
        var x = TestIntersections.TwoPhase(second: TestIntersections.Timings(walk: 7, pedClearance: 10), secondCrosswalks: ["N"]);
        var policy = new AdaptivePolicy(x, settings);
        var start = double.NaN;
        Run(x, policy, S(300), (now, c) =>
        {
            if (c.IsGreen(2) && now > S(30))
            {
                start = SignalTime.ToSeconds(now);
                return false;
            }

            for (var m = 0; m < x.Movements.Count; m++)
            {
                var queued = x.Movements[m].FromLeg is "W" or "E" ? 1 : 0;
                policy.Observe(new MovementQueue(m, now, queued, 0, queued));
            }

            policy.Observe(new ApproachObservation("N", now, default, 0, now >= S(30) ? 2 : 0, 0, false));
            return true;
        });
        return start;
    }

    [Fact]
    public void A_pedestrian_call_weighs_by_its_wait_and_is_still_served()
    {
        var asBefore = WalkStart(AdaptiveSettings.Default with { SwitchMargin = 0 });
        var byWait = WalkStart(AdaptiveSettings.Default with { SwitchMargin = 0, PedestrianCallVehicles = 0, PedestrianWaitWeight = 0.05 });

        // As before a call counts 3 vehicles and beats the 2 queued at once; by wait it needs 2 / 0.05 = 40 s.
        Assert.InRange(asBefore, 30, 36);
        Assert.InRange(byWait, 65, 80);
    }

    [Fact]
    public void Negative_pedestrian_weights_are_refused_with_the_intersection_named()
    {
        var x = TestIntersections.TwoPhase();
        var e = Assert.Throws<ArgumentException>(() => new AdaptivePolicy(x, AdaptiveSettings.Default with { PedestrianWaitWeight = -1 }));
        Assert.Contains("TWO", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Two phases, nobody queued; from 20 s on three vehicles move towards each north-south stop bar (none halted yet). Returns when phase 2 turns green (NaN: not within 60 s).</summary>
    private static double GreenForApproaching(AdaptiveSettings settings)
    {
        var x = TestIntersections.TwoPhase();
        var policy = new AdaptivePolicy(x, settings);
        var start = double.NaN;
        Run(x, policy, S(60), (now, c) =>
        {
            if (c.IsGreen(2) && now > S(20))
            {
                start = SignalTime.ToSeconds(now);
                return false;
            }

            for (var m = 0; m < x.Movements.Count; m++)
            {
                var approaching = x.Movements[m].FromLeg is "N" or "S" && now >= S(20) ? 3 : 0;
                policy.Observe(new MovementQueue(m, now, 0, 0, approaching));
            }

            return true;
        });
        return start;
    }

    [Fact]
    public void Vehicles_moving_in_on_a_red_stage_call_it_before_they_stop_only_with_an_approaching_weight()
    {
        Assert.True(double.IsNaN(GreenForApproaching(AdaptiveSettings.Default)), "without the weight nothing queued means no switch");
        Assert.InRange(GreenForApproaching(AdaptiveSettings.Default with { ApproachingWeight = 1 }), 20, 35);
    }

    /// <summary>
    /// Two phases, phase 2's movements only permitted (as a tee's side street); two vehicles queued on each of W.T
    /// and E.T all the time, six on each of N.T and S.T from 20 s on. Returns when phase 2 turns green after 20 s.
    /// </summary>
    private static double PermittedSideStreetServed(AdaptiveSettings settings)
    {
        var plain = TestIntersections.TwoPhase();
        var x = plain with
        {
            Phases = plain.Phases.Select(p => p.Id == 2 ? p with { Movements = p.Movements.Select(pm => pm with { Mode = MovementMode.Permitted }).ToList() } : p).ToList(),
        };
        var policy = new AdaptivePolicy(x, settings);
        var start = double.NaN;
        Run(x, policy, S(120), (now, c) =>
        {
            if (c.IsGreen(2) && now > S(20))
            {
                start = SignalTime.ToSeconds(now);
                return false;
            }

            for (var m = 0; m < x.Movements.Count; m++)
            {
                var queued = x.Movements[m].FromLeg is "W" or "E" ? 2 : now >= S(20) ? 6 : 0;
                policy.Observe(new MovementQueue(m, now, queued, 0, queued));
            }

            return true;
        });
        return start;
    }

    [Fact]
    public void A_movement_no_phase_protects_counts_fully_with_permitted_only_full()
    {
        // Discounted to 0.25, 12 vehicles weigh 3 against the 4 queued on phase 1: served only at the 60 s maximum.
        Assert.InRange(PermittedSideStreetServed(AdaptiveSettings.Default), 55, 70);
        Assert.InRange(PermittedSideStreetServed(AdaptiveSettings.Default with { PermittedOnlyFull = true }), 20, 30);
    }

    /// <summary>
    /// Two phases, margin 12 and 120 s maximum green: one vehicle queued on each of W.T and E.T (phase 1) all the time,
    /// four on each of N.T and S.T from 10 s on (8 - 2 = 6 is within the margin). Leg W has a camera; with
    /// <paramref name="cameraOut"/> W.T's measured queue stops at 20 s. Returns when phase 2 first turns green (NaN: not within 100 s).
    /// </summary>
    private static double SideStreetServed(AdaptiveSettings settings, bool cameraOut)
    {
        var plain = TestIntersections.TwoPhase();
        var x = plain with { Detectors = [.. plain.Detectors, new Detector("CCTV-W", DetectorKind.Cctv, "W", [], 0, ["W.T"], [])] };
        var policy = new AdaptivePolicy(x, settings with { SwitchMargin = 12, MaxGreenSeconds = 120 });
        var start = double.NaN;
        Run(x, policy, S(100), (now, c) =>
        {
            if (c.IsGreen(2) && now > S(10))
            {
                start = SignalTime.ToSeconds(now);
                return false;
            }

            for (var m = 0; m < x.Movements.Count; m++)
            {
                var ew = x.Movements[m].FromLeg is "W" or "E";
                if (cameraOut && x.Movements[m].Id == "W.T" && now >= S(20))
                {
                    continue;
                }

                var queued = ew ? 1 : now >= S(10) ? 4 : 0;
                policy.Observe(new MovementQueue(m, now, queued, 0, queued));
            }

            return true;
        });
        return start;
    }

    [Fact]
    public void A_camera_going_out_switches_to_the_degraded_margin_and_only_then()
    {
        var degraded = AdaptiveSettings.Default with { DegradedSwitchMargin = 2, DegradedMaxGreenSeconds = 60 };
        Assert.True(double.IsNaN(SideStreetServed(degraded, cameraOut: false)), "with every camera working the margin of 12 holds phase 1");
        Assert.True(double.IsNaN(SideStreetServed(AdaptiveSettings.Default, cameraOut: true)), "without degraded settings a camera out changes nothing here");
        Assert.InRange(SideStreetServed(degraded, cameraOut: true), 25, 40);
    }
}
