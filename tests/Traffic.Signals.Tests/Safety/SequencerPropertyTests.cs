using CsCheck;
using Traffic.Signals.Config;
using Traffic.Signals.Model;
using Traffic.Signals.Safety;
using Traffic.Signals.Sequencing;
using Traffic.Signals.Tests.Sequencing;
using Traffic.Tests.Shared;

namespace Traffic.Signals.Tests.Safety;

/// <summary>
/// Random sequences of everything a policy, a detector or an operator can ask for, driven through
/// the controller; the safety monitor must never trip, and every call must be served once holds,
/// omits and preemptions are lifted. CsCheck shrinks a failing sequence to a minimal one.
/// </summary>
public sealed class SequencerPropertyTests
{
    public enum Op
    {
        Call,
        PedCall,
        ForceOff,
        HoldOn,
        HoldOff,
        OmitOn,
        OmitOff,
        Preempt,
        Release,
        Wait,
    }

    public static TheoryData<string> Models => new()
    {
        "nema8-red", "nema8-green-dual", "nema8-walktrunc", "scramble",
        "layout/nema8", "layout/twophase", "layout/tee", "layout/fiveleg", "layout/oneway", "layout/midblock", "layout/scramble",
        "layout/tee-overlap", "tee-overlap-wrong-parent",
        "review/tee-two-overlaps", "review/nema8-overlap",
    };

    /// <summary>A hand-built model, or "layout/NAME": the shipped config/layouts/NAME.json through the real loader.</summary>
    internal static Intersection ModelNamed(string name) => name switch
    {
        _ when name.StartsWith("layout/", StringComparison.Ordinal) => LoadLayout(name["layout/".Length..]),
        _ when name.StartsWith("review/", StringComparison.Ordinal) => OverlapReviewTests.Load(name["review/".Length..]),
        "nema8-red" => TestModels.Nema8(),
        "nema8-green-dual" => TestModels.Nema8(RestMode.Green, dualEntry: true),
        "nema8-walktrunc" => TestModels.Nema8(walkTruncation: true),
        "scramble" => TestModels.TwoPhaseWithScramble(),
        "tee-overlap-wrong-parent" => OverlapTests.WrongParent(LoadLayout("tee-overlap")),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    internal static Intersection LoadLayout(string layout)
    {
        var file = Repo.File($"config/layouts/{layout}.json");
        var result = NetworkLoader.Load(File.ReadAllText(file), file);
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        return Assert.Single(result.Network!.Intersections);
    }

    private static readonly Gen<(Op Op, int Pick, int Ticks)[]> Sequences =
        Gen.Select(Gen.Enum<Op>(), Gen.Int[0, 1000], Gen.Int[1, 60]).Array[1, 400];

    internal static void Apply(SignalController c, IReadOnlyList<IReadOnlyList<int>> dwellSets, (Op Op, int Pick, int Ticks) step, ref int serial, ref string? preempt)
    {
        var phases = c.Model.Phases;
        var p = phases[step.Pick % phases.Count].Id;
        switch (step.Op)
        {
            case Op.Call: c.PlaceCall(p); break;
            case Op.PedCall: c.PlacePedCall(p); break;
            case Op.ForceOff: c.ForceOff(p); break;
            case Op.HoldOn: c.SetHold(p, true); break;
            case Op.HoldOff: c.SetHold(p, false); break;
            case Op.OmitOn: c.SetOmit(p, true); break;
            case Op.OmitOff: c.SetOmit(p, false); break;
            case Op.Preempt:
                if (preempt is null)
                {
                    preempt = $"ev{++serial}";
                    c.RequestPreemption(new PreemptionRequest(preempt, dwellSets[step.Pick % dwellSets.Count]));
                }

                break;
            case Op.Release:
                if (preempt is not null)
                {
                    c.ReleasePreemption(preempt);
                    preempt = null;
                }

                break;
            case Op.Wait:
                break;
        }

        c.AdvanceTo(c.Now + step.Ticks);
    }

    /// <summary>Runs a command sequence on a fresh controller; returns it and the preemption still active, if any.</summary>
    private static (SignalController Controller, string? Preemption) Replay(
        Intersection model, (Op Op, int Pick, int Ticks)[] steps, Action<SignalController>? afterEach = null)
    {
        var dwell = SafetyFuzzer.DwellSets(model);
        var c = new SignalController(model);
        int serial = 0;
        string? preempt = null;
        foreach (var s in steps)
        {
            Apply(c, dwell, s, ref serial, ref preempt);
            afterEach?.Invoke(c);
        }

        return (c, preempt);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void No_random_command_sequence_makes_the_monitor_trip(string name)
    {
        var model = ModelNamed(name);
        Sequences.Sample(
            steps => Replay(model, steps, afterEach: c => Assert.False(c.IsFaulted, c.Fault?.ToString())),
            iter: 300);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_call_is_served_once_holds_omits_and_preemption_are_lifted(string name)
    {
        var model = ModelNamed(name);
        Sequences.Sample(
            steps =>
            {
                var (c, preempt) = Replay(model, steps);
                if (preempt is not null)
                {
                    c.ReleasePreemption(preempt);
                }

                foreach (var p in model.Phases)
                {
                    c.SetHold(p.Id, false);
                    c.SetOmit(p.Id, false);
                    c.PlaceCall(p.Id);
                    c.PlacePedCall(p.Id);
                }

                // Worst case one full cycle of max greens, walks and clearances, twice over.
                var cycle = model.Phases.Sum(p => p.Timings.MaxGreen + p.Timings.Walk + p.Timings.PedClearance + p.Timings.Yellow + p.Timings.RedClearance);
                var served = model.Phases.Where(p => c.IsGreen(p.Id)).Select(p => p.Id).ToHashSet();
                var end = c.Now + SignalTime.FromSeconds(2 * cycle);
                while (c.Now < end && served.Count < model.Phases.Count)
                {
                    c.Step();
                    foreach (var p in model.Phases)
                    {
                        if (c.IsGreen(p.Id))
                        {
                            served.Add(p.Id);
                        }
                    }
                }

                Assert.False(c.IsFaulted, c.Fault?.ToString());
                var missing = model.Phases.Where(p => !served.Contains(p.Id)).Select(p => p.Id);
                var rings = Enumerable.Range(0, c.RingCount).Select(r => c.Ring(r).ToString());
                Assert.True(
                    served.Count == model.Phases.Count,
                    $"phases never served: {string.Join(",", missing)} by {c.Now}; rings: {string.Join("; ", rings)}; calls: {string.Join(",", model.Phases.Where(p => c.HasCall(p.Id)).Select(p => p.Id))}; preempted {c.IsPreempted}");
            },
            iter: 100);
    }

    [Fact]
    public void Any_two_conflicting_groups_shown_together_are_caught()
    {
        var model = TestModels.Nema8();
        var pairs = model.Conflicts.Pairs().ToArray();
        Gen.Int[0, pairs.Length - 1].Sample(
            k =>
            {
                var (a, b) = pairs[k];
                var c = new SignalController(model);
                c.AdvanceTo(SignalTime.FromSeconds(10));
                TestModels.ShowTogether(c, a, b);
                c.Step();
                Assert.True(c.IsFaulted);
                Assert.Equal("conflicting-indications", c.Fault!.Rule);
            },
            iter: 200);
    }

    [Fact]
    public void The_seeded_fuzzer_finds_no_violation_and_is_reproducible()
    {
        var model = TestModels.Nema8(RestMode.Green, dualEntry: true);
        var a = SafetyFuzzer.Run(model, 200_000, seed: 7);
        var b = SafetyFuzzer.Run(model, 200_000, seed: 7);
        Assert.Empty(a.Violations);
        Assert.Equal(a, b with { Violations = a.Violations });
        Assert.True(a.GreensStarted > 1000, $"only {a.GreensStarted} greens: the fuzzer is not exercising the sequencer");
        Assert.True(a.Preemptions > 10);
    }
}
