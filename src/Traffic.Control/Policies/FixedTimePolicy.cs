using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Fixed-time (and, with an offset, coordinated) control from a <see cref="TimingPlan"/>. Every phase is
/// on max recall (vehicle call, and pedestrian call where it has crosswalks). The cycle clock is
/// (now - offset) mod cycle; along each ring a phase's window starts where the splits of the phases
/// before it end, and its force-off point is window start + green. A green that started inside its
/// window is held (past max green if need be) and forced off at the force-off point, so the cycle
/// keeps its length and phase starts stay on the cycle. A green that started outside its window (at
/// start-up, after preemption) is either ended as soon as minimum green allows, when it is late, or
/// held until the end of its next window, when it is early; this puts every phase on the cycle within
/// about one cycle. While preempted or faulted the policy releases its holds and leaves the sequencer alone.
/// </summary>
public sealed class FixedTimePolicy : ISignalPolicy
{
    private readonly Intersection intersection;
    private readonly long cycle;
    private readonly long offset;
    private readonly Dictionary<int, (long Start, long Green)> windows = [];
    private readonly Dictionary<int, (long GreenStart, long End)> currentGreen = [];
    private readonly HashSet<int> held = [];
    private readonly HashSet<int> recalled = [];

    public FixedTimePolicy(Intersection intersection, TimingPlan plan)
    {
        plan.EnsureValid(intersection);
        this.intersection = intersection;
        Plan = plan;
        cycle = plan.CycleTicks;
        offset = plan.OffsetTicks;
        CycleWindow.Fill(intersection.Structure.Rings, plan, windows);
    }

    public string Name => "fixed-time";

    public TimingPlan Plan { get; }

    /// <summary>Position in the cycle, in ticks from the cycle's zero point.</summary>
    public long CycleClock(long now) => Mod(now - offset, cycle);

    /// <summary>The planned start of the phase's green within the cycle, in ticks.</summary>
    public long WindowStart(int phase) => windows[phase].Start;

    /// <summary>The planned force-off point of the phase within the cycle, in ticks.</summary>
    public long ForceOffPoint(int phase) => Mod(windows[phase].Start + windows[phase].Green, cycle);

    public void Observe(in DetectorReading r)
    {
        // Fixed time ignores detection.
    }

    public void Observe(ApproachObservation o)
    {
        // Fixed time ignores detection.
    }

    public void Decide(ISignalControl control)
    {
        if (control.IsPreempted || control.IsFaulted)
        {
            ReleaseHolds(control, _ => true);
            currentGreen.Clear();
            recalled.Clear();
            return;
        }

        var now = control.Now;
        foreach (var phase in intersection.Phases)
        {
            var id = phase.Id;
            if (!control.IsGreen(id))
            {
                currentGreen.Remove(id);
                ReleaseHolds(control, p => p == id);
                if (recalled.Add(id) || !control.HasCall(id))
                {
                    PlaceRecall(control, phase);
                }

                continue;
            }

            recalled.Remove(id);

            var greenStart = now - control.GreenElapsed(id);
            if (!currentGreen.TryGetValue(id, out var green) || green.GreenStart != greenStart)
            {
                green = (greenStart, PlannedEnd(id, greenStart));
                currentGreen[id] = green;
            }

            // A pedestrian-only phase's hold stretches its walk; its clearance runs after the release.
            var release = green.End - (phase.HasVehicles ? 0 : SignalTime.FromSeconds(phase.Timings.PedClearance));
            if (now + PolicyTiming.CommandLatencyTicks < release)
            {
                if (held.Add(id))
                {
                    control.SetHold(id, true);
                }
            }
            else
            {
                ReleaseHolds(control, p => p == id);
                control.ForceOff(id);
            }
        }
    }

    /// <summary>When the green of a phase that began at <paramref name="greenStart"/> should end (ticks).</summary>
    internal long PlannedEnd(int phase, long greenStart)
    {
        var (start, green) = windows[phase];
        return CycleWindow.PlannedEnd(greenStart, offset, start, green, cycle);
    }

    /// <summary>Calls stay until served, so one vehicle and one pedestrian call after each service is max recall.</summary>
    private static void PlaceRecall(ISignalControl control, Phase phase)
    {
        if (phase.HasVehicles)
        {
            control.PlaceCall(phase.Id);
        }

        if (phase.HasPedestrians)
        {
            control.PlacePedCall(phase.Id);
        }
    }

    private void ReleaseHolds(ISignalControl control, Func<int, bool> which)
    {
        foreach (var id in held.Where(which).ToList())
        {
            control.SetHold(id, false);
            held.Remove(id);
        }
    }

    private static long Mod(long a, long m) => ((a % m) + m) % m;
}
