using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

/// <summary>
/// The schedule-driven rule on individual arrivals (<see cref="ArrivalSchedulePolicy"/>, and the adaptive policy while it is
/// fed tracked vehicles), on the two-phase test intersection: lane 0 is phase 1's approach (east-west), lane 1 phase 2's
/// (north-south). A small kinematic feeder moves the vehicles: 13.9 m/s until the stop bar or the vehicle in front
/// (7.5 m spacing); at the bar one vehicle per 2 s leaves while its phase is green (a moving one also in the first second of
/// yellow, when it could no longer stop).
/// </summary>
public sealed class ArrivalSchedulePolicyTests
{
    private const double Speed = 13.9;

    private static long S(double seconds) => SignalTime.FromSeconds(seconds);

    /// <summary>Runs <paramref name="policy"/> for <paramref name="seconds"/>, feeding <paramref name="road"/> every second.</summary>
    private static SignalController Run(Intersection x, ISignalPolicy policy, Road road, double seconds, SignalController? controller = null, Action<double>? everySecond = null)
    {
        controller ??= new SignalController(x);
        var end = controller.Now + S(seconds);
        while (controller.Now < end)
        {
            controller.Step();
            if (controller.Now % SignalTime.TicksPerSecond == 0)
            {
                road.Advance(controller, SignalTime.ToSeconds(controller.Now));
                road.Feed((IArrivalObserver)policy, controller.Now);
                everySecond?.Invoke(SignalTime.ToSeconds(controller.Now));
            }

            policy.Decide(controller);
            Assert.False(controller.IsFaulted);
        }

        return controller;
    }

    /// <summary>The two-phase intersection under the schedule, run <paramref name="seconds"/> with no traffic (one phase rests in green).</summary>
    private static (Intersection X, ArrivalSchedulePolicy Policy, Road Road, SignalController C) Rested(double seconds = 30, ArrivalScheduleSettings? settings = null, Road? road = null)
    {
        var x = TestIntersections.TwoPhase();
        var policy = new ArrivalSchedulePolicy(x, settings ?? ArrivalScheduleSettings.Default);
        road ??= new Road();
        return (x, policy, road, Run(x, policy, road, seconds));
    }

    [Fact]
    public void A_lone_vehicle_finds_its_green_without_stopping_when_the_green_approach_is_empty()
    {
        var (x, policy, road, c) = Rested();
        var red = c.IsGreen(1) ? 1 : 0; // the approach that is red now
        var redPhase = red + 1;
        Assert.False(c.IsGreen(redPhase));

        var start = SignalTime.ToSeconds(c.Now);
        road.Add(red, 200); // reaches the stop bar 14.4 s from now
        Run(x, policy, road, 40, c);

        var passed = Assert.Single(road.Passed);
        Assert.Equal(red, passed.Lane);
        Assert.InRange(passed.At - start, 14, 16.5); // no stop: it crossed at (about) its free-flow time
        Assert.Equal(0, road.Stops);
    }

    [Fact]
    public void Counting_red_vehicles_only_once_they_stand_would_stop_them_which_the_schedule_avoids()
    {
        // The same lone vehicle, but the policy is told about it only once it is within 20 m: it has to stop.
        var (x, policy, road, c) = Rested(road: new Road { Horizon = 20 });
        var red = c.IsGreen(1) ? 1 : 0;
        road.Add(red, 200);
        Run(x, policy, road, 60, c);
        Assert.Single(road.Passed);
        Assert.Equal(1, road.Stops);
    }

    [Fact]
    public void A_platoon_running_in_on_green_is_let_through_before_a_waiting_vehicle_gets_its_green()
    {
        var (x, policy, road, c) = Rested();
        var green = c.IsGreen(1) ? 0 : 1;
        var red = 1 - green;
        Run(x, policy, road, 15, c); // past the minimum green
        var start = SignalTime.ToSeconds(c.Now);
        road.Add(red, 0);
        foreach (var d in new[] { 30.0, 60, 90, 120 })
        {
            road.Add(green, d);
        }

        Run(x, policy, road, 60, c);

        var platoon = road.Passed.Where(p => p.Lane == green).ToList();
        Assert.Equal(4, platoon.Count);
        Assert.Equal(0, road.StopsOn(green));
        var waiting = Assert.Single(road.Passed, p => p.Lane == red);
        Assert.True(waiting.At > platoon.Max(p => p.At), "the waiting vehicle went before the platoon had passed");
        Assert.InRange(waiting.At - start, 9, 9 + 5 + 6); // after the platoon: clearance (5 s) and start-up
    }

    [Fact]
    public void A_weighted_approach_is_served_before_the_platoon_it_would_otherwise_wait_for()
    {
        // The platoon case above with the waiting vehicle's approach weighted 10 (as an engineer would weight a side
        // street whose queue blocks a junction upstream): now its wait costs more than the platoon's stops.
        // weights: from the red approach's detector id ("D1" or "D2") to the weights to run with.
        static (double Waiting, double LastOfPlatoon, int PlatoonStops) Case(Func<string, Dictionary<string, double>?> weights)
        {
            var probe = Rested();
            var redDetector = probe.C.IsGreen(1) ? "D2" : "D1";
            var (x, policy, road, c) = Rested(settings: ArrivalScheduleSettings.Default with { DetectorWeights = weights(redDetector) });
            var green = c.IsGreen(1) ? 0 : 1;
            var red = 1 - green;
            Assert.Equal(redDetector, $"D{red + 1}");
            Run(x, policy, road, 15, c);
            road.Add(red, 0);
            foreach (var d in new[] { 30.0, 60, 90, 120 })
            {
                road.Add(green, d);
            }

            Run(x, policy, road, 60, c);
            return (road.Passed.Single(p => p.Lane == red).At, road.Passed.Where(p => p.Lane == green).Max(p => p.At), road.StopsOn(green));
        }

        var plain = Case(_ => null);
        Assert.True(plain.Waiting > plain.LastOfPlatoon);
        Assert.Equal(0, plain.PlatoonStops);

        var alike = Case(_ => new() { ["D1"] = 3, ["D2"] = 3 }); // both approaches weighted alike: the same decisions
        Assert.Equal(plain, alike);

        var favoured = Case(red => new() { [red] = 10 });
        Assert.True(favoured.Waiting < favoured.LastOfPlatoon, $"the weighted vehicle went at {favoured.Waiting}, after the platoon ({favoured.LastOfPlatoon})");
        Assert.True(favoured.PlatoonStops > 0);
    }

    [Fact]
    public void A_stream_that_never_ends_gives_way_at_the_maximum_green()
    {
        var (x, policy, road, c) = Rested(settings: ArrivalScheduleSettings.Default with { MaxGreenSeconds = 45 });
        var green = c.IsGreen(1) ? 0 : 1;
        var greenPhase = green + 1;
        road.Add(1 - green, 0);
        double? servedAt = null;
        var start = SignalTime.ToSeconds(c.Now);
        Run(x, policy, road, 120, c, t =>
        {
            if (t % 2 == 0)
            {
                road.Add(green, 200);
            }

            if (servedAt is null && c.IsGreen(3 - greenPhase))
            {
                servedAt = t;
            }
        });

        Assert.NotNull(servedAt);
        Assert.True(servedAt - start <= 45 + 6, $"the waiting vehicle got its green {servedAt - start} s after it came");
    }

    [Fact]
    public void With_nobody_anywhere_the_green_rests_and_nothing_switches()
    {
        var (x, policy, road, c) = Rested(20);
        var green = c.IsGreen(1) ? 1 : 2;
        var changes = 0;
        Run(x, policy, road, 120, c, _ => changes += c.IsGreen(green) ? 0 : 1);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void Vehicles_with_no_room_behind_the_junction_do_not_get_a_green_until_room_opens()
    {
        var (x, policy, road, c) = Rested(20);
        var red = c.IsGreen(1) ? 1 : 0;
        road.Add(red, 0);
        road.Add(red, 7.5);
        road.ExitRoom[red] = 0;
        var redPhase = red + 1;
        var greenBlocked = false;
        Run(x, policy, road, 60, c, _ => greenBlocked |= c.IsGreen(redPhase));
        Assert.False(greenBlocked);

        road.ExitRoom[red] = int.MaxValue;
        Run(x, policy, road, 15, c);
        Assert.Equal(2, road.Passed.Count);
    }

    [Fact]
    public void Without_fresh_arrivals_every_phase_is_called_so_the_signal_cycles()
    {
        var x = TestIntersections.TwoPhase();
        var policy = new ArrivalSchedulePolicy(x, ArrivalScheduleSettings.Default);
        var c = new SignalController(x);
        var greens = new HashSet<int>();
        while (c.Now < S(200))
        {
            c.Step();
            policy.Decide(c);
            foreach (var p in new[] { 1, 2 })
            {
                if (c.IsGreen(p))
                {
                    greens.Add(p);
                }
            }
        }

        Assert.False(policy.IsFresh(c.Now));
        Assert.Equal([1, 2], greens.Order());
    }

    [Fact]
    public void Bad_input_is_refused_with_the_intersection_and_what_is_wrong()
    {
        var x = TestIntersections.TwoPhase();
        var policy = new ArrivalSchedulePolicy(x, ArrivalScheduleSettings.Default);
        var lane = Assert.Throws<ArgumentOutOfRangeException>(() => policy.ObserveArrivals(5, 0, [], 10));
        Assert.Contains("TWO", lane.Message, StringComparison.Ordinal);
        Assert.Contains("5", lane.Message, StringComparison.Ordinal);
        var vehicle = Assert.Throws<ArgumentOutOfRangeException>(() => policy.ObserveArrivals(0, 0, [new ApproachingVehicle(-3, 10)], 10));
        Assert.Contains("-3", vehicle.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.ObserveArrivals(0, 0, [new ApproachingVehicle(10, double.NaN)], 10));
        var settings = Assert.Throws<ArgumentException>(() => new ArrivalSchedulePolicy(x, ArrivalScheduleSettings.Default with { HeadwaySeconds = 0 }));
        Assert.Contains("TWO", settings.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ArrivalSchedulePolicy(x, ArrivalScheduleSettings.Default with { PermittedShare = 1.5 }));
        var weight = Assert.Throws<ArgumentException>(() => new ArrivalSchedulePolicy(x, ArrivalScheduleSettings.Default with { DetectorWeights = new Dictionary<string, double> { ["D2"] = 0 } }));
        Assert.Contains("'D2'", weight.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_adaptive_policy_schedules_tracked_vehicles_and_goes_back_to_counts_when_they_stop_coming()
    {
        var x = TestIntersections.TwoPhase();
        var policy = new AdaptivePolicy(x, AdaptiveSettings.Default);
        var road = new Road();
        var c = Run(x, policy, road, 30);
        Assert.True(policy.SchedulesArrivals(c.Now));
        var red = c.IsGreen(1) ? 1 : 0;
        var start = SignalTime.ToSeconds(c.Now);
        road.Add(red, 200);
        Run(x, policy, road, 40, c);
        var passed = Assert.Single(road.Passed);
        Assert.InRange(passed.At - start, 14, 16.5);
        Assert.Equal(0, road.Stops);

        // No more arrivals: after the stale time the count-based rule decides again (here on queues).
        for (var i = 0; i < 100; i++)
        {
            c.Step();
            policy.Decide(c);
        }

        Assert.False(policy.SchedulesArrivals(c.Now));
    }

    [Fact]
    public void A_waiting_pedestrian_gets_a_walk_from_the_schedule_with_no_vehicle_anywhere()
    {
        var walking = TestIntersections.Timings(walk: 7, pedClearance: 10);
        var x = TestIntersections.TwoPhase(second: walking, secondCrosswalks: ["N"]);
        var policy = new AdaptivePolicy(x, AdaptiveSettings.Default);
        var road = new Road();
        var c = Run(x, policy, road, 30);
        Assert.True(c.IsGreen(1), "the test expects phase 1 (no crosswalk) to rest in green first");
        double? walkAt = null;
        var start = SignalTime.ToSeconds(c.Now);
        Run(x, policy, road, 60, c, t =>
        {
            policy.Observe(new ApproachObservation("N", c.Now, default, 0, walkAt is null ? 1 : 0, 0, false));
            if (walkAt is null && c.IsGreen(2))
            {
                walkAt = t;
            }
        });

        Assert.True(policy.SchedulesArrivals(c.Now));
        Assert.NotNull(walkAt);
        Assert.InRange(walkAt!.Value - start, 1, 12);
    }

    [Fact]
    public void Above_the_queue_limit_the_count_based_rule_decides()
    {
        var x = TestIntersections.TwoPhase();
        var policy = new AdaptivePolicy(x, AdaptiveSettings.Default with { ArrivalsQueueLimit = 2 });
        policy.ObserveArrivals(0, 0, [new ApproachingVehicle(0, 0), new ApproachingVehicle(7.5, 0)], int.MaxValue);
        policy.ObserveArrivals(1, 0, [new ApproachingVehicle(50, 13)], int.MaxValue);
        Assert.True(policy.SchedulesArrivals(0));
        policy.ObserveArrivals(1, 0, [new ApproachingVehicle(0, 0), new ApproachingVehicle(7.5, 0), new ApproachingVehicle(15, 0.2)], int.MaxValue);
        Assert.False(policy.SchedulesArrivals(0));
    }

    /// <summary>Vehicles on the two approaches, moved every second.</summary>
    private sealed class Road
    {
        private readonly List<(double Distance, bool Stopped)>[] lanes = [[], []];
        private readonly double[] lastPass = [double.NegativeInfinity, double.NegativeInfinity];
        private readonly double[] lastGreen = [double.NegativeInfinity, double.NegativeInfinity];

        public List<(int Lane, double At)> Passed { get; } = [];

        public int Stops => stops[0] + stops[1];

        public int[] ExitRoom { get; } = [int.MaxValue, int.MaxValue];

        /// <summary>The policy sees vehicles up to this far from the stop bar.</summary>
        public double Horizon { get; init; } = 250;

        private readonly int[] stops = new int[2];

        public int StopsOn(int lane) => stops[lane];

        public void Add(int lane, double distance) => lanes[lane].Add((distance, distance <= 0));

        public void Advance(SignalController c, double now)
        {
            for (var lane = 0; lane < 2; lane++)
            {
                var list = lanes[lane];
                list.Sort((a, b) => a.Distance.CompareTo(b.Distance));
                var green = c.IsGreen(lane + 1);
                if (green)
                {
                    lastGreen[lane] = now;
                }

                // A moving vehicle within a second of the stop bar when the yellow starts goes on (it could not stop).
                var going = green || now - lastGreen[lane] <= 1;
                if (list.Count > 0 && list[0].Distance <= 0 && green && now - lastPass[lane] >= 2 && ExitRoom[lane] > 0)
                {
                    Passed.Add((lane, now));
                    lastPass[lane] = now;
                    list.RemoveAt(0);
                }

                var front = double.NegativeInfinity;
                for (var i = 0; i < list.Count; i++)
                {
                    var (d, stopped) = list[i];
                    var limit = Math.Max(i == 0 ? 0 : front + 7.5, 0);
                    var next = Math.Max(d - Speed, limit);
                    if (next <= 0 && going && i == 0 && now - lastPass[lane] >= 2 && ExitRoom[lane] > 0 && !stopped)
                    {
                        // Crosses on green within this second without stopping.
                        Passed.Add((lane, now + (d / Speed)));
                        lastPass[lane] = now;
                        list.RemoveAt(i);
                        i--;
                        continue;
                    }

                    var nowStopped = next >= d - 0.01 || (next <= 0 && !green);
                    if (nowStopped && !stopped)
                    {
                        stops[lane]++;
                    }

                    list[i] = (next, nowStopped);
                    front = next;
                }
            }
        }

        public void Feed(IArrivalObserver policy, long now)
        {
            for (var lane = 0; lane < 2; lane++)
            {
                var seen = lanes[lane].Where(v => v.Distance <= Horizon).Select(v => new ApproachingVehicle(v.Distance, v.Stopped ? 0 : Speed)).ToArray();
                policy.ObserveArrivals(lane, now, seen, ExitRoom[lane]);
            }
        }
    }
}
