using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Validation;
using Traffic.Signals.Model;

namespace Traffic.Simulation.Field.Tests;

/// <summary>Sensor failure modes of the field, without the wire: what the messages and the controller show.</summary>
public sealed class SensorFailureTests
{
    private static readonly Network Network = Corridor.Load();

    private static (FieldWorld World, List<FieldMessage> Messages) Run(SensorFailures failures, double seconds = 120)
    {
        var world = new FieldWorld(Network, FieldDemand.StraightOn(Network, 400), new FieldOptions { Start = Corridor.Start, Failures = failures });
        var messages = new List<FieldMessage>();
        while (world.Simulation.Time < seconds)
        {
            world.Step(messages);
        }

        // Everything a failed sensor sends must still pass the door (receive time = the run's now).
        var validator = new InboundValidator(Network);
        foreach (var m in messages)
        {
            var r = validator.Validate(m.Topic, m.Payload, m.Time);
            Assert.True(r.IsAccepted, $"{m.Topic} seq {m.Message.Seq}: {r.Rejection}");
        }

        return (world, messages);
    }

    private static IEnumerable<Traffic.Mqtt.Contract.DetectorReading> Readings(List<FieldMessage> messages, string intersection, string detector) =>
        messages.Where(m => m.Topic == Topics.Detectors(intersection)).SelectMany(m => ((DetectorReadings)m.Message).Readings).Where(r => r.Detector == detector);

    private static long TrueCount(FieldWorld world, string intersection, string detector)
    {
        var index = Network.Intersections.ToList().FindIndex(i => i.Id == intersection);
        return world.Simulation.Loops.Where(l => l.Intersection == index && l.Id == detector).Sum(l => world.Simulation.ReadLoop(l.Index).Count);
    }

    private static ControllerStatus LastStatus(List<FieldMessage> messages, string intersection) =>
        (ControllerStatus)messages.Last(m => m.Topic == Topics.Status(intersection)).Message;

    [Fact]
    public void A_stuck_on_loop_shows_presence_and_full_occupancy_without_counts_and_is_a_fault()
    {
        var (world, messages) = Run(new SensorFailures { Loops = new Dictionary<string, LoopFailure> { ["I001/SB-W-T"] = LoopFailure.StuckOn } });
        var stuck = Readings(messages, "I001", "SB-W-T").ToList();
        Assert.Equal(120, stuck.Count);
        Assert.All(stuck, r => Assert.True(r.Presence && r.Occupancy == 1 && r.Count == 0));
        Assert.True(TrueCount(world, "I001", "SB-W-T") > 0, "no traffic passed the loop, the test proves nothing");
        Assert.Contains(Readings(messages, "I001", "SB-E-T"), r => r.Count > 0);
        Assert.Contains("detectorStuckOn:SB-W-T", LastStatus(messages, "I001").Faults);
        Assert.Empty(LastStatus(messages, "I002").Faults);
    }

    [Fact]
    public void A_loop_without_data_is_left_out_of_every_batch_and_is_a_fault()
    {
        var (_, messages) = Run(new SensorFailures { Loops = new Dictionary<string, LoopFailure> { ["I002/AD-E"] = LoopFailure.NoData } });
        Assert.Empty(Readings(messages, "I002", "AD-E"));
        Assert.Equal(120, Readings(messages, "I002", "AD-W").Count());
        Assert.Contains("detectorNoData:AD-E", LastStatus(messages, "I002").Faults);
    }

    [Fact]
    public void A_chattering_loop_counts_more_than_the_traffic_that_passed()
    {
        var (world, messages) = Run(new SensorFailures { Loops = new Dictionary<string, LoopFailure> { ["I001/AD-W"] = LoopFailure.Chatter }, ChatterPulsesPerSecond = 0.5 });
        var reported = Readings(messages, "I001", "AD-W").Sum(r => r.Count);
        var passed = TrueCount(world, "I001", "AD-W");
        Assert.True(reported > passed + 20, $"reported {reported}, passed {passed}");
        Assert.Contains("detectorChatter:AD-W", LastStatus(messages, "I001").Faults);
    }

    [Fact]
    public void A_camera_outage_drops_its_approach_and_is_a_fault()
    {
        var (_, messages) = Run(new SensorFailures { CameraOutages = new HashSet<string> { "I003/CCTV-S" } });
        var cctv = messages.Where(m => m.Topic == Topics.Cctv("I003")).Select(m => (CctvCounts)m.Message).ToList();
        Assert.Equal(24, cctv.Count);
        Assert.All(cctv, c => Assert.Equal(["E", "W"], c.Approaches.Select(a => a.Leg).Order()));
        Assert.Contains("cameraOutage:CCTV-S", LastStatus(messages, "I003").Faults);
    }

    [Fact]
    public void Latency_delays_sensor_messages_but_keeps_their_event_times_and_order()
    {
        var world = new FieldWorld(Network, FieldDemand.StraightOn(Network, 400), new FieldOptions { Start = Corridor.Start, Failures = new SensorFailures { LatencyS = 3 } });
        var sentAt = new List<(double Now, FieldMessage Message)>();
        var step = new List<FieldMessage>();
        while (world.Simulation.Time < 30)
        {
            step.Clear();
            world.Step(step);
            sentAt.AddRange(step.Select(m => (world.Simulation.Time, m)));
        }

        var detectors = sentAt.Where(x => x.Message.Kind == TopicKind.Detectors).ToList();
        Assert.All(detectors, x => Assert.Equal(Corridor.Start.AddSeconds(x.Now - 3), x.Message.Time));
        Assert.Equal(5 * 27, detectors.Count); // batches for seconds 1..27 have left by second 30
        Assert.All(sentAt.Where(x => x.Message.Kind == TopicKind.Status), x => Assert.Equal(Corridor.Start.AddSeconds(x.Now), x.Message.Time));
    }

    [Fact]
    public void Failures_naming_unknown_detectors_are_refused()
    {
        var failures = new SensorFailures
        {
            Loops = new Dictionary<string, LoopFailure> { ["I001/NOPE"] = LoopFailure.StuckOn, ["I001/CCTV-W"] = LoopFailure.Chatter },
            CameraOutages = new HashSet<string> { "I001/SB-W-T" },
            LatencyS = -1,
        };
        var e = Assert.Throws<ArgumentException>(() => new FieldWorld(Network, new Demand([]), new FieldOptions { Failures = failures }));
        Assert.Contains("'I001/NOPE' is not a loop detector", e.Message, StringComparison.Ordinal);
        Assert.Contains("'I001/CCTV-W' is not a loop detector", e.Message, StringComparison.Ordinal);
        Assert.Contains("'I001/SB-W-T' is not a CCTV detector", e.Message, StringComparison.Ordinal);
        Assert.Contains("latencyS must be >= 0, got -1", e.Message, StringComparison.Ordinal);
    }
}
