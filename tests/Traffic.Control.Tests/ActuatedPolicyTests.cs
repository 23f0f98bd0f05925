using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

public sealed class ActuatedPolicyTests
{
    // In TestIntersections.Nema the stop-bar detector of vehicle phase p has index p - 1.
    private static int DetectorOf(int phase) => phase - 1;

    private static ActuatedSettings Recall(params (int Phase, RecallMode Mode)[] recall) =>
        new(recall.ToDictionary(r => r.Phase, r => r.Mode));

    private static (FakeSignalControl Control, ActuatedPolicy Policy) GreenOnFake(ActuatedSettings settings, int phase, ControllerOptions? options = null)
    {
        var intersection = TestIntersections.Nema(options: options);
        var control = new FakeSignalControl(intersection);
        control.SetGreen(phase, 0);
        return (control, new ActuatedPolicy(intersection, settings));
    }

    private static void Run(FakeSignalControl control, ISignalPolicy policy, long until, Action<long>? inputs = null)
    {
        for (; control.Now < until; control.Now++)
        {
            inputs?.Invoke(control.Now);
            policy.Decide(control);
        }
    }

    [Fact]
    public void Gaps_out_at_minimum_green_when_nothing_is_detected()
    {
        var (control, policy) = GreenOnFake(ActuatedSettings.Default, 2);
        Run(control, policy, 200);
        Assert.Equal(69, control.Of("ForceOff", 2).First().Time); // acts at 70 = minimum green 7 s
    }

    [Fact]
    public void Gaps_out_one_passage_time_after_the_last_vehicle()
    {
        var (control, policy) = GreenOnFake(ActuatedSettings.Default, 2);
        Run(control, policy, 200, t =>
        {
            if (t == 60)
            {
                policy.Observe(new DetectorReading(DetectorOf(2), t, false, 1));
            }
        });
        Assert.Equal(60 + 20 - 1, control.Of("ForceOff", 2).First().Time); // passage 2.0 s after 6.0 s
    }

    [Fact]
    public void Keeps_extending_while_vehicles_arrive_within_the_passage_time()
    {
        var (control, policy) = GreenOnFake(ActuatedSettings.Default, 2);
        Run(control, policy, 800, t =>
        {
            if (t % 15 == 0 && t <= 600)
            {
                policy.Observe(new DetectorReading(DetectorOf(2), t, false, 1));
            }
        });
        Assert.Equal(600 + 20 - 1, control.Of("ForceOff", 2).First().Time);
    }

    [Fact]
    public void Stop_bar_presence_extends_for_as_long_as_it_is_occupied()
    {
        var (control, policy) = GreenOnFake(ActuatedSettings.Default, 2);
        Run(control, policy, 600, t =>
        {
            if (t is 10 or 300)
            {
                policy.Observe(new DetectorReading(DetectorOf(2), t, t == 10, 0));
            }
        });
        Assert.Equal(299 + 20 - 1, control.Of("ForceOff", 2).First().Time); // last occupied decision at 299
    }

    [Fact]
    public void Detection_on_a_red_phase_places_a_call_and_on_a_green_one_only_extends()
    {
        var (control, policy) = GreenOnFake(ActuatedSettings.Default, 2);
        policy.Observe(new DetectorReading(DetectorOf(4), 0, false, 2));
        policy.Observe(new DetectorReading(DetectorOf(2), 0, false, 1));
        policy.Decide(control);
        Assert.Single(control.Of("PlaceCall", 4));
        Assert.Empty(control.Of("PlaceCall", 2));
        Assert.Empty(control.Of("PlaceCall", 8));
    }

    [Fact]
    public void Recall_modes_call_without_detection_and_max_recall_never_gaps_out()
    {
        var settings = Recall((2, RecallMode.Max), (4, RecallMode.Min), (8, RecallMode.Ped));
        var (control, policy) = GreenOnFake(settings, 2);
        Run(control, policy, 1000);
        Assert.Empty(control.Of("ForceOff", 2));
        Assert.Single(control.Of("PlaceCall", 4)); // the call stays until served
        Assert.Single(control.Of("PlacePedCall", 8));
        Assert.Empty(control.Of("PlaceCall", 3));
    }

    [Fact]
    public void Pedestrians_seen_waiting_call_the_phases_walking_that_leg()
    {
        var (control, policy) = GreenOnFake(ActuatedSettings.Default, 2);
        policy.Observe(new ApproachObservation("E", 0, default, 0, 3, 0, false));
        policy.Observe(new ApproachObservation("N", 0, default, 0, 2, 0, false));
        policy.Observe(new ApproachObservation("N", 0, default, 0, 0, 0, false)); // they left
        policy.Decide(control);
        Assert.Equal([4, 8], control.Commands.Where(c => c.Kind == "PlacePedCall").Select(c => c.Phase).Order());
    }

    [Fact]
    public void A_rest_phase_is_not_gapped_out_while_nothing_else_is_called()
    {
        var options = ControllerOptions.Default with { Rest = RestMode.Green, RestPhases = [2, 6] };
        var (control, policy) = GreenOnFake(ActuatedSettings.Default, 2, options);
        Run(control, policy, 500);
        Assert.Empty(control.Of("ForceOff", 2));
        control.SetCall(4);
        Run(control, policy, 501);
        Assert.Equal(500, Assert.Single(control.Of("ForceOff", 2)).Time);
    }

    [Fact]
    public void Bad_settings_and_inputs_are_refused_with_the_reason()
    {
        var intersection = TestIntersections.Nema();
        var ex = Assert.Throws<ArgumentException>(() =>
            new ActuatedPolicy(intersection, Recall((1, RecallMode.Ped), (9, RecallMode.Min))));
        Assert.Contains("phase 1 has ped recall but no crosswalks", ex.Message, StringComparison.Ordinal);
        Assert.Contains("recall Min for unknown phase 9", ex.Message, StringComparison.Ordinal);

        var policy = new ActuatedPolicy(intersection, ActuatedSettings.Default);
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => policy.Observe(new DetectorReading(8, 0, true, 0)));
        Assert.Contains("detector index 8 is not in 0..7", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => policy.Observe(new ApproachObservation("NE", 0, default, 0, 1, 0, false)));
    }

    // End to end on the real sequencer. The first greens start at 4 s (start-up all-red) = tick 40.

    [Fact]
    public void On_the_sequencer_a_phase_gaps_out_after_the_passage_time()
    {
        var intersection = TestIntersections.Nema();
        var run = new PolicyRun(intersection, new ActuatedPolicy(intersection, Recall((2, RecallMode.Min), (4, RecallMode.Min))));
        run.At(100, new DetectorReading(DetectorOf(2), 0, false, 1));
        run.RunUntil(600);

        var first = run.GreensOf(2).First();
        Assert.Equal(new GreenInterval(2, 40, 120), first); // vehicle at 6 s of green, gap 2 s later
        Assert.Equal(70, run.GreensOf(4).First().Length); // no detection: minimum green
    }

    [Fact]
    public void On_the_sequencer_a_phase_extends_while_vehicles_arrive_up_to_max_green()
    {
        var intersection = TestIntersections.Nema();
        var run = new PolicyRun(intersection, new ActuatedPolicy(intersection, Recall((4, RecallMode.Min))));
        run.Pulses(DetectorOf(2), 1, 3000, 15);
        run.RunUntil(3000);

        var greens = run.GreensOf(2).ToList();
        Assert.True(greens.Count >= 3);
        Assert.All(greens, g => Assert.Equal(400, g.Length)); // max green 40 s, the side street is called
    }

    [Fact]
    public void On_the_sequencer_min_recall_serves_a_phase_without_detection()
    {
        var intersection = TestIntersections.Nema();
        var run = new PolicyRun(intersection, new ActuatedPolicy(intersection, Recall((4, RecallMode.Min))));
        run.At(1, new DetectorReading(DetectorOf(2), 0, false, 1));
        run.RunUntil(2000);

        Assert.Single(run.GreensOf(2)); // called once by a vehicle
        var served = run.GreensOf(4).ToList();
        Assert.NotEmpty(served);
        Assert.All(served, g => Assert.Equal(70, g.Length));
        Assert.Empty(run.GreensOf(8));
    }

    [Fact]
    public void On_the_sequencer_max_recall_runs_to_max_green()
    {
        var intersection = TestIntersections.Nema();
        var run = new PolicyRun(intersection, new ActuatedPolicy(intersection, Recall((2, RecallMode.Max), (4, RecallMode.Min))));
        run.RunUntil(3000);

        var greens = run.GreensOf(2).ToList();
        Assert.True(greens.Count >= 4);
        Assert.All(greens, g => Assert.Equal(400, g.Length));
    }

    [Fact]
    public void On_the_sequencer_pedestrians_seen_by_cctv_get_their_walk()
    {
        var intersection = TestIntersections.Nema();
        var run = new PolicyRun(intersection, new ActuatedPolicy(intersection, Recall((2, RecallMode.Min))));
        run.At(500, new ApproachObservation("W", 0, default, 0, 4, 0, false));
        run.RunUntil(1500);

        Assert.Contains((intersection.PedestrianGroupOf(4), Indication.Walk), run.Shown);
        var green = Assert.Single(run.GreensOf(4));
        Assert.True(green.Start > 500);
        Assert.Equal(170, green.Length); // walk 7 s + pedestrian clearance 10 s, no vehicles
        Assert.DoesNotContain((intersection.PedestrianGroupOf(2), Indication.Walk), run.Shown);
    }

    [Fact]
    public void On_the_sequencer_the_main_street_rests_in_green_until_the_side_street_is_called()
    {
        var options = ControllerOptions.Default with { Rest = RestMode.Green, RestPhases = [2, 6] };
        var intersection = TestIntersections.Nema(options: options);
        var run = new PolicyRun(intersection, new ActuatedPolicy(intersection, ActuatedSettings.Default));
        run.At(1000, new DetectorReading(DetectorOf(4), 0, false, 1));
        run.RunUntil(1500);

        var main = run.GreensOf(2).First();
        Assert.Equal(40, main.Start);
        Assert.InRange(main.End, 1001, 1005);
        Assert.Equal(main.Start, run.GreensOf(6).First().Start);
        Assert.Equal(70, run.GreensOf(4).First().Length);
    }
}
