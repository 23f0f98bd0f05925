using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Actors;

/// <summary>
/// The actor's controller as its free policy sees it, noting every change the policy asks for so that a following
/// field controller can be told the same (<see cref="FieldCommandIssued"/>): a call on a phase that had none, a hold
/// or omit that changes, every force-off, and every green this controller ends by itself (gap-out, max-out) as a
/// force-off. Unchanged requests (a policy calls the same phases every second) are not repeated; <see cref="Flush"/>
/// also sends the whole omit state (omit and unomit) every <see cref="KeepAliveTicks"/>, so a following controller
/// hears from the service well within its timeout and catches up with a change it missed.
/// </summary>
internal sealed class FieldForwarder(ISignalControl inner) : ISignalControl
{
    /// <summary>How often the whole omit state is sent, and the longest a pedestrian call is not repeated.</summary>
    public static readonly long KeepAliveTicks = SignalTime.FromSeconds(10);

    /// <summary>How often a call is repeated while its phase still waits here.</summary>
    public static readonly long CallRepeatTicks = SignalTime.FromSeconds(3);

    private readonly Dictionary<FieldCommandKind, SortedSet<int>> pending = [];
    private readonly HashSet<int> omitted = [];
    private readonly HashSet<int> held = [];
    private readonly Dictionary<int, long> pedCalled = [];
    private readonly Dictionary<int, long> called = [];
    private readonly Dictionary<int, long> forced = [];
    private readonly int[] ringGreen = Enumerable.Repeat(-1, inner.RingCount).ToArray();
    private long lastOmitState = inner.Now;

    public Intersection Model => inner.Model;

    public long Now => inner.Now;

    public int RingCount => inner.RingCount;

    public bool IsPreempted => inner.IsPreempted;

    public bool IsFaulted => inner.IsFaulted;

    public RingStatus Ring(int ring) => inner.Ring(ring);

    public bool IsGreen(int phase) => inner.IsGreen(phase);

    public long GreenElapsed(int phase) => inner.GreenElapsed(phase);

    public bool HasCall(int phase) => inner.HasCall(phase);

    public void PlaceCall(int phase)
    {
        // Once per wait for green by its own record (this controller may hold calls the field never had: its start-up
        // calls), and again every few seconds while the phase still waits (the field may have served and cleared it).
        if (!inner.IsGreen(phase) && Due(called, phase, CallRepeatTicks))
        {
            Note(FieldCommandKind.Call, phase);
        }

        inner.PlaceCall(phase);
    }

    public void PlacePedCall(int phase)
    {
        // A policy may repeat a pedestrian call every tick while it waits; the field hears it once per ped-call interval.
        if (Due(pedCalled, phase, KeepAliveTicks))
        {
            Note(FieldCommandKind.PedestrianCall, phase);
        }

        inner.PlacePedCall(phase);
    }

    public void SetHold(int phase, bool hold)
    {
        Toggle(held, phase, hold, FieldCommandKind.Hold, FieldCommandKind.Release);
        inner.SetHold(phase, hold);
    }

    public void ForceOff(int phase)
    {
        // A policy repeats a force-off every tick until the controller may end the phase; the field's controller only
        // acts on one when it may, so it hears it again every second while the phase is still green here.
        if (inner.IsGreen(phase))
        {
            NoteForceOff(phase);
        }

        inner.ForceOff(phase);
    }

    public void SetOmit(int phase, bool omit)
    {
        Toggle(omitted, phase, omit, FieldCommandKind.Omit, FieldCommandKind.Unomit);
        inner.SetOmit(phase, omit);
    }

    public void RequestPreemption(PreemptionRequest request) => inner.RequestPreemption(request);

    public void ReleasePreemption(string id) => inner.ReleasePreemption(id);

    /// <summary>The commands collected since the last flush (omits first, force-offs before calls), then forgets them.</summary>
    public IEnumerable<(FieldCommandKind Kind, IReadOnlyList<int> Phases)> Flush()
    {
        foreach (var served in called.Keys.Where(inner.IsGreen).ToList())
        {
            called.Remove(served); // served: the next call is a new one
        }

        EndedGreens();
        if (Now - lastOmitState >= KeepAliveTicks)
        {
            // The whole omit state (it supersedes the changes pending), so a field that missed a change (a reconnect, an
            // actor restart) catches up within 10 s even while calls and force-offs keep flowing, and the field's
            // watchdog hears from the service at least that often.
            lastOmitState = Now;
            pending.Remove(FieldCommandKind.Omit);
            pending.Remove(FieldCommandKind.Unomit);
            var others = Model.Phases.Where(p => p.HasVehicles && !omitted.Contains(p.Id)).Select(p => p.Id).ToList();
            if (omitted.Count > 0)
            {
                pending[FieldCommandKind.Omit] = [.. omitted];
            }

            if (others.Count > 0)
            {
                pending[FieldCommandKind.Unomit] = [.. others];
            }
        }

        if (pending.Count == 0)
        {
            yield break;
        }

        foreach (var kind in Enum.GetValues<FieldCommandKind>().OrderBy(Order))
        {
            if (pending.Remove(kind, out var phases))
            {
                yield return (kind, [.. phases]);
            }
        }
    }

    /// <summary>Forgets what the field was told (a new plan: the field starts from no holds and no omits).</summary>
    public void Reset()
    {
        pending.Clear();
        omitted.Clear();
        held.Clear();
        pedCalled.Clear();
        called.Clear();
        forced.Clear();
        Array.Fill(ringGreen, -1);
        lastOmitState = Now;
    }

    /// <summary>
    /// A vehicle green this controller ended by itself (gap-out, max-out) is a force-off for the field: the field started
    /// the phase a second or two later (the call went over the broker) and, left alone, ends it later too; measured on
    /// the daegu-250 field run, mid-block and scramble layouts then drifted seconds behind every cycle.
    /// </summary>
    private void EndedGreens()
    {
        for (var r = 0; r < ringGreen.Length; r++)
        {
            var ring = inner.Ring(r);
            var green = ring.Interval == RingInterval.Green ? ring.Phase : -1;
            var ended = ringGreen[r];
            ringGreen[r] = green;
            if (ended >= 0 && ended != green)
            {
                NoteForceOff(ended);
            }
        }
    }

    /// <summary>
    /// A force-off for the field, at most one a second per phase. None for a pedestrian-only phase: it ends when its walk
    /// and clearance are timed, force-off or not.
    /// </summary>
    private void NoteForceOff(int phase)
    {
        if (Model.Phase(phase).HasVehicles && Due(forced, phase, SignalTime.TicksPerSecond))
        {
            Note(FieldCommandKind.ForceOff, phase);
        }
    }

    private static int Order(FieldCommandKind kind) => kind switch
    {
        FieldCommandKind.Unomit => 0,
        FieldCommandKind.Omit => 1,
        FieldCommandKind.Release => 2,
        FieldCommandKind.ForceOff => 3,
        FieldCommandKind.Hold => 4,
        _ => 5,
    };

    /// <summary>True (and the time noted) when <paramref name="phase"/> was not sent within the last <paramref name="interval"/> ticks.</summary>
    private bool Due(Dictionary<int, long> sentAt, int phase, long interval)
    {
        if (sentAt.TryGetValue(phase, out var at) && Now - at < interval)
        {
            return false;
        }

        sentAt[phase] = Now;
        return true;
    }

    /// <summary>Notes <paramref name="onKind"/> or <paramref name="offKind"/> when the phase's state in <paramref name="set"/> changes.</summary>
    private void Toggle(HashSet<int> set, int phase, bool on, FieldCommandKind onKind, FieldCommandKind offKind)
    {
        if (on ? set.Add(phase) : set.Remove(phase))
        {
            Note(on ? onKind : offKind, phase);
        }
    }

    private void Note(FieldCommandKind kind, int phase)
    {
        // A change that undoes one not yet sent cancels it: the field never hears of either.
        var opposite = kind switch
        {
            FieldCommandKind.Omit => FieldCommandKind.Unomit,
            FieldCommandKind.Unomit => FieldCommandKind.Omit,
            FieldCommandKind.Hold => FieldCommandKind.Release,
            FieldCommandKind.Release => FieldCommandKind.Hold,
            _ => (FieldCommandKind?)null,
        };
        if (opposite is { } o && pending.TryGetValue(o, out var other) && other.Remove(phase))
        {
            if (other.Count == 0)
            {
                pending.Remove(o);
            }

            return;
        }

        if (!pending.TryGetValue(kind, out var set))
        {
            pending[kind] = set = [];
        }

        set.Add(phase);
    }
}
