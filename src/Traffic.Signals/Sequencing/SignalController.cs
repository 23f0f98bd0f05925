using Traffic.Signals.Model;
using Traffic.Signals.Safety;

namespace Traffic.Signals.Sequencing;

/// <summary>
/// The one way to drive the signals of an intersection: the sequencer makes the moves, the
/// independent safety monitor checks every state before it is shown. A violation latches a fault:
/// every group goes to all-red flash, <see cref="Faulted"/> is raised and <see cref="Fault"/> keeps
/// the reason until an operator calls <see cref="ResetFault"/>. Operator manual control goes
/// through the same monitor.
/// </summary>
public sealed class SignalController : ISignalControl
{
    private readonly Indication[] flash;
    private Sequencer sequencer;
    private SafetyMonitor monitor;
    private Indication[]? manual;
    private Indication[]? pendingManual;

    public SignalController(Intersection model, long startTime = 0)
    {
        Model = model;
        sequencer = new Sequencer(model, startTime);
        monitor = new SafetyMonitor(model, startTime);
        flash = Enumerable.Repeat(Indication.FlashRed, model.SignalGroups.Count).ToArray();
        Now = startTime;
    }

    /// <summary>Raised once when the monitor latches a fault.</summary>
    public event Action<SafetyViolation>? Faulted;

    public Intersection Model { get; }

    public long Now { get; private set; }

    public int RingCount => sequencer.RingCount;

    public bool IsPreempted => sequencer.IsPreempted;

    public bool IsFaulted => monitor.IsFaulted;

    public bool IsManual => manual is not null;

    public SafetyViolation? Fault => monitor.Fault;

    /// <summary>What the signal heads show now, indexed like <see cref="Intersection.SignalGroups"/>.</summary>
    public ReadOnlySpan<Indication> Indications =>
        monitor.IsFaulted ? flash : manual ?? sequencer.Indications;

    /// <summary>The sequencer behind the controller, for status displays (SPaT countdowns).</summary>
    public Sequencer Sequencer => sequencer;

    public RingStatus Ring(int ring) => sequencer.Ring(ring);

    /// <summary>
    /// When signal group <paramref name="group"/> can next change (SPaT min and max end). While
    /// faulted or under manual control nothing is timed: the earliest change is the next tick (an
    /// operator may act at any time) and the latest is unknown.
    /// </summary>
    public IndicationTiming Timing(int group) =>
        monitor.IsFaulted || manual is not null || pendingManual is not null
            ? new IndicationTiming(Now + 1, null)
            : sequencer.Timing(group);

    public bool IsGreen(int phase) => !IsFaulted && manual is null && sequencer.IsGreen(phase);

    public long GreenElapsed(int phase) => IsGreen(phase) ? sequencer.GreenElapsed(phase) : -1;

    public bool HasCall(int phase) => sequencer.HasCall(phase);

    public void PlaceCall(int phase) => sequencer.PlaceCall(phase);

    public void PlacePedCall(int phase) => sequencer.PlacePedCall(phase);

    public void SetHold(int phase, bool hold) => sequencer.SetHold(phase, hold);

    public void ForceOff(int phase) => sequencer.ForceOff(phase);

    public void SetOmit(int phase, bool omit) => sequencer.SetOmit(phase, omit);

    public void RequestPreemption(PreemptionRequest request) => sequencer.RequestPreemption(request);

    public void ReleasePreemption(string id) => sequencer.ReleasePreemption(id);

    /// <summary>Advances one tick (0.1 s) and checks what is shown.</summary>
    public void Step()
    {
        Now++;
        if (monitor.IsFaulted)
        {
            return;
        }

        if (pendingManual is not null)
        {
            manual = pendingManual;
            pendingManual = null;
        }

        if (manual is null)
        {
            sequencer.Step();
        }

        var fault = monitor.Check(Now, Indications);
        if (fault is not null)
        {
            Faulted?.Invoke(fault);
        }
    }

    /// <summary>Steps until <see cref="Now"/> reaches <paramref name="time"/> (ticks).</summary>
    public void AdvanceTo(long time)
    {
        while (Now < time)
        {
            Step();
        }
    }

    /// <summary>
    /// Operator manual control: show exactly these indications from the next tick on, checked by the
    /// safety monitor like everything else. An unsafe manual state trips the fault.
    /// </summary>
    public void SetManual(ReadOnlySpan<Indication> indications)
    {
        if (indications.Length != flash.Length)
        {
            throw new ArgumentException($"{Model.Id}: {indications.Length} indications for {flash.Length} signal groups", nameof(indications));
        }

        pendingManual = indications.ToArray();
    }

    /// <summary>Ends manual control; the manual state must be all red. Normal operation restarts with start-up all-red.</summary>
    public void EndManual()
    {
        if (manual is null)
        {
            return;
        }

        foreach (var i in manual)
        {
            if (i.IsActive())
            {
                throw new InvalidOperationException($"{Model.Id}: manual control must end in all red");
            }
        }

        manual = null;
        sequencer = new Sequencer(Model, Now);
    }

    /// <summary>Operator reset after a fault: a fresh sequencer and monitor starting in all-red.</summary>
    public void ResetFault()
    {
        manual = null;
        pendingManual = null;
        sequencer = new Sequencer(Model, Now);
        monitor = new SafetyMonitor(Model, Now);
    }
}
