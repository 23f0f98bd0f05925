using System.Text.Json.Nodes;
using Traffic.Signals.Config;

namespace Traffic.Signals.Tests.Config;

/// <summary>Each test breaks the 2-phase fixture (or NEMA 8) in one way and checks the error printed.</summary>
public sealed class LoaderErrorTests
{
    private const string I = "intersections[0] (I001)";

    private static ConfigError Single(LoadResult result)
    {
        Assert.Null(result.Network);
        return Assert.Single(result.Errors);
    }

    private static LoadResult Edit(Action<JsonNode> edit) => Fixtures.LoadEdited("two-phase", edit);

    private static JsonNode Phase(JsonNode root, int index) => Fixtures.First(root)["phases"]![index]!;

    [Fact]
    public void Missing_conflict_is_rejected_naming_both_phases_and_why()
    {
        var e = Single(Edit(r => Fixtures.First(r)["conflicts"] = new JsonArray()));
        Assert.Equal($"{I}.conflicts", e.Element);
        Assert.StartsWith("phases 1 and 2 conflict but the pair [1, 2] is missing: N.T crosses E.T", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_yellow_at_60_kmh_is_rejected_naming_the_phase_element()
    {
        var e = Single(Edit(r => Phase(r, 1)["yellow"] = 1.0));
        Assert.Equal("two-phase.json: intersections[0] (I001).phases[1] (id 2).yellow: yellow 1.0 s is below the 3.8 s ITE minimum for 60 km/h on leg E", e.ToString());
    }

    [Fact]
    public void Three_different_errors_are_all_reported()
    {
        var result = Edit(r =>
        {
            Phase(r, 0)["minGren"] = 8;
            Fixtures.First(r)["legs"]![1]!["speedLimitKmh"] = 200;
            Phase(r, 1)["protected"]!.AsArray().Add("W.X");
        });
        Assert.Null(result.Network);
        Assert.Equal(
            [
                $"{I}.phases[0] (id 1).minGren",
                $"{I}.legs[1] (E).speedLimitKmh",
                $"{I}.phases[1] (id 2).protected[2]",
            ],
            result.Errors.Select(e => e.Element));
        Assert.Contains("did you mean \"minGreen\"", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("200 is outside 20..120 km/h", result.Errors[1].Message);
        Assert.Equal("unknown movement \"W.X\" (leg W has W.L, W.T, W.R)", result.Errors[2].Message);
    }

    [Fact]
    public void Json_syntax_error_reports_line_and_column()
    {
        var e = Single(NetworkLoader.Load("{\n  \"name\": \"x\",\n  \"intersections\": [ }\n}", "bad.json"));
        Assert.Equal("line 3, column 22", e.Element);
        Assert.StartsWith("JSON syntax error", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_is_reported_once_not_also_as_missing()
    {
        var e = Single(Edit(r => Fixtures.First(r)["legs"]![0]!["speedLimitKmh"] = "50"));
        Assert.Equal($"{I}.legs[0] (N).speedLimitKmh", e.Element);
        Assert.Equal("expected a number, found a string (\"50\")", e.Message);
    }

    [Fact]
    public void Missing_required_field()
    {
        var e = Single(Edit(r => Fixtures.First(r)["crosswalks"]![0]!.AsObject().Remove("lengthM")));
        Assert.Equal($"{I}.crosswalks[0] (XN).lengthM: is required but missing", $"{e.Element}: {e.Message}");
    }

    [Fact]
    public void Duplicate_id()
    {
        var e = Single(Edit(r => Fixtures.First(r)["detectors"]![1]!["id"] = "D-N"));
        Assert.Equal($"{I}.detectors[1] (D-N).id", e.Element);
        Assert.Equal("duplicate detector id \"D-N\"", e.Message);
    }

    [Fact]
    public void Broken_leg_bearing_does_not_cascade_into_movement_errors()
    {
        var e = Single(Edit(r => Fixtures.First(r)["legs"]![2]!["bearing"] = 400));
        Assert.Equal($"{I}.legs[2] (S).bearing: 400 is outside 0..360 degrees", $"{e.Element}: {e.Message}");
    }

    [Fact]
    public void Unknown_crosswalk_and_leg_references()
    {
        var result = Edit(r =>
        {
            Phase(r, 0)["crosswalks"]!.AsArray().Add("XQ");
            Fixtures.First(r)["detectors"]![0]!["leg"] = "Q";
        });
        Assert.Equal(
            [
                $"{I}.phases[0] (id 1).crosswalks[2]: unknown crosswalk \"XQ\" (known: XN, XE, XS, XW)",
                $"{I}.detectors[0] (D-N).leg: unknown leg \"Q\" (known: N, E, S, W)",
            ],
            result.Errors.Select(e => $"{e.Element}: {e.Message}"));
    }

    [Fact]
    public void Unknown_phase_in_structure_and_phase_in_no_stage()
    {
        var result = Edit(r => Fixtures.First(r)["stages"] = new JsonArray(new JsonArray(1), new JsonArray(3)));
        Assert.Equal(
            [
                $"{I}.stages[1][0]: unknown phase 3",
                $"{I}.phases[1] (id 2): phase 2 is in no stage (add it to stages)",
            ],
            result.Errors.Select(e => $"{e.Element}: {e.Message}"));
    }

    [Fact]
    public void Phase_in_two_rings_and_non_contiguous_barrier_group()
    {
        var twoRings = Fixtures.LoadEdited("nema8", r => Fixtures.First(r)["rings"]![1]!.AsArray().Add(4));
        Assert.Equal("intersections[0] (I010).rings[1][4]: phase 4 is in ring 1 and ring 2; a phase belongs to exactly one ring",
            $"{Single(twoRings).Element}: {Single(twoRings).Message}");

        var split = Fixtures.LoadEdited("nema8", r => Fixtures.First(r)["rings"]![0] = new JsonArray(1, 3, 2, 4));
        var errors = split.Errors.Select(e => e.Message).ToList();
        Assert.Contains("the phases of barrier group 1 are not contiguous in ring 1", errors);
    }

    [Fact]
    public void Concurrent_phases_that_conflict_are_rejected()
    {
        // Phase 3 (SB left) moved into the first barrier group would run with phase 6 (WB through).
        var result = Fixtures.LoadEdited("nema8", r =>
        {
            Fixtures.First(r)["rings"]![0] = new JsonArray(1, 3, 2, 4);
            Fixtures.First(r)["barriers"] = new JsonArray(new JsonArray(1, 3, 2, 5, 6), new JsonArray(4, 7, 8));
        });
        Assert.Contains(result.Errors, e => e.Element == "intersections[0] (I010).barriers"
            && e.Message.StartsWith("phases 3 and 5 can run together (rings 1 and 2, barrier group 1) but conflict: ", StringComparison.Ordinal));
        Assert.Null(result.Network);
    }

    [Fact]
    public void Movement_listed_twice_in_a_phase()
    {
        var result = Edit(r => Phase(r, 0)["protected"]!.AsArray().Add("N.L"));
        Assert.Contains(result.Errors, e => e.Element == $"{I}.phases[0] (id 1).permitted[0]"
            && e.Message == "movement N.L is listed twice in this phase (protected and permitted are exclusive)");
    }

    [Fact]
    public void Phase_whose_own_elements_conflict()
    {
        // N.L made protected: it no longer yields to S.T, nor to pedestrians on XE.
        var result = Edit(r =>
        {
            Phase(r, 0)["permitted"]!.AsArray().RemoveAt(0);
            Phase(r, 0)["protected"]!.AsArray().Add("N.L");
        });
        Assert.Equal(
            [
                $"{I}.phases[0] (id 1): elements of this phase conflict: S.T crosses N.L",
                $"{I}.phases[0] (id 1): elements of this phase conflict: N.L crosses crosswalk XE",
            ],
            result.Errors.Select(e => $"{e.Element}: {e.Message}"));
    }

    [Fact]
    public void Through_movement_with_its_own_crosswalk_is_a_self_conflict()
    {
        var result = Edit(r => Phase(r, 0)["crosswalks"]!.AsArray().Add("XN"));
        Assert.Equal(
            [
                $"{I}.phases[0] (id 1): elements of this phase conflict: N.T crosses crosswalk XN",
                $"{I}.phases[0] (id 1): elements of this phase conflict: S.T crosses crosswalk XN",
            ],
            result.Errors.Select(e => $"{e.Element}: {e.Message}"));
    }

    [Theory]
    [InlineData("redClearance", 0.5, "red clearance 0.5 s is outside 1.0..6.0 s")]
    [InlineData("redClearance", 7.0, "red clearance 7.0 s is outside 1.0..6.0 s")]
    [InlineData("minGreen", 2.0, "min green 2.0 s is below 3.0 s")]
    [InlineData("maxGreen", 5.0, "max green 5.0 s is below min green 7.0 s")]
    [InlineData("walk", 3.0, "walk 3.0 s is below 4.0 s")]
    [InlineData("pedClearance", 10.0, "pedestrian clearance 10.0 s is below 14.1 s needed to cross XE (15 m at 1.07 m/s)")]
    [InlineData("passage", -1.0, "-1.0 s is not allowed: must be a non-negative number of seconds")]
    [InlineData("yellow", 4.25, "4.25 s is not a multiple of 0.1 s")]
    public void Timing_errors(string field, double value, string message)
    {
        var e = Single(Edit(r => Phase(r, 0)[field] = value));
        Assert.Equal($"{I}.phases[0] (id 1).{field}", e.Element);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Walk_plus_clearance_must_cover_the_crossing_at_slow_speed()
    {
        // 30 m: clearance 30 / 1.07 = 28.04 -> 28.1 s; 30 / 0.91 = 32.97 -> 33.0 s needed; 4.0 + 28.1 = 32.1 is short.
        var e = Single(Edit(r =>
        {
            Fixtures.First(r)["crosswalks"]![1]!["lengthM"] = 30;
            Phase(r, 0)["walk"] = 4.0;
        }));
        Assert.Equal($"{I}.phases[0] (id 1).walk", e.Element);
        Assert.Equal("walk 4.0 s + clearance 28.1 s is below 33.0 s needed to cross XE (30 m at 0.91 m/s)", e.Message);
    }

    [Fact]
    public void Turn_into_a_one_way_leg_is_rejected()
    {
        var result = Fixtures.LoadEdited("one-way", r => Fixtures.First(r)["legs"]![0]!["lanes"]![0]!["movements"]!.AsArray().Add("L"));
        var e = Assert.Single(result.Errors);
        Assert.Equal("intersections[0] (O01).legs[0] (N).lanes[0].movements[1]", e.Element);
        Assert.Equal("left turn from leg N would exit to leg E, which has no outbound lanes (one-way towards the intersection)", e.Message);
    }

    [Fact]
    public void Movement_served_by_no_phase()
    {
        var e = Single(Edit(r => Fixtures.First(r)["legs"]![0]!["lanes"]![0]!["movements"]!.AsArray().Add("U")));
        Assert.Equal($"{I}.legs[0] (N).lanes[0].movements[2]: movement N.U is served by no phase or overlap", $"{e.Element}: {e.Message}");
    }

    [Fact]
    public void Detector_and_controller_errors()
    {
        var result = Edit(r =>
        {
            Fixtures.First(r)["detectors"]![1]!["lanes"] = new JsonArray(3);
            Fixtures.First(r)["detectors"]![2]!["kind"] = "loop";
            Fixtures.First(r)["controller"]!["restPhases"] = new JsonArray(9);
        });
        Assert.Equal(
            [
                $"{I}.detectors[1] (D-E1).lanes[0]: lane 3 is unknown or repeated: leg E has approach lanes 1..2",
                $"{I}.detectors[2] (CAM-S).kind: unknown detector kind \"loop\" (stopbar, advance or cctv)",
                $"{I}.controller.restPhases[0]: unknown phase 9",
                $"{I}.controller.restPhases: rest in green needs at least one rest phase",
            ],
            result.Errors.Select(e => $"{e.Element}: {e.Message}"));
    }

    [Fact]
    public void Errors_of_one_intersection_do_not_hide_another_and_links_and_corridors_are_checked()
    {
        var json = JsonNode.Parse(Fixtures.Json("two-phase"))!;
        var second = JsonNode.Parse(Fixtures.Json("tee"))!["intersections"]![0]!.DeepClone();
        second["phases"]![0]!["yellow"] = 2.0;
        json["intersections"]!.AsArray().Add(second);
        json["links"] = JsonNode.Parse("""[{ "from": "I001", "fromLeg": "E", "to": "T01", "toLeg": "W", "lengthM": 400 }, { "from": "I001", "fromLeg": "N", "to": "I999", "toLeg": "S", "lengthM": 5 }]""");
        json["corridors"] = JsonNode.Parse("""[{ "id": "C1", "intersections": ["I001", "T01"] }, { "id": "C2", "intersections": ["T01", "I001", "T01"] }]""");
        var result = NetworkLoader.Load(json.ToJsonString(), "net.json");
        Assert.Null(result.Network);
        Assert.Equal(
            [
                "net.json: intersections[1] (T01).phases[0] (id 1).yellow: yellow 2.0 s is below the 3.8 s ITE minimum for 60 km/h on leg W",
                "net.json: links[1].to: unknown intersection \"I999\"",
                "net.json: links[1].lengthM: 5 is outside 10..5000 m",
                "net.json: corridors[1] (C2).intersections[2]: intersection T01 appears twice in the corridor",
            ],
            result.Errors.Select(e => e.ToString()));

        second["phases"]![0]!.AsObject().Remove("yellow");
        json["links"]!.AsArray().RemoveAt(1);
        json["corridors"]!.AsArray().RemoveAt(1);
        var ok = NetworkLoader.Load(json.ToJsonString(), "net.json");
        Assert.True(ok.Errors.Count == 0, string.Join(Environment.NewLine, ok.Errors));
        Assert.Equal(2, ok.Network!.Intersections.Count);
        var corridor = Assert.Single(ok.Network.Corridors);
        Assert.Equal(("I001", "T01", 60.0), (corridor.Links[0].From, corridor.Links[0].To, corridor.Links[0].SpeedKmh));
    }

    [Fact]
    public void Corridor_without_link_between_neighbours()
    {
        var json = JsonNode.Parse(Fixtures.Json("two-phase"))!;
        json["intersections"]!.AsArray().Add(JsonNode.Parse(Fixtures.Json("tee"))!["intersections"]![0]!.DeepClone());
        json["corridors"] = JsonNode.Parse("""[{ "id": "C1", "intersections": ["I001", "T01"] }]""");
        var e = Single(NetworkLoader.Load(json.ToJsonString(), "net.json"));
        Assert.Equal("corridors[0] (C1).intersections[1]: no link joins I001 and T01 in either direction", $"{e.Element}: {e.Message}");
    }

    [Fact]
    public void Given_conflict_between_concurrent_phases_is_rejected()
    {
        var result = Fixtures.LoadEdited("nema8", r => Fixtures.First(r)["conflicts"] = JsonNode.Parse("[[2, 6]]"));
        Assert.Contains(result.Errors, e => e.Element == "intersections[0] (I010).conflicts[0]"
            && e.Message == "phases 2 and 6 are listed as conflicting but can run together (rings 1 and 2, barrier group 1)");
    }
}
