namespace Traffic.Sumo.Runs;

/// <summary>The figures of one run (one seed).</summary>
public sealed record RunResult(
    string Scenario,
    string Policy,
    int Seed,
    TripMetrics Trips,
    int Teleports,
    bool Gridlock,
    string GridlockReason,
    int SafetyViolations,
    IReadOnlyList<string> ViolationMessages,
    double SimulatedSeconds,
    double WallSeconds,
    string TripinfoFile)
{
    public double SimSecondsPerWallSecond => WallSeconds > 0 ? SimulatedSeconds / WallSeconds : 0;
}
