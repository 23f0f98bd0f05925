namespace Traffic.Sumo.Runs;

/// <summary>
/// The figures of one run (one seed). <paramref name="RunnerCpuSeconds"/>: CPU this process spent in
/// the control loop (our controllers, policies and the TraCI client); <paramref name="SumoCpuSeconds"/>:
/// CPU SUMO spent (NaN when not measured). CPU is steadier than wall time on a shared machine.
/// </summary>
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
    string TripinfoFile,
    double RunnerCpuSeconds = double.NaN,
    double SumoCpuSeconds = double.NaN)
{
    public double SimSecondsPerWallSecond => WallSeconds > 0 ? SimulatedSeconds / WallSeconds : 0;
}
