using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// A stand-in fixed-time controller for tests and benchmarks (not the project's signal core): two
/// stages per intersection, the legs within 45 deg of the first leg's axis and the rest. Each
/// stage shows green (left and U turns permitted, the rest protected), then yellow, then all-red.
/// Yellow is the ITE value of the fastest approach (at least 3 s); both greens are equal:
/// (cycle - 2 (yellow + all-red)) / 2. <paramref name="offsets"/> shifts each intersection's cycle.
/// </summary>
public sealed class FixedTimeSignalView : ISignalStateView
{
    private readonly byte[][] stageOf;
    private readonly bool[][] permitted;
    private readonly double[] yellow;
    private readonly double[] green;
    private readonly double[] offset;
    private readonly double allRed;
    private double time;

    public FixedTimeSignalView(Network model, double cycleS = 90, double allRedS = 2.0, Func<int, double>? offsets = null)
    {
        CycleS = cycleS;
        allRed = allRedS;
        var n = model.Intersections.Count;
        stageOf = new byte[n][];
        permitted = new bool[n][];
        yellow = new double[n];
        green = new double[n];
        offset = new double[n];
        for (var i = 0; i < n; i++)
        {
            var x = model.Intersections[i];
            var axis = x.Legs.Count > 0 ? x.Legs[0].BearingDeg : 0;
            stageOf[i] = new byte[x.Movements.Count];
            permitted[i] = new bool[x.Movements.Count];
            for (var j = 0; j < x.Movements.Count; j++)
            {
                var m = x.Movements[j];
                var b = x.Leg(m.FromLeg).BearingDeg;
                var off = Math.Abs(IntersectionGeometry.Wrap(b - axis));
                stageOf[i][j] = (byte)(off <= 45 || off >= 135 ? 0 : 1);
                permitted[i][j] = m.Turn is Turn.Left or Turn.UTurn;
            }

            yellow[i] = IteYellow(x);
            green[i] = (cycleS - (2 * (yellow[i] + allRedS))) / 2;
            if (green[i] < 1)
            {
                throw new ArgumentException($"cycle {cycleS} s leaves no green at {x.Id} (yellow {yellow[i]} s, all-red {allRedS} s)", nameof(cycleS));
            }

            offset[i] = offsets?.Invoke(i) ?? 0;
        }
    }

    public double CycleS { get; }

    public double Yellow(int intersection) => yellow[intersection];

    public double Green(int intersection) => green[intersection];

    public void AdvanceTo(double timeSeconds) => time = timeSeconds;

    public MovementSignal State(int intersection, int movement) => StateAt(intersection, movement, time);

    /// <summary>The state at any time, independent of <see cref="AdvanceTo"/>.</summary>
    public MovementSignal StateAt(int intersection, int movement, double t)
    {
        var p = (t + offset[intersection]) % CycleS;
        if (p < 0)
        {
            p += CycleS;
        }

        var g = green[intersection];
        var y = yellow[intersection];
        var start = stageOf[intersection][movement] == 0 ? 0 : g + y + allRed;
        var into = p - start;
        if (into >= 0 && into < g)
        {
            return permitted[intersection][movement] ? MovementSignal.GreenPermitted : MovementSignal.Green;
        }

        return into >= g && into < g + y ? MovementSignal.Yellow : MovementSignal.Red;
    }

    /// <summary>ITE yellow 1 + v / (2 * 3.05 + 2 * 9.81 * grade), rounded up to 0.1 s, max over approaches, at least 3 s.</summary>
    public static double IteYellow(Intersection x)
    {
        var y = 3.0;
        foreach (var leg in x.Legs)
        {
            var v = leg.SpeedLimitMs;
            var value = 1.0 + (v / ((2 * 3.05) + (2 * 9.81 * leg.GradePercent / 100)));
            y = Math.Max(y, Math.Ceiling((value * 10) - 1e-9) / 10);
        }

        return y;
    }
}
