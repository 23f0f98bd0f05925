using CsCheck;
using Traffic.Signals.Model;
using Traffic.Signals.Safety;
using Traffic.Signals.Sequencing;
using Traffic.Signals.Tests.Safety;
using Op = Traffic.Signals.Tests.Safety.SequencerPropertyTests.Op;

namespace Traffic.Signals.Tests.Sequencing;

/// <summary>
/// SPaT countdowns (<see cref="SignalController.Timing"/>) checked against what the controller then
/// does: every change happens no earlier than any min end predicted since the previous change, and,
/// while only calls and force-offs are given, no later than a known max end.
/// </summary>
public sealed class IndicationTimingTests
{
    private static long T(double seconds) => SignalTime.FromSeconds(seconds);

    private static readonly Gen<(Op Op, int Pick, int Ticks)[]> AnyCommands =
        Gen.Select(Gen.Enum<Op>(), Gen.Int[0, 1000], Gen.Int[1, 60]).Array[1, 150];

    private static readonly Gen<(Op Op, int Pick, int Ticks)[]> CallsAndForceOffs =
        Gen.Select(Gen.Int[0, 3].Select(i => new[] { Op.Call, Op.PedCall, Op.ForceOff, Op.Wait }[i]), Gen.Int[0, 1000], Gen.Int[1, 60]).Array[1, 150];

    /// <summary>Runs the commands tick by tick and returns every broken prediction, as text.</summary>
    private static List<string> Broken(Intersection model, (Op Op, int Pick, int Ticks)[] steps, bool checkMax)
    {
        var c = new SignalController(model);
        var dwell = SafetyFuzzer.DwellSets(model);
        var n = model.SignalGroups.Count;
        var latestMin = new long[n];
        var earliestMax = Enumerable.Repeat(long.MaxValue, n).ToArray();
        var since = new long[n];
        var shown = c.Indications.ToArray();
        var broken = new List<string>();
        int serial = 0;
        string? preempt = null;
        foreach (var s in steps)
        {
            SequencerPropertyTests.Apply(c, dwell, s with { Ticks = 0 }, ref serial, ref preempt);
            for (var k = 0; k < s.Ticks; k++)
            {
                for (var g = 0; g < n; g++)
                {
                    var t = c.Timing(g);
                    if (t.MinEnd <= c.Now || (t.MaxEnd is { } m && m < t.MinEnd))
                    {
                        broken.Add($"group {model.SignalGroups[g].Name} at {c.Now}: min {t.MinEnd} max {t.MaxEnd}");
                    }

                    latestMin[g] = Math.Max(latestMin[g], t.MinEnd);
                    earliestMax[g] = Math.Min(earliestMax[g], t.MaxEnd ?? long.MaxValue);
                }

                c.Step();
                for (var g = 0; g < n; g++)
                {
                    if (c.Indications[g] == shown[g])
                    {
                        continue;
                    }

                    var name = model.SignalGroups[g].Name;
                    if (c.Now < latestMin[g])
                    {
                        broken.Add($"group {name} left {shown[g]} (shown since {since[g]}) at {c.Now}, before the predicted min end {latestMin[g]}");
                    }

                    if (checkMax && c.Now > earliestMax[g])
                    {
                        broken.Add($"group {name} left {shown[g]} (shown since {since[g]}) at {c.Now}, after the predicted max end {earliestMax[g]}");
                    }

                    shown[g] = c.Indications[g];
                    since[g] = c.Now;
                    latestMin[g] = 0;
                    earliestMax[g] = long.MaxValue;
                }
            }
        }

        return broken;
    }

    [Theory]
    [MemberData(nameof(SequencerPropertyTests.Models), MemberType = typeof(SequencerPropertyTests))]
    public void No_indication_changes_before_its_predicted_min_end(string name)
    {
        var model = SequencerPropertyTests.ModelNamed(name);
        AnyCommands.Sample(steps => Assert.Empty(Broken(model, steps, checkMax: false)), iter: 60);
    }

    [Theory]
    [MemberData(nameof(SequencerPropertyTests.Models), MemberType = typeof(SequencerPropertyTests))]
    public void With_only_calls_and_force_offs_no_indication_outlasts_a_known_max_end(string name)
    {
        var model = SequencerPropertyTests.ModelNamed(name);
        CallsAndForceOffs.Sample(steps => Assert.Empty(Broken(model, steps, checkMax: true)), iter: 60);
    }

    [Fact]
    public void Yellow_and_minimum_green_are_counted_exactly()
    {
        var c = new SignalController(TestModels.Nema8());
        var g2 = c.Model.VehicleGroupOf(2);
        c.PlaceCall(2);
        c.AdvanceTo(T(4.0));
        Assert.True(c.IsGreen(2));
        // Green since 4.0 s with a 7 s minimum; no conflicting call yet, so no max end.
        Assert.Equal(new IndicationTiming(T(11.0), null), c.Timing(g2));

        c.PlaceCall(4);
        c.AdvanceTo(T(5.0));
        // The max timer started with the conflicting call at 4.0 s: max green 30 s.
        Assert.Equal(new IndicationTiming(T(11.0), T(34.0)), c.Timing(g2));

        c.ForceOff(2);
        Assert.Equal(new IndicationTiming(T(11.0), T(11.0)), c.Timing(g2));
        c.AdvanceTo(T(11.0));
        Assert.Equal(Indication.Yellow, c.Indications[g2]);
        Assert.Equal(new IndicationTiming(T(15.0), T(15.0)), c.Timing(g2));

        // Phase 4 follows across the barrier once yellow (4 s) and red clearance (2 s) are over.
        var g4 = c.Model.VehicleGroupOf(4);
        Assert.Equal(new IndicationTiming(T(17.0), null), c.Timing(g4));
        c.AdvanceTo(T(17.0));
        Assert.True(c.IsGreen(4));
    }

    [Fact]
    public void Walk_and_pedestrian_clearance_hold_the_vehicle_green()
    {
        var c = new SignalController(TestModels.Nema8());
        var g2 = c.Model.VehicleGroupOf(2);
        var p2 = c.Model.PedestrianGroupOf(2);
        c.PlaceCall(2);
        c.PlacePedCall(2);
        c.PlaceCall(4);
        c.AdvanceTo(T(4.0));
        // Walk 7 s then clearance 12 s: the vehicle green cannot end before 4 + 19 = 23 s.
        Assert.Equal(new IndicationTiming(T(11.0), T(11.0)), c.Timing(p2));
        Assert.Equal(T(23.0), c.Timing(g2).MinEnd);
        c.AdvanceTo(T(11.0));
        Assert.Equal(Indication.PedClearance, c.Indications[p2]);
        Assert.Equal(new IndicationTiming(T(23.0), T(23.0)), c.Timing(p2));
    }

    [Fact]
    public void A_faulted_controller_promises_nothing()
    {
        var model = TestModels.Nema8();
        var c = new SignalController(model);
        c.AdvanceTo(T(10));
        var (a, b) = model.Conflicts.Pairs().First();
        TestModels.ShowTogether(c, a, b);
        c.Step();
        Assert.True(c.IsFaulted);
        Assert.Equal(new IndicationTiming(c.Now + 1, null), c.Timing(a));
    }
}
