using Traffic.Signals.Model;

namespace Traffic.Mqtt.Tests;

/// <summary>
/// A small hand-built network for the door: I001 and I002, each a four-leg NEMA-8 junction with two
/// approach lanes per leg (N, E, S, W) plus a one-way-out leg X, stop-bar detectors "{leg}1" (both lanes)
/// and advance detectors "{leg}A" (lane 1).
/// </summary>
internal static class TestNetwork
{
    public static readonly string[] Approaches = ["N", "E", "S", "W"];

    public static readonly Network Network = new("test", [Build("I001"), Build("I002")], [], []);

    public static Intersection Build(string id)
    {
        var timings = new PhaseTimings(7, 30, 4, 2, 7, 12, 2);
        var legs = new List<Leg>
        {
            new("N", 0, 50, 0, 2, 2),
            new("E", 90, 50, 0, 2, 2),
            new("S", 180, 50, 0, 2, 2),
            new("W", 270, 50, 0, 2, 2),
            new("X", 45, 30, 0, 0, 1),
        };
        var detectors = new List<Detector>();
        foreach (var leg in Approaches)
        {
            detectors.Add(new Detector($"{leg}1", DetectorKind.StopBar, leg, [1, 2], 0, [], [2]));
            detectors.Add(new Detector($"{leg}A", DetectorKind.Advance, leg, [1], 60, [], [2]));
        }

        var phases = Enumerable.Range(1, 8).Select(p => new Phase(p, $"phase {p}", [], [], timings)).ToList();
        var structure = new RingStructure([[1, 2, 3, 4], [5, 6, 7, 8]], [[1, 2, 5, 6], [3, 4, 7, 8]]);
        return new Intersection(id, id, 0, 0, legs, [], [], [], phases, structure, [], new ConflictMatrix(0), detectors, ControllerOptions.Default);
    }
}
