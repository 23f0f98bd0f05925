using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Signals.Safety;

/// <summary>
/// A software malfunction management unit (MMU). It knows nothing of how the sequencer works: it
/// watches the indications of every signal group, tick by tick, and checks them against the
/// conflict matrix and the intersection's timings. The first violation latches a fault; from then
/// on the intersection must show all-red flash until an operator resets it.
/// Rules: no two conflicting groups active (green, yellow, walk, flashing don't walk) at once;
/// green at least its minimum; green only ends through yellow; yellow at least its configured
/// length; a group turns green or walk only after every conflicting group has been inactive for
/// that group's red clearance; walk at least its length (unless the agency lets preemption
/// shorten it); walk only ends through pedestrian clearance, which is never cut. An overlap's group
/// is checked like any vehicle group, with the overlap's own minimum green, yellow and red clearance.
/// </summary>
public sealed class SafetyMonitor
{
    private const long LongAgo = long.MinValue / 4;

    private readonly Intersection model;
    private readonly SignalGroupKind[] kind;
    private readonly long[] minGreen;
    private readonly long[] yellow;
    private readonly long[] redClearance;
    private readonly long[] walk;
    private readonly long[] pedClearance;
    private readonly int[][] conflictsOf;
    private readonly Indication[] current;
    private readonly long[] since;
    private readonly long[] inactiveSince;

    public SafetyMonitor(Intersection model, long startTime = 0)
    {
        this.model = model;
        var n = model.SignalGroups.Count;
        kind = new SignalGroupKind[n];
        minGreen = new long[n];
        yellow = new long[n];
        redClearance = new long[n];
        walk = new long[n];
        pedClearance = new long[n];
        conflictsOf = new int[n][];
        current = new Indication[n];
        since = new long[n];
        inactiveSince = new long[n];
        foreach (var g in model.SignalGroups)
        {
            var i = g.Index;
            kind[i] = g.Kind;
            if (model.OverlapOf(i) is { } overlap)
            {
                // An overlap is a vehicle group with its own minimum green, yellow and red clearance.
                minGreen[i] = SignalTime.FromSeconds(overlap.Timings.MinGreen);
                yellow[i] = SignalTime.FromSeconds(overlap.Timings.Yellow);
                redClearance[i] = SignalTime.FromSeconds(overlap.Timings.RedClearance);
            }
            else
            {
                var t = model.Phase(g.PhaseId).Timings;
                minGreen[i] = SignalTime.FromSeconds(t.MinGreen);
                yellow[i] = SignalTime.FromSeconds(t.Yellow);
                redClearance[i] = SignalTime.FromSeconds(t.RedClearance);
                walk[i] = model.Options.AllowWalkTruncationOnPreempt ? 0 : SignalTime.FromSeconds(t.Walk);
                pedClearance[i] = SignalTime.FromSeconds(t.PedClearance);
            }

            current[i] = g.Kind == SignalGroupKind.Vehicle ? Indication.Red : Indication.DontWalk;
            since[i] = startTime;
            inactiveSince[i] = LongAgo;
            conflictsOf[i] = Enumerable.Range(0, n).Where(j => j != i && model.Conflicts[i, j]).ToArray();
        }
    }

    public SafetyViolation? Fault { get; private set; }

    public bool IsFaulted => Fault is not null;

    /// <summary>Checks the indications shown at <paramref name="time"/>; returns the latched fault, if any.</summary>
    public SafetyViolation? Check(long time, ReadOnlySpan<Indication> shown)
    {
        if (Fault is not null)
        {
            return Fault;
        }

        if (shown.Length != current.Length)
        {
            throw new ArgumentException($"{model.Id}: {shown.Length} indications for {current.Length} signal groups", nameof(shown));
        }

        for (var g = 0; g < shown.Length; g++)
        {
            if (shown[g] != current[g])
            {
                var broken = CheckTransition(g, current[g], shown[g], time);
                if (broken is not null)
                {
                    return Latch(time, broken.Value.Rule, broken.Value.Message);
                }
            }
        }

        for (var g = 0; g < shown.Length; g++)
        {
            if (!shown[g].IsActive())
            {
                continue;
            }

            foreach (var c in conflictsOf[g])
            {
                if (c > g && shown[c].IsActive())
                {
                    return Latch(
                        time,
                        "conflicting-indications",
                        $"group {Name(g)} shows {shown[g]} while conflicting group {Name(c)} shows {shown[c]}");
                }
            }
        }

        for (var g = 0; g < shown.Length; g++)
        {
            if (shown[g] != current[g])
            {
                if (current[g].IsActive() && !shown[g].IsActive())
                {
                    inactiveSince[g] = time;
                }

                current[g] = shown[g];
                since[g] = time;
            }
        }

        return null;
    }

    private (string Rule, string Message)? CheckTransition(int g, Indication from, Indication to, long time)
    {
        var held = time - since[g];
        var who = Name(g);
        if (to == Indication.FlashRed)
        {
            return null; // flash is the safe state; going there is always allowed
        }

        if (kind[g] == SignalGroupKind.Vehicle)
        {
            switch (from, to)
            {
                case (Indication.Green, Indication.Yellow):
                    return held < minGreen[g]
                        ? ("min-green", $"group {who} green ended after {Sec(held)} s, minimum is {Sec(minGreen[g])} s")
                        : null;
                case (Indication.Green, Indication.Red):
                    return ("yellow-skipped", $"group {who} went from green straight to red");
                case (Indication.Yellow, Indication.Red):
                    return held < yellow[g]
                        ? ("yellow-short", $"group {who} yellow lasted {Sec(held)} s, minimum is {Sec(yellow[g])} s")
                        : null;
                case (Indication.Red or Indication.FlashRed, Indication.Green):
                    return CheckClearance(g, time);
                default:
                    return ("illegal-transition", $"group {who} went from {from} to {to}");
            }
        }

        switch (from, to)
        {
            case (Indication.Walk, Indication.PedClearance):
                return held < walk[g]
                    ? ("walk-short", $"group {who} walk lasted {Sec(held)} s, minimum is {Sec(walk[g])} s")
                    : null;
            case (Indication.Walk, Indication.DontWalk):
                return ("ped-clearance-skipped", $"group {who} went from walk straight to don't walk");
            case (Indication.PedClearance, Indication.DontWalk):
                return held < pedClearance[g]
                    ? ("ped-clearance-cut", $"group {who} pedestrian clearance lasted {Sec(held)} s, minimum is {Sec(pedClearance[g])} s")
                    : null;
            case (Indication.DontWalk or Indication.FlashRed, Indication.Walk):
                return CheckClearance(g, time);
            default:
                return ("illegal-transition", $"group {who} went from {from} to {to}");
        }
    }

    private (string Rule, string Message)? CheckClearance(int g, long time)
    {
        foreach (var c in conflictsOf[g])
        {
            var cleared = time - inactiveSince[c];
            if (!current[c].IsActive() && cleared < redClearance[c])
            {
                return ("red-clearance-skipped",
                    $"group {Name(g)} started {Sec(cleared)} s after conflicting group {Name(c)} ended; its red clearance is {Sec(redClearance[c])} s");
            }
        }

        return null;
    }

    private SafetyViolation Latch(long time, string rule, string message)
    {
        Fault = new SafetyViolation(model.Id, time, rule, message);
        return Fault;
    }

    private string Name(int g) => model.SignalGroups[g].Name;

    private static string Sec(long ticks) => SignalTime.ToSeconds(ticks).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
