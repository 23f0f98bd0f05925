using Traffic.Control;

namespace Traffic.Actors;

/// <summary>
/// What a corridor supervisor remembers of each of its intersections so that a restarted actor comes
/// back where it was: the mode and plan in effect (the last known-good plan, with its coordinated phases), its sequence number,
/// whether it still has to be issued, the last event time seen and the number of restarts. Written
/// by the supervisor (on failures) and by its children (on plan changes, once per second of event
/// time), read by a child when it starts; hence the lock.
/// </summary>
public sealed class PlanBook
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, PlanRecord> records = new(StringComparer.Ordinal);

    public PlanRecord? Get(string intersectionId)
    {
        lock (gate)
        {
            return records.GetValueOrDefault(intersectionId);
        }
    }

    /// <summary>A plan was issued (or re-issued) with <paramref name="seq"/>.</summary>
    public void Issued(string intersectionId, ControlMode mode, TimingPlan plan, MemberCoordination? coordinated, long seq, long time) =>
        Update(intersectionId, r => r with { Mode = mode, Plan = plan, Coordinated = coordinated, Seq = seq, Pending = false, Time = Math.Max(r.Time ?? time, time) });

    public void Touch(string intersectionId, long time) =>
        Update(intersectionId, r => r with { Time = Math.Max(r.Time ?? time, time) });

    /// <summary>The next start of the actor must issue this mode and plan under a new sequence number.</summary>
    public void Assign(string intersectionId, ControlMode mode, TimingPlan plan, MemberCoordination? coordinated) =>
        Update(intersectionId, r => r with { Mode = mode, Plan = plan, Coordinated = coordinated, Pending = true });

    public void CountRestart(string intersectionId) =>
        Update(intersectionId, r => r with { Restarts = r.Restarts + 1 });

    private void Update(string intersectionId, Func<PlanRecord, PlanRecord> change)
    {
        lock (gate)
        {
            var current = records.GetValueOrDefault(intersectionId) ?? PlanRecord.Empty;
            records[intersectionId] = change(current);
        }
    }
}

/// <summary>
/// One intersection's entry in a <see cref="PlanBook"/>. <paramref name="Plan"/> is null until a plan was
/// issued or assigned; <paramref name="Pending"/>: assigned but not yet issued; <paramref name="Time"/>:
/// the last event time the actor reached (null before it started). <see cref="Coordinated"/>: the coordinated
/// phases (and design flows) of a coordinated plan, so that a restarted member runs the coordinated policy again.
/// </summary>
public sealed record PlanRecord(ControlMode Mode, TimingPlan? Plan, long Seq, bool Pending, long? Time, int Restarts)
{
    public static PlanRecord Empty { get; } = new(ControlMode.Free, null, 0, false, null, 0);

    public MemberCoordination? Coordinated { get; init; }
}
