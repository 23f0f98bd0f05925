using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using ControlPlan = Traffic.Control.TimingPlan;
using ControlSplit = Traffic.Control.PhaseSplit;
using WirePlan = Traffic.Mqtt.Contract.TimingPlan;
using WireSplit = Traffic.Mqtt.Contract.PhaseSplit;

namespace Traffic.Simulation.Field;

/// <summary>
/// Between the wire timing plan (<c>traffic/v1/intersections/{id}/plan</c>) and the plan the
/// fixed-time policy runs. On the wire a phase has its split (green + yellow + red clearance); the
/// green is the split less the phase's own yellow and red clearance from the intersection model
/// (the controller's safety timing, never the plan's).
/// </summary>
public static class PlanTranslation
{
    /// <summary>
    /// The plan to run, or null for free operation (<c>cycleS</c> 0: the controller's own actuated
    /// plan). <paramref name="errors"/> lists everything that makes the plan unusable here (then the
    /// result is null too and the plan must be refused).
    /// </summary>
    public static ControlPlan? ToControl(Intersection model, WirePlan wire, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        errors = problems;
        if (wire.CycleS == 0)
        {
            return null;
        }

        if (wire.Follow == true)
        {
            problems.Add($"plan {wire.PlanId} for {model.Id}: follow is for free operation (cycleS 0), this plan has a {wire.CycleS} s cycle");
            return null;
        }

        var splits = new List<ControlSplit>();
        foreach (var s in wire.Phases)
        {
            var phase = model.Phases.FirstOrDefault(p => p.Id == s.Phase);
            if (phase is null)
            {
                problems.Add($"plan {wire.PlanId} for {model.Id}: phase {s.Phase} is not configured at this intersection");
                continue;
            }

            var clearance = SignalTime.FromSeconds(phase.Timings.Yellow + phase.Timings.RedClearance);
            splits.Add(new ControlSplit(s.Phase, s.SplitS, SignalTime.ToSeconds(SignalTime.FromSeconds(s.SplitS) - clearance)));
        }

        if (problems.Count > 0)
        {
            return null;
        }

        var plan = new ControlPlan(wire.CycleS, wire.OffsetS, splits, wire.Rings);
        problems.AddRange(plan.Check(model));
        return problems.Count > 0 ? null : plan;
    }

    /// <summary>The wire form of <paramref name="plan"/> for <paramref name="model"/>, with each phase's green bounds from the model.</summary>
    public static WirePlan ToWire(
        ControlPlan plan,
        Intersection model,
        string planId,
        string source,
        long seq,
        DateTimeOffset time,
        DateTimeOffset validFrom) => new()
        {
            Source = source,
            Seq = seq,
            Time = time,
            PlanId = planId,
            CycleS = plan.Cycle,
            OffsetS = plan.Offset,
            ValidFrom = validFrom,
            Rings = plan.Sequence,
            Phases = [.. plan.Splits.Select(s => new WireSplit
            {
                Phase = s.Phase,
                SplitS = s.Split,
                MinGreenS = ControlPlan.MinimumGreen(model.Phase(s.Phase)),
                MaxGreenS = Math.Max(model.Phase(s.Phase).Timings.MaxGreen, s.Green),
            })],
        };
}
