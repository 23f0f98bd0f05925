using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Fully actuated control. Detection on a phase that is not green places a call (locking: it stays until
/// the phase is served); stop-bar presence keeps calling and extending for as long as it is occupied.
/// On a green phase every actuation restarts the passage timer; once minimum green has run and no
/// actuation came for the phase's passage time the policy forces the phase off (gap-out). Max-out is
/// the sequencer's. Recall per phase: Min (constant call), Max (constant call, never gaps out), Ped
/// (constant pedestrian call). Pedestrians the CCTV sees waiting at a leg's crosswalk call the phases
/// that walk that crosswalk. With <see cref="RestMode.Green"/> the rest phases are not gapped out
/// while no other phase is called, so the sequencer can rest in them.
/// </summary>
public sealed class ActuatedPolicy : ISignalPolicy
{
    private const long Never = long.MinValue / 4;

    private readonly Intersection intersection;
    private readonly ActuatedSettings settings;
    private readonly bool[] occupied;
    private readonly Dictionary<int, long> lastActuation = [];
    private readonly Dictionary<string, List<int>> phasesWalkingLeg = new(StringComparer.Ordinal);
    private readonly HashSet<int> pendingCalls = [];
    private readonly HashSet<int> pendingPedCalls = [];
    private readonly HashSet<int> recalled = [];

    public ActuatedPolicy(Intersection intersection, ActuatedSettings settings)
    {
        CheckSettings(intersection, settings);
        this.intersection = intersection;
        this.settings = settings;
        occupied = new bool[intersection.Detectors.Count];
        var crosswalkLeg = intersection.Crosswalks.Where(c => c.LegId is not null).ToDictionary(c => c.Id, c => c.LegId!);
        foreach (var phase in intersection.Phases)
        {
            lastActuation[phase.Id] = Never;
            foreach (var crosswalk in phase.Crosswalks)
            {
                if (crosswalkLeg.TryGetValue(crosswalk, out var leg))
                {
                    if (!phasesWalkingLeg.TryGetValue(leg, out var list))
                    {
                        phasesWalkingLeg[leg] = list = [];
                    }

                    list.Add(phase.Id);
                }
            }
        }
    }

    public string Name => "actuated";

    public void Observe(in DetectorReading r)
    {
        if (r.Detector < 0 || r.Detector >= occupied.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(r), $"intersection {intersection.Id}: detector index {r.Detector} is not in 0..{occupied.Length - 1}");
        }

        if (r.Count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(r), $"intersection {intersection.Id}: detector {intersection.Detectors[r.Detector].Id} reported a negative count {r.Count}");
        }

        occupied[r.Detector] = r.Presence;
        if (!r.Presence && r.Count == 0)
        {
            return;
        }

        foreach (var phase in intersection.Detectors[r.Detector].Phases)
        {
            lastActuation[phase] = Math.Max(lastActuation[phase], r.Time);
            pendingCalls.Add(phase);
        }
    }

    public void Observe(ApproachObservation o)
    {
        if (!intersection.Legs.Any(l => l.Id == o.LegId))
        {
            throw new ArgumentException($"intersection {intersection.Id}: observation for unknown leg '{o.LegId}'", nameof(o));
        }

        if (!settings.CctvPedestrianCalls || !phasesWalkingLeg.TryGetValue(o.LegId, out var phases))
        {
            return;
        }

        foreach (var phase in phases)
        {
            if (o.PedestriansWaiting > 0)
            {
                pendingPedCalls.Add(phase);
            }
            else
            {
                pendingPedCalls.Remove(phase);
            }
        }
    }

    public void Decide(ISignalControl control)
    {
        var now = control.Now;
        for (var d = 0; d < occupied.Length; d++)
        {
            if (occupied[d])
            {
                foreach (var phase in intersection.Detectors[d].Phases)
                {
                    lastActuation[phase] = now;
                    pendingCalls.Add(phase);
                }
            }
        }

        foreach (var phase in intersection.Phases)
        {
            if (control.IsGreen(phase.Id))
            {
                DecideGreen(control, phase);
            }
            else
            {
                DecideNotGreen(control, phase);
            }
        }
    }

    private void DecideNotGreen(ISignalControl control, Phase phase)
    {
        var id = phase.Id;
        var recall = settings.RecallOf(id);
        var firstSinceService = recalled.Add(id);
        if (pendingCalls.Remove(id) || (recall is RecallMode.Min or RecallMode.Max && (firstSinceService || !control.HasCall(id))))
        {
            control.PlaceCall(id);
        }

        if (pendingPedCalls.Remove(id) || (recall == RecallMode.Ped && (firstSinceService || !control.HasCall(id))))
        {
            control.PlacePedCall(id);
        }
    }

    private void DecideGreen(ISignalControl control, Phase phase)
    {
        var id = phase.Id;
        recalled.Remove(id);
        pendingCalls.Remove(id);
        if (settings.RecallOf(id) == RecallMode.Max || control.IsPreempted || control.IsFaulted)
        {
            return;
        }

        // Commands act at the sequencer's next advance, so decide for the coming tick.
        var next = control.Now + PolicyTiming.CommandLatencyTicks;
        var minimumDone = control.GreenElapsed(id) + PolicyTiming.CommandLatencyTicks >= SignalTime.FromSeconds(phase.Timings.MinGreen);
        var gapped = next - lastActuation[id] >= SignalTime.FromSeconds(phase.Timings.Passage);
        if (minimumDone && gapped && !RestsIn(control, id))
        {
            control.ForceOff(id);
        }
    }

    /// <summary>Rest in green: a rest phase stays green while no phase outside the rest phases is called.</summary>
    private bool RestsIn(ISignalControl control, int phase)
    {
        var options = intersection.Options;
        if (options.Rest != RestMode.Green || !options.RestPhases.Contains(phase))
        {
            return false;
        }

        return !intersection.Phases.Any(p => !options.RestPhases.Contains(p.Id) && control.HasCall(p.Id));
    }

    private static void CheckSettings(Intersection intersection, ActuatedSettings settings)
    {
        var errors = new List<string>();
        foreach (var (id, mode) in settings.Recall)
        {
            var phase = intersection.Phases.FirstOrDefault(p => p.Id == id);
            if (phase is null)
            {
                errors.Add($"actuated settings for {intersection.Id}: recall {mode} for unknown phase {id}");
            }
            else if (mode == RecallMode.Ped && !phase.HasPedestrians)
            {
                errors.Add($"actuated settings for {intersection.Id}: phase {id} has ped recall but no crosswalks");
            }
            else if (mode is RecallMode.Min or RecallMode.Max && !phase.HasVehicles)
            {
                errors.Add($"actuated settings for {intersection.Id}: phase {id} is pedestrian-only; use Ped recall, not {mode}");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(settings));
        }
    }
}
