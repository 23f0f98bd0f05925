using Traffic.Control;
using Traffic.Signals.Model;

namespace Traffic.Simulation.Tests;

/// <summary>One fixed-time or actuated intersection with Poisson arrivals, against queueing theory.</summary>
public sealed class IsolatedIntersectionTests
{
    private const double Cycle = 60;
    private const double Green = 25.7; // split 30 s = green + yellow 3.3 s + red clearance 1.0 s

    /// <summary>
    /// Webster's (1958) delay formula, all three terms, in seconds per vehicle:
    /// d = c (1 - l)^2 / (2 (1 - l x)) + x^2 / (2 q (1 - x)) - 0.65 (c / q^2)^(1/3) x^(2 + 5 l),
    /// with c the cycle, l = g/c the effective green ratio, q the arrival flow (veh/s), s the saturation
    /// flow (veh/s) and x = q / (s l) the degree of saturation.
    /// </summary>
    public static double WebsterDelay(double c, double g, double q, double s)
    {
        var l = g / c;
        var x = q / (s * l);
        return (c * (1 - l) * (1 - l) / (2 * (1 - (l * x))))
            + (x * x / (2 * q * (1 - x)))
            - (0.65 * Math.Cbrt(c / (q * q)) * Math.Pow(x, 2 + (5 * l)));
    }

    [Fact]
    public void FixedTimeMeanDelayIsWithinTwentyPercentOfWebster()
    {
        // 1. Saturation flow and effective green of this signal in this simulation, measured with a queue
        //    that never empties: vehicles served per cycle N and the discharge headway h give s = 1/h and
        //    effective green g = N h (the time at saturation flow that serves them).
        var (saturated, satDemand) = Scenarios.Isolated(1, ("W.T", 1600));
        var crossings = new Recorder();
        var run = FixedRun(saturated, satDemand, crossings, seed: 1);
        run.RunUntil(3600);
        var greens = crossings.Crossings.Where(c => c.Time > 600).GroupBy(c => Math.Floor(c.Time / Cycle)).Where(g => g.Count() > 5).ToList();
        Assert.True(greens.Count > 40, $"{greens.Count} saturated greens");
        var served = greens.Average(g => g.Count());
        var headways = greens.SelectMany(g => g.OrderBy(c => c.Time).Select(c => c.Time).Skip(4).Zip(g.OrderBy(c => c.Time).Select(c => c.Time).Skip(5), (a, b) => b - a)).ToList();
        var h = headways.Average();
        var s = 1 / h;
        var effectiveGreen = served * h;
        Assert.InRange(3600 * s, 1700, 2000); // the simulation's calibrated saturation flow at 50 km/h
        Assert.InRange(effectiveGreen, Green - 4, Green + 4);

        // 2. Random arrivals below saturation on two opposite approaches, four hours.
        var q = 560.0;
        var (network, demand) = Scenarios.Isolated(1, ("W.T", q), ("E.T", q));
        var measured = FixedRun(network, demand, null, seed: 7);
        measured.RunUntil(4 * 3600);
        var m = measured.Finish();
        var webster = WebsterDelay(Cycle, effectiveGreen, q / 3600, s);
        var x = q / 3600 / (s * effectiveGreen / Cycle);
        Assert.InRange(x, 0.55, 0.85);
        Assert.True(
            Math.Abs(m.MeanTripDelayS - webster) <= 0.2 * webster,
            $"mean delay {m.MeanTripDelayS:F2} s over {m.Finished} trips; Webster {webster:F2} s (s {3600 * s:F0} veh/h, g {effectiveGreen:F1} s, x {x:F2})");
        Assert.Equal(0, m.SafetyFaults);
        Console.WriteLine($"Webster check: measured {m.MeanTripDelayS:F2} s over {m.Finished} trips, Webster {webster:F2} s, s {3600 * s:F0} veh/h, g {effectiveGreen:F2} s, x {x:F3}");
    }

    [Fact]
    public void ActuatedBeatsFixedTimeAtLowDemand()
    {
        var (network, demand) = Scenarios.Isolated(2, ("W.T", 150), ("E.T", 150), ("N.T", 120), ("S.T", 120), ("W.L", 30), ("N.R", 40));
        var delays = new Dictionary<string, RunMetrics>();
        foreach (var policy in new[] { "fixed", "actuated" })
        {
            var run = new ClosedLoopRun(network, demand, policy, new RunSettings(Seed: 4));
            run.RunUntil(3600);
            delays[policy] = run.Finish();
            Assert.Equal(0, delays[policy].SafetyFaults);
        }

        var fixedDelay = delays["fixed"].MeanDelayS;
        var actuatedDelay = delays["actuated"].MeanDelayS;
        Assert.True(fixedDelay > 5, $"fixed-time delay {fixedDelay:F1} s: a 40 s cycle cannot give less");
        Assert.True(actuatedDelay < 0.8 * fixedDelay, $"actuated {actuatedDelay:F1} s/veh, fixed {fixedDelay:F1} s/veh");
        Assert.True(delays["actuated"].StopsPerVehicle < delays["fixed"].StopsPerVehicle);
        Console.WriteLine($"low demand: fixed {fixedDelay:F1} s/veh, {delays["fixed"].StopsPerVehicle:F2} stops; actuated {actuatedDelay:F1} s/veh, {delays["actuated"].StopsPerVehicle:F2} stops");
    }

    /// <summary>Both phases get 25.7 s of green in a 60 s cycle; <paramref name="observer"/> sees every crossing.</summary>
    private static ClosedLoopRun FixedRun(Network network, Demand demand, Recorder? observer, int seed)
    {
        var x = network.Intersections[0];
        var plan = new TimingPlan(
            Cycle,
            0,
            x.Phases.Select(p => new PhaseSplit(p.Id, Green + p.Timings.Yellow + p.Timings.RedClearance, Green)).ToList(),
            x.Structure.Rings.Select(r => (IReadOnlyList<int>)r.ToList()).ToList());
        Assert.Empty(plan.Check(x));
        var registry = new PolicyRegistry();
        registry.Register("plan", "the test's plan", c => new FixedTimePolicy(c.Intersection, plan));
        var run = new ClosedLoopRun(network, demand, "plan", new RunSettings(Seed: seed, Registry: registry));
        if (observer is not null)
        {
            run.Evaluator.Forward = observer;
        }

        return run;
    }
}
