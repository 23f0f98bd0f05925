using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Validation;
using Xunit.Abstractions;

namespace Traffic.Mqtt.Tests;

public sealed class InboundValidatorTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_broken_kind_is_rejected_with_its_reason_and_every_good_message_between_passes()
    {
        var validator = new InboundValidator(TestNetwork.Network);
        var script = DoorSteps.Script(Now);
        var kinds = script.Count(s => s.Expected is not null);
        Assert.True(kinds >= 20, $"only {kinds} broken kinds");
        Assert.True(script.Select(s => s.Expected).OfType<RejectReason>().Distinct().Count() == Enum.GetValues<RejectReason>().Length, "every reason code is exercised");

        var failures = new List<string>();
        foreach (var step in script)
        {
            var result = validator.Validate(step.Topic, step.Payload, Now);
            if (!result.IsAccepted)
            {
                output.WriteLine($"{step.Name,-45} {result.Rejection!.Reason,-20} {result.Rejection.Detail}");
            }

            if (step.Expected is null && !result.IsAccepted)
            {
                failures.Add($"{step.Name}: expected accepted, got {result.Rejection}");
            }
            else if (step.Expected is { } reason && (result.IsAccepted || result.Rejection!.Reason != reason || string.IsNullOrWhiteSpace(result.Rejection.Detail)))
            {
                failures.Add($"{step.Name}: expected {reason}, got {(result.IsAccepted ? "accepted" : result.Rejection!.ToString())}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void An_accepted_message_carries_the_typed_payload_intersection_and_receive_time()
    {
        var validator = new InboundValidator(TestNetwork.Network);
        var sent = new Messages(Now).Cctv();
        var result = validator.Validate(Topics.Cctv("I002"), WireCodec.Encode(sent), Now.AddSeconds(1));

        Assert.True(result.IsAccepted, result.Rejection?.ToString());
        var m = result.Message!;
        Assert.Equal("I002", m.IntersectionId);
        Assert.Equal(TopicKind.Cctv, m.Kind);
        Assert.Equal(Now.AddSeconds(1), m.ReceivedAt);
        var got = Assert.IsType<CctvCounts>(m.Payload);
        Assert.True(DeepEqual.Check(sent, got, out var diff), diff);
    }

    [Fact]
    public void Details_name_the_field_and_the_value()
    {
        var validator = new InboundValidator(TestNetwork.Network);
        var m = new Messages(Now);
        var r = validator.Validate(Topics.Detectors("I001"), DoorSteps.Mutate(m.Detectors(), o => o["readings"]![1]!["occupancy"] = 1.25), Now);
        Assert.Equal("$.readings[1] (EA).occupancy must be 0..1, got 1.25", r.Rejection!.Detail);

        r = validator.Validate(Topics.Status("I001"), WireCodec.Encode(m.Status() with { Phases = [9] }), Now);
        Assert.Equal("$.phases[0]: phase 9 is not configured at intersection I001", r.Rejection!.Detail);

        r = validator.Validate(Topics.Detectors("I001"), DoorSteps.Mutate(m.Detectors(), o => o.Remove("seq")), Now);
        Assert.Contains("seq", r.Rejection!.Detail, StringComparison.Ordinal);

        r = validator.Validate(Topics.Cctv("I001"), DoorSteps.Mutate(m.Cctv(), o => o["approaches"]![0]!["colour"] = 1), Now);
        Assert.Contains("colour", r.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_window_limits_are_configurable_and_inclusive()
    {
        var options = ValidatorOptions.Default with { FutureTolerance = TimeSpan.FromSeconds(1), MaxAge = TimeSpan.FromSeconds(10) };
        var validator = new InboundValidator(TestNetwork.Network, options);
        var m = new Messages(Now);

        Assert.True(validator.Validate(Topics.Ack("I001"), WireCodec.Encode(m.Ack() with { Time = Now.AddSeconds(1) }), Now).IsAccepted);
        Assert.Equal(RejectReason.TimestampInFuture, validator.Validate(Topics.Ack("I001"), WireCodec.Encode(m.Ack() with { Time = Now.AddSeconds(1.1) }), Now).Rejection?.Reason);
        Assert.True(validator.Validate(Topics.Ack("I001"), WireCodec.Encode(m.Ack() with { Time = Now.AddSeconds(-10) }), Now).IsAccepted);
        Assert.Equal(RejectReason.TimestampTooOld, validator.Validate(Topics.Ack("I001"), WireCodec.Encode(m.Ack() with { Time = Now.AddSeconds(-10.1) }), Now).Rejection?.Reason);
    }

    [Fact]
    public void A_rejected_message_does_not_advance_its_sources_sequence()
    {
        var validator = new InboundValidator(TestNetwork.Network);
        var m = new Messages(Now);
        var broken = m.Detectors() with { Seq = 10, IntervalS = -1 };
        Assert.Equal(RejectReason.OutOfRange, validator.Validate(Topics.Detectors("I001"), WireCodec.Encode(broken), Now).Rejection?.Reason);
        Assert.True(validator.Validate(Topics.Detectors("I001"), WireCodec.Encode(broken with { IntervalS = 1, Seq = 5 }), Now).IsAccepted);
    }

    [Fact]
    public void Zone_offsets_are_accepted_and_normalised_to_utc()
    {
        var validator = new InboundValidator(TestNetwork.Network);
        var kst = DoorSteps.Mutate(new Messages(Now).Ack(), o => o["time"] = "2025-05-01T17:00:00+09:00");
        var r = validator.Validate(Topics.Ack("I001"), kst, Now);
        Assert.True(r.IsAccepted, r.Rejection?.ToString());
        Assert.Equal(TimeSpan.Zero, r.Message!.Payload.Time.Offset);
        Assert.Equal(Now, r.Message.Payload.Time);
    }
}
