using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

public sealed class AdaptivePolicyTests
{
    private static long S(double seconds) => SignalTime.FromSeconds(seconds);

    /// <summary>Runs the policy on the real controller; <paramref name="feed"/> gives the inputs each second. Returns green seconds per phase.</summary>
    private static Dictionary<int, double> Run(Intersection x, AdaptivePolicy policy, long until, Action<long, AdaptivePolicy, SignalController> feed)
    {
        var controller = new SignalController(x);
        var green = x.Phases.ToDictionary(p => p.Id, _ => 0.0);
        while (controller.Now < until)
        {
            controller.Step();
            if (controller.Now % 10 == 0)
            {
                feed(controller.Now, policy, controller);
            }

            policy.Decide(controller);
            foreach (var p in x.Phases.Where(p => controller.IsGreen(p.Id)))
            {
                green[p.Id] += 0.1;
            }

            Assert.False(controller.IsFaulted);
        }

        return green;
    }

    [Fact]
    public void Serves_the_queued_stage_and_skips_a_phase_without_demand()
    {
        var x = TestIntersections.TwoPhase();
        var policy = new AdaptivePolicy(x, AdaptiveSettings.Default);
        var ns = x.Movements.Select((m, i) => (m, i)).Where(t => t.m.FromLeg is "N" or "S").Select(t => t.i).ToList();
        var green = Run(x, policy, S(600), (now, p, c) =>
        {
            for (var m = 0; m < x.Movements.Count; m++)
            {
                // North-south always has a queue that discharges only while it is green; east-west is empty.
                var queued = ns.Contains(m) ? (c.IsGreen(2) ? 0 : 5) : 0;
                p.Observe(new MovementQueue(m, now, queued, 0, queued));
            }
        });
        Assert.True(green[2] > 500, $"phase 2 green {green[2]:0} s of 600 should dominate (phase 1 {green[1]:0} s)");
    }

    [Fact]
    public void Alternates_by_queues_and_ends_a_green_whose_queue_has_gone()
    {
        var x = TestIntersections.TwoPhase();
        var policy = new AdaptivePolicy(x, AdaptiveSettings.Default);
        var queues = new double[x.Movements.Count];
        var switches = 0;
        var last = 0;
        Run(x, policy, S(900), (now, p, c) =>
        {
            for (var m = 0; m < queues.Length; m++)
            {
                var phase = x.Movements[m].FromLeg is "N" or "S" ? 2 : 1;
                queues[m] = c.IsGreen(phase) ? Math.Max(0, queues[m] - 0.53) : queues[m] + 0.15;
                p.Observe(new MovementQueue(m, now, (int)queues[m], 0, (int)queues[m]));
            }

            var g = c.IsGreen(1) ? 1 : c.IsGreen(2) ? 2 : last;
            switches += g != last ? 1 : 0;
            last = g;
        });
        Assert.InRange(switches, 10, 120);
        Assert.True(queues.Max() < 12, $"queues {string.Join(", ", queues.Select(q => q.ToString("0.0")))} should stay bounded");
    }

    [Fact]
    public void A_dead_detector_falls_back_to_recall_and_its_phase_is_still_served()
    {
        var x = TestIntersections.TwoPhase();
        var alarms = new List<DetectorAlarm>();
        var policy = new AdaptivePolicy(x, AdaptiveSettings.Default with { Health = DetectorHealthSettings.Default with { NoActivityUnknownFlowSeconds = 300 } });
        policy.Alarm += alarms.Add;

        // Detector 0 (phase 1) never reports; detector 1 (phase 2) reports a vehicle every 3 s.
        var green = Run(x, policy, S(1200), (now, p, _) => p.Observe(new DetectorReading(1, now, false, now % 30 == 0 ? 1 : 0)));
        Assert.Contains(alarms, a => a.Detector == 0 && a.Fault == DetectorFault.NoActivity && a.Raised);
        Assert.DoesNotContain(alarms, a => a.Detector == 1 && a.Raised);
        Assert.False(policy.IsBlind);
        Assert.True(green[1] > 60, $"phase 1 (on recall) had {green[1]:0} s of green after its detector died");
    }

    [Fact]
    public void A_stuck_on_detector_never_holds_the_signal_forever()
    {
        var x = TestIntersections.TwoPhase();
        var policy = new AdaptivePolicy(x, AdaptiveSettings.Default with { Health = DetectorHealthSettings.Default with { MaxPresenceSeconds = 60 } });
        var starts = new List<long>();
        var controller = new SignalController(x);
        var wasGreen = false;
        while (controller.Now < S(900))
        {
            controller.Step();
            if (controller.Now % 10 == 0)
            {
                policy.Observe(new DetectorReading(1, controller.Now, true, 0)); // phase 2's loop stuck on
                policy.Observe(new DetectorReading(0, controller.Now, controller.Now % 50 == 0, controller.Now % 50 == 0 ? 1 : 0));
            }

            policy.Decide(controller);
            if (controller.IsGreen(1) && !wasGreen)
            {
                starts.Add(controller.Now);
            }

            wasGreen = controller.IsGreen(1);
        }

        Assert.Equal(DetectorFault.StuckOn, policy.Health.Fault(1));
        Assert.True(starts.Count >= 5, $"phase 1 started green {starts.Count} times in 900 s");
        Assert.True(starts.Zip(starts.Skip(1)).Max(p => p.Second - p.First) < S(120), $"phase 1 waited too long between greens: starts {string.Join(", ", starts.Select(SignalTime.ToSeconds))}");
    }

    [Fact]
    public void Blind_runs_fixed_time_with_an_alarm_and_resumes_when_data_returns()
    {
        var x = TestIntersections.TwoPhase();
        var alarms = new List<DetectorAlarm>();
        var policy = new AdaptivePolicy(x, AdaptiveSettings.Default with { Health = DetectorHealthSettings.Default with { NoActivityUnknownFlowSeconds = 120 } });
        policy.Alarm += alarms.Add;
        var greensWhileBlind = new HashSet<int>();
        var controller = new SignalController(x);
        while (controller.Now < S(1200))
        {
            controller.Step();
            if (controller.Now >= S(900) && controller.Now % 10 == 0)
            {
                policy.Observe(new ApproachObservation("N", controller.Now, new VehicleCounts(1, 0, 0, 0), 3, 0, 0, false));
            }

            policy.Decide(controller);
            if (policy.IsBlind)
            {
                greensWhileBlind.UnionWith(x.Phases.Where(p => controller.IsGreen(p.Id)).Select(p => p.Id));
            }
        }

        Assert.Contains(alarms, a => a.DetectorId == "*" && a.Raised);
        Assert.Contains(alarms, a => a.DetectorId == "*" && !a.Raised && a.Time >= S(900));
        Assert.Equal([1, 2], greensWhileBlind.Order());
        Assert.False(policy.IsBlind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void With_degraded_fixed_time_a_silent_camera_runs_the_backup_plan_until_it_counts_again(bool degradedFixedTime)
    {
        // Two-phase intersection with a camera on leg N; its movement queues arrive every second except from 300 s
        // to 600 s. With DegradedFixedTime the policy runs the backup plan (alarm names the camera and the plan's
        // cycle) while they are missing and adapts again when they return; without it, it never leaves adaptive control.
        var two = TestIntersections.TwoPhase();
        var x = two with { Detectors = [.. two.Detectors, new Detector("CN", DetectorKind.Cctv, "N", [], 0, [], [])] };
        var backup = Webster.Plan(x, x.Movements.ToDictionary(m => m.Id, _ => 400.0)).Plan;
        var alarms = new List<DetectorAlarm>();
        var policy = new AdaptivePolicy(x, AdaptiveSettings.Default with { DegradedFixedTime = degradedFixedTime }, backup);
        policy.Alarm += alarms.Add;
        var north = Enumerable.Range(0, x.Movements.Count).Where(m => x.Movements[m].FromLeg == "N").ToArray();
        Assert.NotEmpty(north);
        var blindAt = new List<double>();
        var controller = new SignalController(x);
        while (controller.Now < S(900))
        {
            controller.Step();
            var t = SignalTime.ToSeconds(controller.Now);
            if (controller.Now % 10 == 0 && (t < 300 || t >= 600))
            {
                foreach (var m in north)
                {
                    policy.Observe(new MovementQueue(m, controller.Now, 2, 0));
                }
            }

            policy.Decide(controller);
            if (policy.IsBlind && controller.Now % 10 == 0)
            {
                blindAt.Add(t);
            }

            Assert.False(controller.IsFaulted);
        }

        if (!degradedFixedTime)
        {
            Assert.Empty(blindAt);
            return;
        }

        Assert.NotEmpty(blindAt);
        Assert.True(blindAt.Min() > 300 && blindAt.Min() < 310, $"fixed time from {blindAt.Min()} s");
        Assert.True(blindAt.Max() >= 599 && blindAt.Max() < 610, $"fixed time until {blindAt.Max()} s");
        Assert.Contains(alarms, a => a.DetectorId == "*" && a.Raised && a.Reason.Contains("a camera is out", StringComparison.Ordinal)
            && a.Reason.Contains($"cycle {backup.Cycle:0} s", StringComparison.Ordinal));
        Assert.Contains(alarms, a => a.DetectorId == "*" && !a.Raised && a.Time >= S(600));
        Assert.False(policy.IsBlind);
    }
}
