using System.Text.Json.Nodes;
using Traffic.Signals.Config;
using Traffic.Signals.Model;
using Traffic.Signals.Safety;
using Traffic.Signals.Sequencing;
using Traffic.Signals.Tests.Safety;
using Traffic.Tests.Shared;

namespace Traffic.Signals.Tests.Sequencing;

/// <summary>
/// Overlaps on config/layouts/tee-overlap.json: overlap A serves the side-street right turn S.R
/// (permitted) with parents 4 (side street) and 1 (westbound left E.L); it merges with W.T (phase 2).
/// Timings: phase 1 yellow 3.8, red 1.2; phase 4 yellow 3.0, red 2.2; overlap A yellow 3.8, red 2.2, min green 5.
/// </summary>
public sealed class OverlapTests
{
    private static long T(double seconds) => SignalTime.FromSeconds(seconds);

    private static LoadResult LoadTee(Action<JsonNode>? edit = null)
    {
        var file = Repo.File("config/layouts/tee-overlap.json");
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        edit?.Invoke(node["intersections"]![0]!);
        return NetworkLoader.Load(node.ToJsonString(), "tee-overlap.json");
    }

    private static Intersection Tee() => SequencerPropertyTests.LoadLayout("tee-overlap");

    /// <summary>The tee with overlap A's parents changed to 4 and 2 without the loader: 2 conflicts with it.</summary>
    internal static Intersection WrongParent(Intersection tee) =>
        tee with { Overlaps = [tee.Overlaps[0] with { Parents = [4, 2] }] };

    /// <summary>Manual state: phase 2 and overlap A green (they conflict), everything else red or don't walk.</summary>
    private static Indication[] TwoAndOverlapGreen(Intersection x) =>
        x.SignalGroups.Select(g => g.Name is "2" or "OA" ? Indication.Green : g.Kind == SignalGroupKind.Vehicle ? Indication.Red : Indication.DontWalk).ToArray();

    private static Indication Show(SignalController c, string group) =>
        c.Indications[c.Model.SignalGroups.Single(g => g.Name == group).Index];

    private static long StepUntil(SignalController c, Func<bool> condition, Action? eachStep = null)
    {
        var end = c.Now + T(600);
        while (!condition())
        {
            Assert.True(c.Now < end, "condition not reached within 600 s");
            c.Step();
            Assert.False(c.IsFaulted, c.Fault?.ToString());
            eachStep?.Invoke();
        }

        return c.Now;
    }

    [Fact]
    public void Loader_derives_the_overlap_group_its_timings_and_conflicts()
    {
        var x = Tee();
        var o = Assert.Single(x.Overlaps);
        Assert.Equal([4, 1], o.Parents);
        Assert.Equal(new OverlapTimings(5.0, 3.8, 2.2), o.Timings);
        var g = x.SignalGroups.Single(s => s.IsOverlap);
        Assert.Equal("OA", g.Name);
        Assert.Equal(x.SignalGroups.Count - 1, g.Index);
        Assert.True(x.Conflicts[g.Index, x.VehicleGroupOf(2)]); // S.R merges with W.T into E
        Assert.False(x.Conflicts[g.Index, x.VehicleGroupOf(1)]);
        Assert.False(x.Conflicts[g.Index, x.VehicleGroupOf(4)]);
        Assert.False(x.Conflicts[g.Index, x.VehicleGroupOf(6)]);
        Assert.Contains(x.ServedMovements(1), m => m.MovementId == "S.R");
        Assert.DoesNotContain(x.ServedMovements(2), m => m.MovementId == "S.R");
    }

    [Fact]
    public void Overlap_stays_green_from_parent_4_to_parent_1_then_clears_with_1_before_conflicting_phase_2()
    {
        var c = new SignalController(Tee());
        c.PlaceCall(4);
        StepUntil(c, () => c.IsGreen(4));
        Assert.Equal(Indication.Green, Show(c, "OA"));
        c.PlaceCall(1);
        c.ForceOff(4);
        var sawOverlapYellow = false;
        StepUntil(c, () => c.IsGreen(1), () => sawOverlapYellow |= Show(c, "OA") != Indication.Green);
        Assert.False(sawOverlapYellow, "overlap A left green across the change from parent 4 to parent 1");

        c.ForceOff(1);
        var yellow1 = StepUntil(c, () => Show(c, "1") == Indication.Yellow);
        Assert.Equal(Indication.Yellow, Show(c, "OA")); // next is phase 2, not a parent: A times its yellow with 1
        var red = StepUntil(c, () => Show(c, "OA") == Indication.Red);
        Assert.Equal(T(3.8), red - yellow1);
        var green2 = StepUntil(c, () => c.IsGreen(2));
        Assert.True(green2 - red >= T(2.2), $"phase 2 started {SignalTime.ToSeconds(green2 - red)} s after overlap A's yellow ended; its red clearance is 2.2 s");
    }

    [Fact]
    public void Overlap_times_its_own_yellow_and_red_when_the_next_phase_is_not_a_parent()
    {
        var c = new SignalController(Tee());
        c.PlaceCall(4);
        StepUntil(c, () => c.IsGreen(4));
        c.AdvanceTo(c.Now + T(6));
        c.ForceOff(4);
        var yellow = StepUntil(c, () => Show(c, "4") == Indication.Yellow);
        Assert.Equal(Indication.Yellow, Show(c, "OA"));
        var green2 = StepUntil(c, () => c.IsGreen(2));

        // Phase 4 alone would let 2 start after 3.0 + 2.2 s; overlap A's 3.8 + 2.2 s decide.
        Assert.True(green2 - yellow >= T(6.0), $"phase 2 started {SignalTime.ToSeconds(green2 - yellow)} s after the yellow began");
    }

    [Fact]
    public void Spat_timing_of_the_overlap_bounds_its_green_by_its_parent_and_its_yellow_exactly()
    {
        var c = new SignalController(Tee());
        var oa = c.Model.SignalGroups.Single(g => g.IsOverlap).Index;
        var four = c.Model.VehicleGroupOf(4);
        c.PlaceCall(4);
        StepUntil(c, () => c.IsGreen(4));
        var green = c.Sequencer.Timing(oa);
        Assert.Null(green.MaxEnd); // it may carry on into parent 1
        Assert.True(green.MinEnd >= c.Sequencer.Timing(four).MinEnd, $"overlap min end {green.MinEnd}, parent's {c.Sequencer.Timing(four).MinEnd}");
        c.AdvanceTo(c.Now + T(6));
        c.ForceOff(4);
        var yellow = StepUntil(c, () => Show(c, "OA") == Indication.Yellow);
        Assert.Equal(new IndicationTiming(yellow + T(3.8), yellow + T(3.8)), c.Sequencer.Timing(oa));
        var red = StepUntil(c, () => Show(c, "OA") == Indication.Red);
        Assert.True(c.Sequencer.Timing(oa).MinEnd >= red + T(2.2), "red: no new green before its red clearance");
    }

    [Fact]
    public void Overlap_follows_a_parent_under_preemption_and_shows_flash_in_a_fault()
    {
        var c = new SignalController(Tee());
        c.PlaceCall(4);
        StepUntil(c, () => c.IsGreen(4));
        c.RequestPreemption(new PreemptionRequest("ev", [1, 6]));
        var sawOverlapYellow = false;
        StepUntil(c, () => c.IsGreen(1), () => sawOverlapYellow |= Show(c, "OA") != Indication.Green);
        Assert.False(sawOverlapYellow, "the dwell phase 1 is a parent: A stays green");
        c.SetManual(TwoAndOverlapGreen(c.Model));
        c.Step();
        Assert.True(c.IsFaulted);
        Assert.Equal(Indication.FlashRed, Show(c, "OA"));
    }

    [Fact]
    public void Monitor_catches_an_overlap_green_with_a_conflicting_phase()
    {
        var c = new SignalController(Tee());
        c.AdvanceTo(T(2)); // start-up all-red
        c.SetManual(TwoAndOverlapGreen(c.Model));
        c.Step();
        Assert.Equal("conflicting-indications", c.Fault?.Rule);
        Assert.Contains("OA", c.Fault!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitor_checks_the_overlaps_own_yellow_and_red_clearance()
    {
        var x = Tee();
        var oa = x.SignalGroups.Single(g => g.IsOverlap).Index;
        var two = x.VehicleGroupOf(2);
        var state = new Indication[x.SignalGroups.Count];
        for (var g = 0; g < state.Length; g++)
        {
            state[g] = x.SignalGroups[g].Kind == SignalGroupKind.Vehicle ? Indication.Red : Indication.DontWalk;
        }

        var shortYellow = new SafetyMonitor(x);
        state[oa] = Indication.Green;
        Assert.Null(shortYellow.Check(T(10), state));
        state[oa] = Indication.Yellow;
        Assert.Null(shortYellow.Check(T(20), state));
        state[oa] = Indication.Red;
        var fault = shortYellow.Check(T(23), state);
        Assert.Equal("yellow-short", fault?.Rule);
        Assert.Contains("minimum is 3.8 s", fault!.Message, StringComparison.Ordinal);

        var noClearance = new SafetyMonitor(x);
        state[oa] = Indication.Green;
        Assert.Null(noClearance.Check(T(10), state));
        state[oa] = Indication.Yellow;
        Assert.Null(noClearance.Check(T(20), state));
        state[oa] = Indication.Red;
        Assert.Null(noClearance.Check(T(23.8), state));
        state[two] = Indication.Green;
        Assert.Equal("red-clearance-skipped", noClearance.Check(T(25.0), state)?.Rule);
    }

    [Fact]
    public void Sequencer_never_shows_a_wrongly_configured_overlap_with_its_conflicting_parent()
    {
        var x = WrongParent(Tee());
        Assert.Equal([4, 2], x.Overlaps[0].Parents);
        var c = new SignalController(x);
        var oa = x.SignalGroups.Single(g => g.IsOverlap).Index;
        var rng = new Random(7);
        var sawOverlapGreen = false;
        for (var i = 0; i < 20000; i++)
        {
            if (i % 37 == 0)
            {
                c.PlaceCall(x.Phases[rng.Next(x.Phases.Count)].Id);
            }

            if (i % 91 == 0)
            {
                c.ForceOff(x.Phases[rng.Next(x.Phases.Count)].Id);
            }

            c.Step();
            Assert.False(c.IsFaulted, c.Fault?.ToString());
            sawOverlapGreen |= c.Indications[oa] == Indication.Green;
        }

        Assert.True(sawOverlapGreen, "overlap A was never green (with parent 4)");
    }

    [Theory]
    [InlineData("parents", "[9]", "overlaps[0] (A).parents[0]: unknown phase 9")]
    [InlineData("parents", "[]", "overlaps[0] (A).parents: an overlap needs at least one parent phase")]
    [InlineData("parents", "[4, 4]", "overlaps[0] (A).parents[1]: phase 4 is listed twice")]
    [InlineData("parents", "[4, 2]", "overlaps[0] (A).parents: the overlap conflicts with its parent phase 2: S.R merges with W.T into E")]
    [InlineData("permitted", "[\"W.T\"]", "overlaps[0] (A): movement W.T is also served by phase 2")]
    [InlineData("permitted", "[]", "overlaps[0] (A).movements: an overlap needs at least one movement")]
    [InlineData("yellow", "2.0", "overlaps[0] (A).yellow: yellow 2.0 s is below")]
    public void Loader_rejects_a_wrong_overlap_naming_file_and_element(string field, string json, string expected)
    {
        var result = LoadTee(x => x["overlaps"]![0]![field] = JsonNode.Parse(json));
        Assert.Null(result.Network);
        Assert.Contains(result.Errors, e => $"{e.File}: {e.Element}: {e.Message}".Contains("tee-overlap.json: intersections[0] (I001)." + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Loader_rejects_a_protected_overlap_turn_across_its_parents_crosswalk()
    {
        var result = LoadTee(x =>
        {
            x["overlaps"]![0]!["permitted"] = new JsonArray();
            x["overlaps"]![0]!["movements"] = new JsonArray("S.R");
        });
        Assert.Contains(result.Errors, e => e.Message == "the overlap conflicts with its parent phase 4: S.R crosses crosswalk XE");
    }

    [Fact]
    public void Loader_rejects_an_overlap_that_conflicts_with_a_phase_running_beside_its_parent()
    {
        // Phase 6 (E.T, ring 2) runs with parent 1; S.L as the overlap's movement merges with E.T into W.
        var result = LoadTee(x =>
        {
            x["phases"]![2]!["permitted"] = new JsonArray("S.R");
            x["overlaps"]![0]!["permitted"] = new JsonArray("S.L");
            x["overlaps"]![0]!["parents"] = new JsonArray(1);
        });
        Assert.Contains(result.Errors, e => e.Message.StartsWith(
            "the overlap conflicts with phase 6, which runs together with its parent phase 1 (rings 1 and 2, barrier group 1): S.L merges with E.T into W",
            StringComparison.Ordinal));
    }
}
