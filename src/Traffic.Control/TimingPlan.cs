using System.Globalization;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// One phase's share of the cycle in seconds: <paramref name="Split"/> = green + yellow + red clearance,
/// <paramref name="Green"/> the displayed green (for a phase with crosswalks it includes walk and
/// pedestrian clearance).
/// </summary>
public sealed record PhaseSplit(int Phase, double Split, double Green)
{
    /// <summary>Yellow plus red clearance.</summary>
    public double Clearance => Split - Green;
}

/// <summary>
/// A fixed-time (or coordinated) timing plan, as it is sent to a field controller: the cycle and
/// offset in seconds, a split per phase and the phase sequence (each ring's phases in service
/// order). The offset is the time of the cycle's zero point, i.e. the start of the first phase of
/// every ring, after the common time zero. All values are multiples of 0.1 s.
/// </summary>
public sealed record TimingPlan(
    double Cycle,
    double Offset,
    IReadOnlyList<PhaseSplit> Splits,
    IReadOnlyList<IReadOnlyList<int>> Sequence)
{
    public long CycleTicks => SignalTime.FromSeconds(Cycle);

    public long OffsetTicks => SignalTime.FromSeconds(Offset);

    public PhaseSplit Split(int phase)
    {
        foreach (var s in Splits)
        {
            if (s.Phase == phase)
            {
                return s;
            }
        }

        throw new ArgumentException($"timing plan has no split for phase {phase}", nameof(phase));
    }

    /// <summary>
    /// Everything that makes this plan unusable on <paramref name="intersection"/>, each as one line
    /// naming the phase or ring; empty when the plan is consistent.
    /// </summary>
    public IReadOnlyList<string> Check(Intersection intersection)
    {
        var errors = new List<string>();
        var where = $"timing plan for {intersection.Id}";
        if (!(Cycle > 0) || double.IsInfinity(Cycle))
        {
            errors.Add($"{where}: cycle {Fmt(Cycle)} s must be a positive number");
            return errors;
        }

        if (!double.IsFinite(Offset) || Offset < 0 || Offset >= Cycle)
        {
            errors.Add($"{where}: offset {Fmt(Offset)} s must lie in [0, cycle {Fmt(Cycle)} s)");
        }

        CheckSequence(intersection, where, errors);
        foreach (var phase in intersection.Phases)
        {
            CheckPhase(phase, where, errors);
        }

        if (intersection.Phases.All(p => Splits.Count(s => s.Phase == p.Id) == 1))
        {
            CheckBarriers(intersection, where, errors);
        }

        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem <see cref="Check"/> finds.</summary>
    public void EnsureValid(Intersection intersection)
    {
        var errors = Check(intersection);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
        }
    }

    private void CheckSequence(Intersection intersection, string where, List<string> errors)
    {
        var rings = intersection.Structure.Rings;
        if (Sequence.Count != rings.Count)
        {
            errors.Add($"{where}: sequence has {Sequence.Count} rings, the intersection has {rings.Count}");
            return;
        }

        for (var r = 0; r < rings.Count; r++)
        {
            if (!Sequence[r].SequenceEqual(rings[r]))
            {
                errors.Add($"{where}: ring {r + 1} sequence [{string.Join(",", Sequence[r])}] differs from the intersection's ring [{string.Join(",", rings[r])}]");
            }
        }
    }

    private void CheckPhase(Phase phase, string where, List<string> errors)
    {
        var matches = Splits.Count(s => s.Phase == phase.Id);
        if (matches != 1)
        {
            errors.Add($"{where}: phase {phase.Id} has {matches} splits, expected exactly 1");
            return;
        }

        var split = Split(phase.Id);
        var t = phase.Timings;
        var minimum = MinimumGreen(phase);
        if (!double.IsFinite(split.Green) || Ticks(split.Green) < Ticks(minimum))
        {
            errors.Add($"{where}: phase {phase.Id} green {Fmt(split.Green)} s is below its minimum {Fmt(minimum)} s");
        }

        if (!double.IsFinite(split.Split) || Ticks(split.Clearance) != Ticks(t.Yellow + t.RedClearance))
        {
            errors.Add($"{where}: phase {phase.Id} split {Fmt(split.Split)} s minus green {Fmt(split.Green)} s must equal yellow + red clearance {Fmt(t.Yellow + t.RedClearance)} s");
        }
    }

    private void CheckBarriers(Intersection intersection, string where, List<string> errors)
    {
        var structure = intersection.Structure;
        long cycle = 0;
        for (var b = 0; b < structure.BarrierGroups.Count; b++)
        {
            var durations = new List<(int Ring, long Ticks)>();
            for (var r = 0; r < structure.Rings.Count; r++)
            {
                var phases = structure.Rings[r].Where(p => structure.BarrierGroupOf(p) == b).ToList();
                if (phases.Count > 0)
                {
                    durations.Add((r, phases.Sum(p => Ticks(Split(p).Split))));
                }
            }

            if (durations.Select(d => d.Ticks).Distinct().Count() > 1)
            {
                var list = string.Join(", ", durations.Select(d => $"ring {d.Ring + 1} {Fmt(SignalTime.ToSeconds(d.Ticks))} s"));
                errors.Add($"{where}: barrier group {b + 1} has different lengths per ring ({list}); rings must reach the barrier together");
            }

            cycle += durations.Count > 0 ? durations.Max(d => d.Ticks) : 0;
        }

        if (cycle != CycleTicks)
        {
            errors.Add($"{where}: the barrier groups sum to {Fmt(SignalTime.ToSeconds(cycle))} s, not the cycle {Fmt(Cycle)} s");
        }
    }

    /// <summary>The shortest green a plan may give the phase: its minimum green, and walk plus pedestrian clearance when it has crosswalks.</summary>
    public static double MinimumGreen(Phase phase)
    {
        var t = phase.Timings;
        return phase.HasPedestrians ? Math.Max(t.MinGreen, t.Walk + t.PedClearance) : t.MinGreen;
    }

    private static long Ticks(double seconds) => SignalTime.FromSeconds(seconds);

    private static string Fmt(double v) => v.ToString("0.0##", CultureInfo.InvariantCulture);
}
