using System.Text.Json.Nodes;
using Traffic.Signals.Config;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using Traffic.Tests.Shared;

namespace Traffic.Signals.Tests.Sequencing;

/// <summary>
/// Adversarial overlap cases from the safety review, on layouts in tests/Traffic.Signals.Tests/Layouts:
/// <list type="bullet">
/// <item>tee-two-overlaps: the tee-overlap layout with W.T taken out of phase 2 into overlap B (parent 2),
/// listed before overlap A (S.R, parents 4 and 1, minimum green 20 s). B and A conflict (W.T and S.R
/// merge into E) but their parents never run together, so the loader accepts them.</item>
/// <item>nema8-overlap: nema8 with the eastbound right turn W.R as overlap R, parents 2 (ring 0,
/// barrier group 0) and 7 (ring 1, barrier group 1).</item>
/// </list>
/// </summary>
public sealed class OverlapReviewTests
{
    private static long T(double seconds) => SignalTime.FromSeconds(seconds);

    internal static Intersection Load(string layout)
    {
        var file = Repo.File($"tests/Traffic.Signals.Tests/Layouts/{layout}.json");
        var result = NetworkLoader.Load(File.ReadAllText(file), file);
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        return Assert.Single(result.Network!.Intersections);
    }

    private static int Group(Intersection x, string name) => x.SignalGroups.Single(g => g.Name == name).Index;

    /// <summary>Steps until <paramref name="condition"/>; fails on a monitor fault or after 600 s.</summary>
    private static long StepUntil(SignalController c, Func<bool> condition)
    {
        var end = c.Now + T(600);
        while (!condition())
        {
            Assert.True(c.Now < end, "condition not reached within 600 s");
            c.Step();
            Assert.False(c.IsFaulted, c.Fault?.ToString());
        }

        return c.Now;
    }

    /// <summary>tee-overlap: phase 4 in its yellow with phase 1 called, overlap A carried over (still green).</summary>
    private static (SignalController Controller, int OverlapGroup) CarryingOverFrom4To1()
    {
        var x = Safety.SequencerPropertyTests.LoadLayout("tee-overlap");
        var oa = Group(x, "OA");
        var c = new SignalController(x);
        c.PlaceCall(4);
        StepUntil(c, () => c.IsGreen(4));
        c.PlaceCall(1);
        c.ForceOff(4);
        StepUntil(c, () => c.Indications[x.VehicleGroupOf(4)] == Indication.Yellow);
        Assert.Equal(Indication.Green, c.Indications[oa]); // carried towards parent 1
        return (c, oa);
    }

    /// <summary>An overlap has no max green, so no error may name one.</summary>
    [Theory]
    [InlineData("-3", "minGreen: -3.0 s is not allowed")]
    [InlineData("0.01", "minGreen: 0.01 s is not a multiple of 0.1 s")]
    public void A_wrong_overlap_min_green_is_reported_under_min_green_only(string json, string expected)
    {
        var file = Repo.File("config/layouts/tee-overlap.json");
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        node["intersections"]![0]!["overlaps"]![0]!["minGreen"] = JsonNode.Parse(json);
        var errors = NetworkLoader.Load(node.ToJsonString(), "tee-overlap.json").Errors.Select(e => $"{e.Element}: {e.Message}").ToList();
        Assert.Contains(errors, e => e.Contains("overlaps[0] (A)." + expected, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("maxGreen", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_conflicting_overlaps_load_with_their_conflict()
    {
        var x = Load("tee-two-overlaps");
        Assert.Equal(["B", "A"], x.Overlaps.Select(o => o.Id));
        Assert.True(x.Conflicts[Group(x, "OA"), Group(x, "OB")]);
        Assert.Equal(20.0, x.Overlaps[1].Timings.MinGreen);
    }

    /// <summary>
    /// Overlap A holds its green for its own 20 s minimum after parent 4 has ended; phase 2 (which does
    /// not conflict with A) starts meanwhile, and overlap B (parent 2) must wait for A's yellow and red
    /// clearance, whatever the order of the overlaps in the config.
    /// </summary>
    [Fact]
    public void An_overlap_never_starts_while_a_conflicting_overlap_listed_after_it_is_still_green()
    {
        var x = Load("tee-two-overlaps");
        var oa = Group(x, "OA");
        var ob = Group(x, "OB");
        var c = new SignalController(x);
        c.PlaceCall(4);
        StepUntil(c, () => c.Indications[oa] == Indication.Green);
        c.PlaceCall(2);
        c.ForceOff(4);
        StepUntil(c, () => c.Indications[ob] == Indication.Green);
        Assert.Equal(Indication.Red, c.Indications[oa]);
    }

    /// <summary>A carries over from 4 to 1; during 4's yellow a preemption whose dwell phase 2 conflicts with A arrives.</summary>
    [Fact]
    public void Preemption_arriving_during_a_carry_over_clears_the_overlap_before_a_conflicting_dwell_phase()
    {
        var (c, oa) = CarryingOverFrom4To1();
        c.RequestPreemption(new PreemptionRequest("ev", [2, 6]));
        var yellow = StepUntil(c, () => c.Indications[oa] == Indication.Yellow);
        var green2 = StepUntil(c, () => c.IsGreen(2));
        Assert.True(green2 - yellow >= T(3.8 + 2.2), $"phase 2 green {SignalTime.ToSeconds(green2 - yellow)} s after A's yellow began");
    }

    /// <summary>A carries over from 4 to 1; then 1 is omitted while 2 is called: A must clear and 2 must start.</summary>
    [Fact]
    public void Omitting_the_next_parent_during_a_carry_over_ends_the_overlap_through_yellow()
    {
        var (c, oa) = CarryingOverFrom4To1();
        c.PlaceCall(2);
        c.SetOmit(1, true);
        StepUntil(c, () => c.Indications[oa] == Indication.Yellow);
        StepUntil(c, () => c.IsGreen(2));
        Assert.False(c.IsGreen(1));
        Assert.Equal(Indication.Red, c.Indications[oa]);
    }

    /// <summary>Overlap R (parents 2 in ring 0 and 7 in ring 1) follows both parents and never shows with a conflicting group.</summary>
    [Fact]
    public void Overlap_with_parents_in_different_rings_and_barrier_groups_follows_both()
    {
        var x = Load("nema8-overlap");
        var or = Group(x, "OR");
        Assert.True(x.Conflicts[or, x.VehicleGroupOf(8)]); // W.R and N.T merge into S
        var c = new SignalController(x);
        StepUntil(c, () => c.IsGreen(2));
        StepUntil(c, () => c.Indications[or] == Indication.Green);
        c.PlaceCall(7);
        c.PlaceCall(3);
        StepUntil(c, () => c.IsGreen(7));
        StepUntil(c, () => c.Indications[or] == Indication.Green);
        c.PlaceCall(8);
        c.ForceOff(7);
        StepUntil(c, () => c.IsGreen(8));
        Assert.Equal(Indication.Red, c.Indications[or]);
    }
}
