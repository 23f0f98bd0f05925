using System.Globalization;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Webster's fixed-time method on a ring-barrier structure. Pure: the same flows and intersection
/// always give the same plan.
/// <list type="bullet">
/// <item>Flow ratio of a phase: y = max over its movements (protected or permitted) of flow / (s * lanes).</item>
/// <item>Critical path: in each barrier group the ring whose phases have the largest sum of y; Y = sum over groups.</item>
/// <item>Lost time: L = sum over the critical phases of (yellow + red clearance). This assumes the
/// start-up lost time (about 2 s) cancels the end gain (about 2 s of yellow used), so the displayed green
/// equals the effective green.</item>
/// <item>Cycle: C0 = (1.5 L + 5) / (1 - Y), rounded up to whole seconds and clamped to [MinCycle, MaxCycle];
/// MaxCycle when Y reaches the oversaturation threshold.</item>
/// <item>Greens: C - L is shared among barrier groups in proportion to their critical y; inside a group
/// each ring shares the group's time (less its own clearances) in proportion to its phases' y. No
/// green goes below the phase's minimum green, nor below walk + pedestrian clearance when the phase
/// has crosswalks; when needed time is taken from the others, and when the minimums do not fit the
/// cycle is lengthened.</item>
/// </list>
/// </summary>
public static class Webster
{
    /// <summary>Webster's optimal cycle in seconds, unclamped; infinite when Y >= 1.</summary>
    public static double OptimalCycle(double lostTime, double criticalFlowRatio) =>
        criticalFlowRatio >= 1 ? double.PositiveInfinity : ((1.5 * lostTime) + 5) / (1 - criticalFlowRatio);

    /// <summary>
    /// Webster's uniform delay in seconds per vehicle, d1 = 0.5 C (1 - g/C)^2 / (1 - x g/C), with the
    /// degree of saturation x capped at 1 (beyond that the overflow delay term, not modelled here, grows).
    /// </summary>
    public static double UniformDelay(double cycle, double green, double degreeOfSaturation)
    {
        var lambda = green / cycle;
        var denominator = 1 - (Math.Min(degreeOfSaturation, 1.0) * lambda);
        return denominator <= 0 ? 0 : 0.5 * cycle * (1 - lambda) * (1 - lambda) / denominator;
    }

    /// <summary>y per phase (0 for a pedestrian-only phase). Movements absent from <paramref name="flowsVph"/> carry no flow.</summary>
    public static IReadOnlyDictionary<int, double> FlowRatios(
        Intersection intersection,
        IReadOnlyDictionary<string, double> flowsVph,
        double saturationFlowPerLane)
    {
        var lanes = intersection.Movements.ToDictionary(m => m.Id, m => m.Lanes);
        var ratios = new Dictionary<int, double>();
        foreach (var phase in intersection.Phases)
        {
            var y = 0.0;
            foreach (var pm in intersection.ServedMovements(phase.Id))
            {
                if (flowsVph.TryGetValue(pm.MovementId, out var flow) && flow > 0)
                {
                    y = Math.Max(y, flow / (saturationFlowPerLane * Math.Max(1, lanes.GetValueOrDefault(pm.MovementId, 1))));
                }
            }

            ratios[phase.Id] = y;
        }

        return ratios;
    }

    public static WebsterResult Plan(
        Intersection intersection,
        IReadOnlyDictionary<string, double> flowsVph,
        WebsterSettings? settings = null)
    {
        settings ??= WebsterSettings.Default;
        CheckInputs(intersection, flowsVph, settings);

        var y = FlowRatios(intersection, flowsVph, settings.SaturationFlowPerLane);
        var phases = intersection.Phases.ToDictionary(p => p.Id);
        var minGreen = phases.ToDictionary(kv => kv.Key, kv => Ticks(TimingPlan.MinimumGreen(kv.Value)));
        var clearance = phases.ToDictionary(kv => kv.Key, kv => Ticks(kv.Value.Timings.Yellow + kv.Value.Timings.RedClearance));
        var groups = Segments(intersection.Structure);

        // Critical ring of each barrier group: largest sum of y, then the longest minimum, then the lowest ring.
        var critical = groups
            .Select(segments => segments
                .OrderByDescending(s => s.Sum(p => y[p]))
                .ThenByDescending(s => s.Sum(p => minGreen[p] + clearance[p]))
                .First())
            .ToList();
        var groupY = critical.Select(s => s.Sum(p => y[p])).ToArray();
        var groupLost = critical.Select(s => s.Sum(p => clearance[p])).ToArray();
        var groupRequired = groups.Select(segments => segments.Max(s => s.Sum(p => minGreen[p] + clearance[p]))).ToArray();

        var bigY = groupY.Sum();
        var lostTicks = groupLost.Sum();
        var lost = SignalTime.ToSeconds(lostTicks);
        var c0 = OptimalCycle(lost, bigY);
        var oversaturated = bigY >= settings.OversaturationThreshold;
        var cycleSeconds = oversaturated
            ? settings.MaxCycle
            : Math.Clamp(Math.Ceiling(c0 - 1e-9), settings.MinCycle, settings.MaxCycle);
        var cycle = Ticks(cycleSeconds);

        var groupFloors = groupRequired.Select((req, b) => (double)(req - groupLost[b])).ToArray();
        var needed = lostTicks + (long)groupFloors.Sum();
        var raised = needed > cycle;
        if (raised)
        {
            cycle = needed;
        }

        var groupGreen = Distribute(cycle - lostTicks, groupY, groupFloors);
        var groupLength = RoundKeepingFloors(
            groupGreen.Select((g, b) => g + groupLost[b]).ToArray(),
            groupRequired,
            cycle);

        var green = new Dictionary<int, long>();
        for (var b = 0; b < groups.Count; b++)
        {
            foreach (var segment in groups[b])
            {
                var available = groupLength[b] - segment.Sum(p => clearance[p]);
                var floors = segment.Select(p => minGreen[p]).ToArray();
                var shares = Distribute(available, segment.Select(p => y[p]).ToArray(), floors.Select(f => (double)f).ToArray());
                var ticks = RoundKeepingFloors(shares, floors, available);
                for (var i = 0; i < segment.Count; i++)
                {
                    green[segment[i]] = ticks[i];
                }
            }
        }

        var splits = intersection.Phases
            .Select(p => new PhaseSplit(p.Id, SignalTime.ToSeconds(green[p.Id] + clearance[p.Id]), SignalTime.ToSeconds(green[p.Id])))
            .ToList();
        var plan = new TimingPlan(
            SignalTime.ToSeconds(cycle),
            SignalTime.ToSeconds(Ticks(settings.Offset) % cycle),
            splits,
            intersection.Structure.Rings.Select(r => (IReadOnlyList<int>)r.ToList()).ToList());

        var c = plan.Cycle;
        var saturation = new Dictionary<int, double>();
        var delays = new Dictionary<int, double>();
        foreach (var p in intersection.Phases.Where(p => p.HasVehicles))
        {
            var g = SignalTime.ToSeconds(green[p.Id]);
            var x = g > 0 ? y[p.Id] * c / g : (y[p.Id] > 0 ? double.PositiveInfinity : 0);
            saturation[p.Id] = x;
            delays[p.Id] = UniformDelay(c, g, x);
        }

        return new WebsterResult(
            plan,
            bigY,
            lost,
            c0,
            y,
            saturation,
            delays,
            critical.SelectMany(s => s).ToList(),
            oversaturated,
            raised);
    }

    /// <summary>For each barrier group, the non-empty runs of each ring's phases inside it, in ring order.</summary>
    private static List<List<List<int>>> Segments(RingStructure structure)
    {
        var groups = new List<List<List<int>>>();
        for (var b = 0; b < structure.BarrierGroups.Count; b++)
        {
            var segments = structure.Rings
                .Select(ring => ring.Where(p => structure.BarrierGroupOf(p) == b).ToList())
                .Where(s => s.Count > 0)
                .ToList();
            if (segments.Count > 0)
            {
                groups.Add(segments);
            }
        }

        return groups;
    }

    /// <summary>
    /// Shares <paramref name="total"/> in proportion to <paramref name="weights"/> (equally when all are
    /// zero) while no share falls below its floor: shares that would are fixed at their floor and the
    /// rest is shared again among the others. Needs sum(floors) &lt;= total.
    /// </summary>
    internal static double[] Distribute(double total, double[] weights, double[] floors)
    {
        var result = new double[weights.Length];
        var fixedAtFloor = new bool[weights.Length];
        while (true)
        {
            var free = Enumerable.Range(0, weights.Length).Where(i => !fixedAtFloor[i]).ToList();
            var remaining = total - Enumerable.Range(0, weights.Length).Where(i => fixedAtFloor[i]).Sum(i => floors[i]);
            var weightSum = free.Sum(i => weights[i]);
            var anyBelow = false;
            foreach (var i in free)
            {
                result[i] = weightSum > 0 ? remaining * weights[i] / weightSum : remaining / free.Count;
                if (result[i] < floors[i])
                {
                    fixedAtFloor[i] = true;
                    result[i] = floors[i];
                    anyBelow = true;
                }
            }

            if (!anyBelow)
            {
                return result;
            }
        }
    }

    /// <summary>
    /// Whole ticks that sum exactly to <paramref name="total"/>, never below <paramref name="floors"/>:
    /// the floors first, then the shares above the floors by cumulative rounding.
    /// </summary>
    internal static long[] RoundKeepingFloors(double[] shares, long[] floors, long total)
    {
        var result = new long[shares.Length];
        var extraTotal = total - floors.Sum();
        var cumulative = 0.0;
        long previous = 0;
        for (var i = 0; i < shares.Length; i++)
        {
            cumulative += Math.Max(0, shares[i] - floors[i]);
            var upTo = i == shares.Length - 1
                ? extraTotal
                : Math.Min(extraTotal, (long)Math.Round(cumulative, MidpointRounding.AwayFromZero));
            result[i] = floors[i] + (upTo - previous);
            previous = upTo;
        }

        return result;
    }

    private static void CheckInputs(Intersection intersection, IReadOnlyDictionary<string, double> flowsVph, WebsterSettings settings)
    {
        var errors = new List<string>();
        var where = $"Webster plan for {intersection.Id}";
        if (!(settings.SaturationFlowPerLane > 0) || double.IsInfinity(settings.SaturationFlowPerLane))
        {
            errors.Add($"{where}: saturation flow {Fmt(settings.SaturationFlowPerLane)} veh/h/lane must be a positive number");
        }

        if (!(settings.MinCycle > 0) || !(settings.MaxCycle >= settings.MinCycle) || double.IsInfinity(settings.MaxCycle))
        {
            errors.Add($"{where}: cycle bounds [{Fmt(settings.MinCycle)}, {Fmt(settings.MaxCycle)}] s must satisfy 0 < min <= max");
        }

        if (!(settings.OversaturationThreshold > 0 && settings.OversaturationThreshold <= 1))
        {
            errors.Add($"{where}: oversaturation threshold {Fmt(settings.OversaturationThreshold)} must be in (0, 1]");
        }

        if (!double.IsFinite(settings.Offset) || settings.Offset < 0)
        {
            errors.Add($"{where}: offset {Fmt(settings.Offset)} s must be a non-negative number");
        }

        var known = intersection.Movements.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (movement, flow) in flowsVph)
        {
            if (!known.Contains(movement))
            {
                errors.Add($"{where}: flow for unknown movement '{movement}' (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
            }
            else if (!double.IsFinite(flow) || flow < 0)
            {
                errors.Add($"{where}: flow {Fmt(flow)} veh/h for movement {movement} must be a non-negative number");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(flowsVph));
        }
    }

    private static long Ticks(double seconds) => SignalTime.FromSeconds(seconds);

    private static string Fmt(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
