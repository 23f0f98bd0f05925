using System.Globalization;
using Traffic.Mqtt.Contract;

namespace Traffic.Mqtt.Delivery;

/// <summary>
/// Keeps the latest timing plan of every intersection until the controller acknowledges it. A plan
/// not acknowledged within <see cref="PlanDeliveryOptions.AckTimeout"/> is resent, up to
/// <see cref="PlanDeliveryOptions.MaxResends"/> times, then an alarm is raised (once). A refused plan
/// raises an alarm and is not resent. <see cref="ResendAll"/> republishes every latest plan (after a
/// reconnect). Time is always given by the caller (event time or the live driver's clock): nothing
/// here reads a clock. Returns the actions to take; thread-safe.
/// </summary>
public sealed class PlanDelivery(PlanDeliveryOptions? options = null)
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public PlanDeliveryOptions Options { get; } = options ?? PlanDeliveryOptions.Default;

    /// <summary>A new plan for the intersection; its <see cref="WireMessage.Seq"/> must be above the previous plan's.</summary>
    public PublishPlan Submit(string intersectionId, TimingPlan plan, DateTimeOffset now)
    {
        lock (gate)
        {
            if (entries.TryGetValue(intersectionId, out var old) && plan.Seq <= old.Plan.Seq)
            {
                throw new ArgumentException($"plan seq {plan.Seq} for intersection {intersectionId} is not above the previous plan's seq {old.Plan.Seq}", nameof(plan));
            }

            entries[intersectionId] = new Entry(plan, now);
            return new PublishPlan(intersectionId, plan, 0);
        }
    }

    /// <summary>An acknowledgement from the controller. Acks for older plans are ignored (empty result).</summary>
    public IReadOnlyList<DeliveryAction> OnAck(string intersectionId, PlanAck ack, DateTimeOffset now)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(intersectionId, out var e) || ack.PlanSeq != e.Plan.Seq
                || e.State is PlanDeliveryState.Acknowledged or PlanDeliveryState.Rejected)
            {
                return [];
            }

            var wasAlarmed = e.State == PlanDeliveryState.Unacknowledged;
            if (!ack.Accepted)
            {
                e.State = PlanDeliveryState.Rejected;
                return [new PlanAlarm(intersectionId, e.Plan.Seq, AlarmSeverity.Critical, "planRejected", $"controller refused plan {e.Plan.PlanId} (seq {e.Plan.Seq}): {ack.Reason ?? "no reason given"}")];
            }

            e.State = PlanDeliveryState.Acknowledged;
            return wasAlarmed
                ? [new PlanAlarm(intersectionId, e.Plan.Seq, AlarmSeverity.Info, "planAcknowledgedLate", $"plan {e.Plan.PlanId} (seq {e.Plan.Seq}) acknowledged {Seconds(now - e.FirstSent)} s after the first send")]
                : [];
        }
    }

    /// <summary>Resends or alarms whatever is due at <paramref name="now"/>.</summary>
    public IReadOnlyList<DeliveryAction> Tick(DateTimeOffset now)
    {
        lock (gate)
        {
            var actions = new List<DeliveryAction>();
            foreach (var (id, e) in entries)
            {
                if (e.State != PlanDeliveryState.AwaitingAck || now - e.LastSent < Options.AckTimeout)
                {
                    continue;
                }

                if (e.Resends < Options.MaxResends)
                {
                    e.Resends++;
                    e.LastSent = now;
                    actions.Add(new PublishPlan(id, e.Plan, e.Resends));
                }
                else
                {
                    e.State = PlanDeliveryState.Unacknowledged;
                    actions.Add(new PlanAlarm(id, e.Plan.Seq, AlarmSeverity.Critical, "planNotAcknowledged", $"plan {e.Plan.PlanId} (seq {e.Plan.Seq}) not acknowledged after {e.Resends + 1} sends over {Seconds(now - e.FirstSent)} s"));
                }
            }

            return actions;
        }
    }

    /// <summary>
    /// Republishes the latest plan of every intersection (after a reconnect: the broker may have lost
    /// the retained plans and the controllers their acks). Unacknowledged plans start their ack
    /// timer and resend count afresh; refused plans are not resent.
    /// </summary>
    public IReadOnlyList<PublishPlan> ResendAll(DateTimeOffset now)
    {
        lock (gate)
        {
            var actions = new List<PublishPlan>();
            foreach (var (id, e) in entries.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                if (e.State == PlanDeliveryState.Rejected)
                {
                    continue;
                }

                if (e.State != PlanDeliveryState.Acknowledged)
                {
                    e.State = PlanDeliveryState.AwaitingAck;
                    e.Resends = 0;
                }

                e.LastSent = now;
                actions.Add(new PublishPlan(id, e.Plan, 0));
            }

            return actions;
        }
    }

    public PlanStatus? Status(string intersectionId)
    {
        lock (gate)
        {
            return entries.TryGetValue(intersectionId, out var e) ? new PlanStatus(intersectionId, e.Plan.Seq, e.State, e.Resends, e.LastSent) : null;
        }
    }

    /// <summary>The latest plan of the intersection, acknowledged or not.</summary>
    public TimingPlan? Latest(string intersectionId)
    {
        lock (gate)
        {
            return entries.TryGetValue(intersectionId, out var e) ? e.Plan : null;
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private sealed class Entry(TimingPlan plan, DateTimeOffset sent)
    {
        public TimingPlan Plan { get; } = plan;

        public DateTimeOffset FirstSent { get; } = sent;

        public DateTimeOffset LastSent { get; set; } = sent;

        public int Resends { get; set; }

        public PlanDeliveryState State { get; set; } = PlanDeliveryState.AwaitingAck;
    }
}
