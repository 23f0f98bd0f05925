using System.Collections.Concurrent;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Transport;
using Traffic.Mqtt.Validation;
using Traffic.Tests.Shared;
using Traffic.Signals.Sequencing;

namespace Traffic.Simulation.Field.Tests;

/// <summary>
/// The simulation as the field against the embedded broker, with a tiny central in the test: on the
/// first status of each intersection it publishes a 90 s plan; the field must acknowledge it, run it
/// (the controller's observed cycle is the plan's, phases on the plan's offset) and everything the
/// field publishes must pass the service's door.
/// </summary>
public sealed class FieldLoopTests
{
    [Fact]
    public async Task Central_plan_is_acknowledged_and_run_and_every_message_passes_the_door()
    {
        const double cycle = 90;
        await using var broker = await EmbeddedBroker.StartAsync(port: 0);
        var network = Corridor.Load();
        var options = new FieldOptions { Speed = 40, DurationS = 480, Start = Corridor.Start };
        var runner = new FieldRunner(network, FieldDemand.StraightOn(network, 250), options, new MqttConnectionOptions { Port = broker.Port });

        var validator = new InboundValidator(network);
        var received = new Collector<Checked>();
        var sentPlans = new ConcurrentDictionary<string, Traffic.Mqtt.Contract.TimingPlan>();
        var publishes = new ConcurrentBag<Task>();
        await using var publisher = new MqttConnection(new MqttConnectionOptions { Port = broker.Port, Subscriptions = [] });
        await publisher.StartAsync();
        await using var central = new MqttConnection(new MqttConnectionOptions { Port = broker.Port }, runner.Clock);
        central.MessageHandler = (raw, _) =>
        {
            ValidationResult result;
            lock (validator)
            {
                result = validator.Validate(raw.Topic, raw.Payload.Span, raw.ReceivedAt);
            }

            Topics.TryParse(raw.Topic, out var address);
            if (result.Message is { Payload: ControllerStatus status } m && !sentPlans.ContainsKey(m.IntersectionId))
            {
                var model = network.Intersection(m.IntersectionId);
                var index = network.Intersections.ToList().FindIndex(i => i.Id == m.IntersectionId);
                var plan = PlanTranslation.ToWire(Corridor.Plan(model, cycle, offset: 10 * index), model, "test-90", "traffic-service", 1746086400001 + index, raw.ReceivedAt, status.Time);
                sentPlans[m.IntersectionId] = plan;
                publishes.Add(Task.Run(() => publisher.PublishAsync(OutboundMessage.Plan(m.IntersectionId, plan))));
            }

            received.Add(new Checked(raw.Topic, address.Kind, result, raw.ReceivedAt));
            return ValueTask.CompletedTask;
        };
        await central.StartAsync();

        var report = await runner.RunAsync();
        await Task.WhenAll(publishes);
        var all = await received.WaitAsync(x => x.Count(c => c.Kind == TopicKind.Ack) >= network.Intersections.Count, "an ack from every intersection");

        var rejected = all.Where(c => !c.Result.IsAccepted).Select(c => $"{c.Topic}: {c.Result.Rejection}").ToList();
        Assert.True(rejected.Count == 0, $"{rejected.Count} rejected, first: {rejected.FirstOrDefault()}");
        Assert.True(all.Count(c => c.Kind == TopicKind.Detectors) >= network.Intersections.Count * 400, $"detector batches: {all.Count(c => c.Kind == TopicKind.Detectors)}");
        Assert.Contains(all, c => c.Kind == TopicKind.Cctv);
        Assert.True(all.Count(c => c.Kind == TopicKind.Tracks) >= 400, $"tracks: {all.Count(c => c.Kind == TopicKind.Tracks)}");
        Assert.Contains(all, c => c.Result.Message?.Payload is CctvTracks t && t.Lanes.Any(l => l.Vehicles.Count > 0));
        Assert.Equal(network.Intersections.Count, report.PlansAccepted);
        Assert.Equal(0, report.PublishFailures);

        foreach (var intersection in network.Intersections)
        {
            var plan = sentPlans[intersection.Id];
            var ack = all.Single(c => c.Kind == TopicKind.Ack && c.Topic.Contains($"/{intersection.Id}/", StringComparison.Ordinal)).Result.Message!.Payload as PlanAck;
            Assert.True(ack!.Accepted, $"{intersection.Id}: {ack.Reason}");
            Assert.Equal(plan.Seq, ack.PlanSeq);

            var controller = runner.Controllers[intersection.Id];
            Assert.Equal(plan.Seq, controller.PlanSeq);
            Assert.Equal("fixed-time", controller.PolicyName);
            var first = intersection.Structure.Rings[0][0];
            Assert.Equal(cycle, controller.ObservedCycleS(first));
            var start = controller.LastGreenStart(first)!.Value;
            var intoCycle = ((start - SignalTime.FromSeconds(plan.OffsetS)) % SignalTime.FromSeconds(cycle) + SignalTime.FromSeconds(cycle)) % SignalTime.FromSeconds(cycle);
            Assert.Equal(0, intoCycle);
        }

        var lastStatus = all.Last(c => c.Kind == TopicKind.Status && c.Topic.Contains("/I003/", StringComparison.Ordinal)).Result.Message!.Payload as ControllerStatus;
        Assert.Equal(sentPlans["I003"].Seq, lastStatus!.PlanSeq);
    }
}
