using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Delivery;

namespace Traffic.Mqtt.Tests;

public sealed class PlanDeliveryTests
{
    private static readonly PlanDeliveryOptions Options = new() { AckTimeout = TimeSpan.FromSeconds(5), MaxResends = 2 };

    private DateTimeOffset now = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    internal static TimingPlan Plan(long seq, string id = "P") => new()
    {
        Source = "traffic-service",
        Seq = seq,
        Time = DateTimeOffset.UnixEpoch,
        PlanId = $"{id}{seq}",
        CycleS = 90,
        OffsetS = 12,
        ValidFrom = DateTimeOffset.UnixEpoch,
        Rings = [[1, 2, 3, 4], [5, 6, 7, 8]],
        Phases = [new PhaseSplit { Phase = 2, SplitS = 40, MinGreenS = 7, MaxGreenS = 50 }],
    };

    private static PlanAck Ack(long planSeq, bool accepted = true) => new()
    {
        Source = "ctl", Seq = 1, Time = DateTimeOffset.UnixEpoch, PlanSeq = planSeq, Accepted = accepted, Reason = accepted ? null : "cycle too short",
    };

    private IReadOnlyList<DeliveryAction> Advance(PlanDelivery d, double seconds)
    {
        now = now.AddSeconds(seconds);
        return d.Tick(now);
    }

    [Fact]
    public void An_acknowledged_plan_is_never_resent()
    {
        var d = new PlanDelivery(Options);
        var first = d.Submit("I001", Plan(1), now);
        Assert.Equal(0, first.Attempt);
        Assert.Empty(Advance(d, 4.9));
        Assert.Empty(d.OnAck("I001", Ack(1), now));
        Assert.Empty(Advance(d, 60));
        Assert.Equal(PlanDeliveryState.Acknowledged, d.Status("I001")!.State);
    }

    [Fact]
    public void An_unacknowledged_plan_is_resent_each_timeout_then_alarms_once()
    {
        var d = new PlanDelivery(Options);
        d.Submit("I001", Plan(1), now);

        Assert.Empty(Advance(d, 4.9));
        var r1 = Assert.IsType<PublishPlan>(Assert.Single(Advance(d, 0.1)));
        Assert.Equal(1, r1.Attempt);
        Assert.Empty(Advance(d, 4.9));
        var r2 = Assert.IsType<PublishPlan>(Assert.Single(Advance(d, 0.1)));
        Assert.Equal(2, r2.Attempt);
        var alarm = Assert.IsType<PlanAlarm>(Assert.Single(Advance(d, 5)));
        Assert.Equal("planNotAcknowledged", alarm.Code);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Contains("3 sends over 15 s", alarm.Detail, StringComparison.Ordinal);
        Assert.Empty(Advance(d, 50));
        Assert.Equal(PlanDeliveryState.Unacknowledged, d.Status("I001")!.State);

        var late = Assert.IsType<PlanAlarm>(Assert.Single(d.OnAck("I001", Ack(1), now)));
        Assert.Equal("planAcknowledgedLate", late.Code);
        Assert.Equal(PlanDeliveryState.Acknowledged, d.Status("I001")!.State);
    }

    [Fact]
    public void An_ack_for_an_older_plan_does_not_acknowledge_the_latest()
    {
        var d = new PlanDelivery(Options);
        d.Submit("I001", Plan(1), now);
        d.Submit("I001", Plan(2), now);
        Assert.Empty(d.OnAck("I001", Ack(1), now));
        var resend = Assert.IsType<PublishPlan>(Assert.Single(Advance(d, 5)));
        Assert.Equal(2, resend.Plan.Seq);
    }

    [Fact]
    public void A_refused_plan_alarms_and_is_not_resent()
    {
        var d = new PlanDelivery(Options);
        d.Submit("I001", Plan(1), now);
        var alarm = Assert.IsType<PlanAlarm>(Assert.Single(d.OnAck("I001", Ack(1, accepted: false), now)));
        Assert.Equal("planRejected", alarm.Code);
        Assert.Contains("cycle too short", alarm.Detail, StringComparison.Ordinal);
        Assert.Empty(Advance(d, 60));
        Assert.Empty(d.ResendAll(now));
    }

    [Fact]
    public void Intersections_are_tracked_independently()
    {
        var d = new PlanDelivery(Options);
        d.Submit("I001", Plan(1), now);
        Advance(d, 2);
        d.Submit("I002", Plan(1), now);
        d.OnAck("I002", Ack(1), now);
        var due = Advance(d, 3);
        Assert.Equal("I001", Assert.Single(due).IntersectionId);
    }

    [Fact]
    public void Resend_all_republishes_every_latest_plan_and_restarts_unacknowledged_ones()
    {
        var d = new PlanDelivery(Options);
        d.Submit("I002", Plan(4), now);
        d.Submit("I001", Plan(7), now);
        d.OnAck("I002", Ack(4), now);
        Advance(d, 5);
        Advance(d, 5);
        Advance(d, 5);
        Assert.Equal(PlanDeliveryState.Unacknowledged, d.Status("I001")!.State);

        var all = d.ResendAll(now);
        Assert.Equal(["I001:7", "I002:4"], all.Select(p => $"{p.IntersectionId}:{p.Plan.Seq}"));
        Assert.Equal(PlanDeliveryState.AwaitingAck, d.Status("I001")!.State);
        Assert.Equal(PlanDeliveryState.Acknowledged, d.Status("I002")!.State);
        Assert.IsType<PublishPlan>(Assert.Single(Advance(d, 5)));
    }

    [Fact]
    public void Plan_sequence_numbers_must_increase()
    {
        var d = new PlanDelivery(Options);
        d.Submit("I001", Plan(3), now);
        var e = Assert.Throws<ArgumentException>(() => d.Submit("I001", Plan(3), now));
        Assert.Contains("seq 3 for intersection I001 is not above the previous plan's seq 3", e.Message, StringComparison.Ordinal);
    }
}
