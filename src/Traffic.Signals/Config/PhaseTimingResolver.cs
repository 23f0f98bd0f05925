using System.Globalization;
using Traffic.Signals.Model;
using Traffic.Signals.Timing;

namespace Traffic.Signals.Config;

/// <summary>
/// Fills the timings a phase does not give from the formulas in <see cref="TimingFormulas"/>, and
/// checks the ones it gives against the same formulas (docs/config.md, "Timings").
/// </summary>
internal sealed class PhaseTimingResolver(
    ErrorSink errors,
    IReadOnlyDictionary<string, Leg> legs,
    IReadOnlyDictionary<string, Movement> movements,
    IReadOnlyDictionary<string, Crosswalk> crosswalks)
{
    public const double DefaultPedOnlyRedClearanceS = 2.0;
    public const double MinMinGreenS = 3.0;
    public const double MinWalkS = 4.0;

    public PhaseTimings Resolve(PhaseDocument p, string path, IReadOnlyList<PhaseMovement> served, IReadOnlyList<string> walks)
    {
        foreach (var (name, value) in Given(p))
        {
            if (value is { } v && (double.IsNaN(v) || double.IsInfinity(v) || v < 0))
            {
                errors.Add(ErrorSink.Field(path, name), $"{ErrorSink.S(v)} s is not allowed: must be a non-negative number of seconds");
            }
            else if (value is { } w && !TimingFormulas.IsTenths(w))
            {
                errors.Add(ErrorSink.Field(path, name), $"{ErrorSink.S(w)} s is not a multiple of 0.1 s");
            }
        }

        var (walk, pedClearance) = Pedestrian(p, path, walks);
        if (served.Count == 0)
        {
            var yellow = p.Yellow ?? 0.0;
            var red = CheckRed(p, path, DefaultPedOnlyRedClearanceS);
            var minGreen = p.MinGreen ?? 0.0;
            var maxGreen = p.MaxGreen ?? TimingFormulas.RoundUp(walk + pedClearance);
            CheckGreens(path, minGreen, maxGreen, vehicles: false);
            return new PhaseTimings(minGreen, maxGreen, yellow, red, walk, pedClearance, p.Passage ?? 0.0);
        }

        var through = served.Any(m => movements[m.MovementId].Turn == Turn.Through);
        var vehicleYellow = Yellow(p, path, served);
        var vehicleRed = CheckRed(p, path, served.Max(m => RedClearanceFor(movements[m.MovementId])));
        var min = p.MinGreen ?? (through ? 7.0 : 5.0);
        var max = p.MaxGreen ?? (through ? 40.0 : 20.0);
        CheckGreens(path, min, max, vehicles: true);
        return new PhaseTimings(min, max, vehicleYellow, vehicleRed, walk, pedClearance, p.Passage ?? (through ? 2.0 : 1.5));
    }

    private static IEnumerable<(string Name, double? Value)> Given(PhaseDocument p) =>
    [
        ("minGreen", p.MinGreen), ("maxGreen", p.MaxGreen), ("yellow", p.Yellow), ("redClearance", p.RedClearance),
        ("walk", p.Walk), ("pedClearance", p.PedClearance), ("passage", p.Passage),
    ];

    private double Yellow(PhaseDocument p, string path, IReadOnlyList<PhaseMovement> served)
    {
        // The approach that needs the longest yellow decides.
        var worst = served
            .Select(m => legs[movements[m.MovementId].FromLeg])
            .Select(l => (Leg: l, Ite: TimingFormulas.IteYellow(l.SpeedLimitKmh, l.GradePercent)))
            .MaxBy(x => x.Ite);
        var required = Math.Max(TimingFormulas.MinYellowS, worst.Ite);
        if (p.Yellow is { } given && given >= 0 && given < required - 1e-9)
        {
            var why = worst.Ite >= TimingFormulas.MinYellowS
                ? string.Create(CultureInfo.InvariantCulture, $"the {ErrorSink.S(required)} s ITE minimum for {worst.Leg.SpeedLimitKmh:0.#} km/h on leg {worst.Leg.Id}")
                : $"the {ErrorSink.S(TimingFormulas.MinYellowS)} s minimum yellow";
            errors.Add(ErrorSink.Field(path, "yellow"), $"yellow {ErrorSink.S(given)} s is below {why}");
        }

        return p.Yellow ?? required;
    }

    private double CheckRed(PhaseDocument p, string path, double computed)
    {
        if (p.RedClearance is { } r && r >= 0 && (r < TimingFormulas.MinRedClearanceS || r > TimingFormulas.MaxRedClearanceS))
        {
            errors.Add(ErrorSink.Field(path, "redClearance"),
                $"red clearance {ErrorSink.S(r)} s is outside {ErrorSink.S(TimingFormulas.MinRedClearanceS)}..{ErrorSink.S(TimingFormulas.MaxRedClearanceS)} s");
        }

        return p.RedClearance ?? computed;
    }

    /// <summary>Red clearance for one movement: the widest other leg it may have to clear, at its approach speed.</summary>
    private double RedClearanceFor(Movement m)
    {
        var width = legs.Values.Where(l => l.Id != m.FromLeg).Select(l => l.WidthM).DefaultIfEmpty(0).Max();
        return TimingFormulas.RedClearance(width, legs[m.FromLeg].SpeedLimitKmh);
    }

    private void CheckGreens(string path, double minGreen, double maxGreen, bool vehicles)
    {
        if (vehicles && minGreen >= 0 && minGreen < MinMinGreenS)
        {
            errors.Add(ErrorSink.Field(path, "minGreen"), $"min green {ErrorSink.S(minGreen)} s is below {ErrorSink.S(MinMinGreenS)} s");
        }

        if (minGreen > maxGreen)
        {
            errors.Add(ErrorSink.Field(path, "maxGreen"), $"max green {ErrorSink.S(maxGreen)} s is below min green {ErrorSink.S(minGreen)} s");
        }
    }

    private (double Walk, double PedClearance) Pedestrian(PhaseDocument p, string path, IReadOnlyList<string> walks)
    {
        if (walks.Count == 0)
        {
            foreach (var (name, value) in new[] { ("walk", p.Walk), ("pedClearance", p.PedClearance) })
            {
                if (value is > 0)
                {
                    errors.Add(ErrorSink.Field(path, name), "is given but the phase serves no crosswalk");
                }
            }

            return (0.0, 0.0);
        }

        var longest = walks.Select(id => crosswalks[id]).MaxBy(c => c.LengthM)!;
        var minClearance = longest.LengthM / Geometry.Constants.PedWalkSpeedMs;
        var clearance = p.PedClearance ?? TimingFormulas.PedClearance(longest.LengthM);
        if (p.PedClearance is { } pc && pc >= 0 && pc < minClearance - 1e-9)
        {
            errors.Add(ErrorSink.Field(path, "pedClearance"), string.Create(CultureInfo.InvariantCulture,
                $"pedestrian clearance {ErrorSink.S(pc)} s is below {ErrorSink.S(TimingFormulas.RoundUp(minClearance))} s needed to cross {longest.Id} ({longest.LengthM:0.#} m at 1.07 m/s)"));
        }

        var walk = p.Walk ?? TimingFormulas.Walk(longest.LengthM, clearance);
        if (p.Walk is { } w && w >= 0 && w < MinWalkS)
        {
            errors.Add(ErrorSink.Field(path, "walk"), $"walk {ErrorSink.S(w)} s is below {ErrorSink.S(MinWalkS)} s");
        }

        var slow = longest.LengthM / Geometry.Constants.PedSlowWalkSpeedMs;
        if (walk + clearance < slow - 1e-9)
        {
            errors.Add(ErrorSink.Field(path, p.Walk is null ? "pedClearance" : "walk"), string.Create(CultureInfo.InvariantCulture,
                $"walk {ErrorSink.S(walk)} s + clearance {ErrorSink.S(clearance)} s is below {ErrorSink.S(TimingFormulas.RoundUp(slow))} s needed to cross {longest.Id} ({longest.LengthM:0.#} m at 0.91 m/s)"));
        }

        return (walk, clearance);
    }
}
