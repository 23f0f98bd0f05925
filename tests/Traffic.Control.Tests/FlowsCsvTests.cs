using Traffic.Signals.Model;

namespace Traffic.Control.Tests;

public sealed class FlowsCsvTests
{
    [Fact]
    public void Good_lines_are_kept_and_every_bad_line_is_reported_with_its_number_and_reason()
    {
        const string text = """
            intersection,movement,flow_vph
            I001,W.T,570
            I001,N.L,abc
            I001,NL,100

            I001,E.T,-3
            I001,W.T,600
            I001,S.T:E,120.5
            ,S.T,10
            I001,S.R,10,extra
            I002, N.T , 1e3
            """;
        var result = FlowsCsv.Parse(text, "flows.csv");

        Assert.Equal(
            [("I001", "W.T", 570.0, 2), ("I001", "S.T:E", 120.5, 8), ("I002", "N.T", 1000.0, 11)],
            result.Flows.Select(f => (f.Intersection, f.Movement, f.FlowVph, f.Line)));
        Assert.Equal(
            [
                "flows.csv:3: flow_vph 'abc' is not a number",
                "flows.csv:4: movement 'NL' is not of the form FROM.T or FROM.T:EXIT with T one of L, T, R, U",
                "flows.csv:6: flow_vph -3 is negative",
                "flows.csv:7: movement W.T of intersection I001 already given on line 2",
                "flows.csv:9: intersection is empty",
                "flows.csv:10: expected 3 fields (intersection,movement,flow_vph), found 4",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Equal(new Dictionary<string, double> { ["W.T"] = 570, ["S.T:E"] = 120.5 }, result.For("I001"));
    }

    [Fact]
    public void A_wrong_header_and_an_empty_file_are_errors()
    {
        var wrong = FlowsCsv.Parse("node,movement,vph\nI1,W.T,5\n", "a.csv");
        Assert.Equal("a.csv:1: header must be 'intersection,movement,flow_vph', found 'node,movement,vph'", Assert.Single(wrong.Errors).ToString());
        Assert.Single(wrong.Flows);

        var empty = FlowsCsv.Parse("\n\n", "b.csv");
        Assert.Contains("file is empty", Assert.Single(empty.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_network_unknown_intersections_and_movements_are_errors()
    {
        var network = new Network("test", [TestIntersections.TwoPhase()], [], []);
        var result = FlowsCsv.Parse("intersection,movement,flow_vph\nTWO,W.T,10\nTWO,W.L,10\nXX,W.T,10\n", "c.csv", network);

        Assert.Equal("W.T", Assert.Single(result.Flows).Movement);
        Assert.Equal(
            ["c.csv:3: intersection TWO has no movement 'W.L'", "c.csv:4: intersection 'XX' is not in network test"],
            result.Errors.Select(e => e.ToString()));
    }
}
