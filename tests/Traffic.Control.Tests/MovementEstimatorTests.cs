using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

public sealed class MovementEstimatorTests
{
    /// <summary>Two-phase cross with one advance loop per through movement (60 m upstream), after the stop-bar loops.</summary>
    internal static Intersection WithAdvanceLoops()
    {
        var x = TestIntersections.TwoPhase();
        var advance = x.Movements.Select(m => new Detector(
            $"A{m.Id}", DetectorKind.Advance, m.FromLeg, [1], 60, [m.Id], x.Phases.Where(p => p.Movements.Any(pm => pm.MovementId == m.Id)).Select(p => p.Id).ToList()));
        return x with { Detectors = x.Detectors.Concat(advance).ToList() };
    }

    private static int Poisson(Random random, double mean)
    {
        // Knuth: multiply uniforms until the product falls below e^-mean.
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    [Theory]
    [InlineData(0.10, 1)]
    [InlineData(0.25, 2)]
    [InlineData(0.45, 3)]
    public void Recovers_known_flows_from_noisy_advance_counts_within_10_percent(double rate, int seed)
    {
        var x = WithAdvanceLoops();
        var estimator = new MovementEstimator(x, EstimatorSettings.Default with { RateNoise = 1e-8 });
        var random = new Random(seed);
        var movement = x.Movements.ToList().FindIndex(m => m.Id == "W.T");
        var loop = x.Detectors.ToList().FindIndex(d => d.Id == "AW.T");
        var other = x.Detectors.ToList().FindIndex(d => d.Id == "AE.T");
        for (long t = 0; t <= SignalTime.FromSeconds(3600); t += 10)
        {
            // Poisson arrivals each second, with loop noise: 3 % of vehicles missed, 3 % double counted.
            var arrivals = Poisson(random, rate);
            var counted = 0;
            for (var v = 0; v < arrivals; v++)
            {
                var u = random.NextDouble();
                counted += u < 0.03 ? 0 : u < 0.06 ? 2 : 1;
            }

            estimator.Observe(new DetectorReading(loop, t, false, counted));
            estimator.Observe(new DetectorReading(other, t, false, Poisson(random, 0.2)));
            estimator.Advance(t, m => (t / 300) % 2 == m % 2);
        }

        var estimate = estimator.Estimate(movement);
        Assert.InRange(estimate.ArrivalRate, rate * 0.9, rate * 1.1);
        Assert.True(estimate.RateStdDev < rate * 0.1, $"rate sd {estimate.RateStdDev} should be below 10 % of {rate}");
    }

    [Fact]
    public void Recovers_flow_from_cctv_counts_when_there_are_no_loops()
    {
        var x = TestIntersections.TwoPhase();
        var estimator = new MovementEstimator(x, EstimatorSettings.Default with { RateNoise = 1e-8 });
        var random = new Random(7);
        var movement = x.Movements.ToList().FindIndex(m => m.Id == "N.T");
        for (long t = 0; t <= SignalTime.FromSeconds(3600); t += 50)
        {
            var vehicles = Poisson(random, 5 * 0.3);
            estimator.Observe(new ApproachObservation("N", t, new VehicleCounts(vehicles, 0, 0, 0), 0, 0, 0, false));
            estimator.Advance(t, _ => true);
        }

        Assert.InRange(estimator.Estimate(movement).ArrivalRate, 0.27, 0.33);
    }

    [Fact]
    public void Queue_tracks_a_known_discharge_at_saturation_flow()
    {
        var x = TestIntersections.TwoPhase();
        var estimator = new MovementEstimator(x, EstimatorSettings.Default with { InitialRate = 0 });
        var movement = x.Movements.ToList().FindIndex(m => m.Id == "W.T");
        estimator.Advance(0, _ => false);
        estimator.Observe(new ApproachObservation("W", 0, default, 20, 0, 0, false));
        Assert.InRange(estimator.Estimate(movement).Queue, 17, 20);

        // Green from 0: one lane at 1900 veh/h = 0.528 veh/s.
        var start = estimator.Estimate(movement).Queue;
        for (long t = 10; t <= 200; t += 10)
        {
            estimator.Advance(t, m => m == movement);
        }

        Assert.InRange(estimator.Estimate(movement).Queue, start - 10.56 - 0.3, start - 10.56 + 0.3);
        for (long t = 210; t <= 600; t += 10)
        {
            estimator.Advance(t, m => m == movement);
        }

        Assert.True(estimator.Estimate(movement).Queue < 0.5, $"queue {estimator.Estimate(movement).Queue} should have discharged");
    }

    [Fact]
    public void Queue_grows_in_red_with_the_counted_arrivals()
    {
        var x = WithAdvanceLoops();
        var estimator = new MovementEstimator(x, EstimatorSettings.Default with { InitialRate = 0.2, RateNoise = 1e-8 });
        var movement = x.Movements.ToList().FindIndex(m => m.Id == "W.T");
        var loop = x.Detectors.ToList().FindIndex(d => d.Id == "AW.T");
        estimator.Advance(0, _ => false);
        estimator.Observe(new ApproachObservation("W", 0, default, 0, 0, 0, false));
        for (long t = 50; t <= 600; t += 50)
        {
            estimator.Observe(new DetectorReading(loop, t, false, 1)); // one vehicle every 5 s
            estimator.Advance(t, _ => false);
        }

        Assert.InRange(estimator.Estimate(movement).Queue, 10.5, 13.5);
    }

    [Fact]
    public void Silent_sources_give_no_update_and_the_uncertainty_grows()
    {
        var x = TestIntersections.TwoPhase();
        var estimator = new MovementEstimator(x, EstimatorSettings.Default);
        var movement = x.Movements.ToList().FindIndex(m => m.Id == "W.T");
        estimator.Advance(0, _ => false);
        estimator.Observe(new ApproachObservation("W", 0, default, 5, 0, 0, false));
        var observed = estimator.Estimate(movement);
        estimator.Advance(SignalTime.FromSeconds(120), _ => false);
        var later = estimator.Estimate(movement);
        Assert.True(observed.Observed);
        Assert.False(later.Observed);
        Assert.True(later.QueueStdDev > 2 * observed.QueueStdDev, $"sd {later.QueueStdDev} should have grown from {observed.QueueStdDev}");
    }

    [Fact]
    public void Unusable_detectors_are_ignored()
    {
        var x = WithAdvanceLoops();
        var estimator = new MovementEstimator(x, EstimatorSettings.Default with { InitialRate = 0.1, RateNoise = 1e-8 });
        var movement = x.Movements.ToList().FindIndex(m => m.Id == "W.T");
        var loop = x.Detectors.ToList().FindIndex(d => d.Id == "AW.T");
        estimator.SetUsable(loop, false);
        for (long t = 0; t <= 6000; t += 10)
        {
            estimator.Observe(new DetectorReading(loop, t, true, 5)); // a chattering loop: 5 per second
            estimator.Advance(t, _ => true);
        }

        Assert.InRange(estimator.Estimate(movement).ArrivalRate, 0.09, 0.11);
    }
}
