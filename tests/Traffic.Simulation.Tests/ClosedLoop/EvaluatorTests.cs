namespace Traffic.Simulation.Tests;

public sealed class EvaluatorTests
{
    [Fact]
    public void AlwaysGreenGivesNoDelayNoStopsAndAllArrivalsOnGreen()
    {
        var (network, demand) = Scenarios.Isolated(2, ("W.T", 300), ("N.T", 200));
        var (sim, evaluator) = Start(network, demand, new FuncSignalView((_, _, _) => MovementSignal.Green), 2);
        RunTo(sim, evaluator, 1800);
        var m = evaluator.Finish("green", 0, 0);
        Assert.True(m.Finished > 150);
        Assert.InRange(m.MeanTripDelayS, 0, 1.0);
        Assert.Equal(0, m.StopsPerVehicle);
        Assert.InRange(m.ArrivalsOnGreenPercent, 99.9, 100);
        Assert.Equal(0, m.SpillbackLaneSeconds);
    }

    [Fact]
    public void RedForTwoMinutesChargesTheWaitToEveryVehicle()
    {
        // Red until 120 s, then green: a vehicle arriving at the stop line at t waits about 120 - t.
        var (network, demand) = Scenarios.Isolated(1, ("W.T", 300));
        var (sim, evaluator) = Start(network, demand, new FuncSignalView((_, _, t) => t < 120 ? MovementSignal.Red : MovementSignal.Green), 5);
        RunTo(sim, evaluator, 100);

        var early = evaluator.Finish("red", 0, 0);
        Assert.Equal(0, early.Finished);
        Assert.True(early.MeanDelayS > 10, $"vehicles queued at a red have delay so far, got {early.MeanDelayS:F1}");
        Assert.Equal(0, early.ArrivalsOnGreenPercent);
        RunTo(sim, evaluator, 900);

        var m = evaluator.Finish("red", 0, 0);
        Assert.True(m.StopsPerVehicle > 0.05);
        Assert.True(m.MaxQueueVehicles >= 4, $"max queue {m.MaxQueueVehicles}");
        Assert.True(m.MeanTripDelayS > 2);
    }

    [Fact]
    public void PeakArrivalsOnGreenCountOnlyTheNamedMovements()
    {
        // W.T green the first 15 s of every 60 s, N.T always green: random arrivals give W.T about 25 % on green (under its 450 veh/h capacity, so no queue reaches the entry).
        var (network, demand) = Scenarios.Isolated(1, ("W.T", 300), ("N.T", 300));
        var x = network.Intersections[0];
        var wt = Scenarios.MovementIndex(network, 0, "W.T");
        var view = new FuncSignalView((_, m, t) => m != wt || t % 60 < 15 ? MovementSignal.Green : MovementSignal.Red);
        var options = EvaluationOptions.Default with { PeakMovements = [(x.Id, "W.T")] };
        var (sim, evaluator) = Start(network, demand, view, 4, options);
        RunTo(sim, evaluator, 3600);
        var m = evaluator.Finish("cycle", 0, 0);
        var all = m.Intersections.Sum(i => i.Arrivals);
        Assert.InRange(m.PeakArrivals, 220, 380); // W.T's 300 veh/h only
        Assert.True(m.PeakArrivals < all - 150, $"peak {m.PeakArrivals} of {all} arrivals");
        Assert.InRange(m.PeakArrivalsOnGreenPercent, 17, 33);
        Assert.True(m.ArrivalsOnGreenPercent > 45, $"all movements {m.ArrivalsOnGreenPercent:F1} %");

        // Without peak movements nothing is counted.
        var (sim2, evaluator2) = Start(network, demand, view, 4);
        RunTo(sim2, evaluator2, 600);
        Assert.Equal(0, evaluator2.Finish("cycle", 0, 0).PeakArrivals);
    }

    private static (Simulation Sim, Evaluator Evaluator) Start(Traffic.Signals.Model.Network network, Demand demand, ISignalStateView signals, int seed, EvaluationOptions? options = null)
    {
        var evaluator = new Evaluator(options);
        var sim = new Simulation(network, demand, signals, new SimulationOptions(Seed: seed), evaluator);
        evaluator.Attach(sim, signals);
        return (sim, evaluator);
    }

    private static void RunTo(Simulation sim, Evaluator evaluator, double time)
    {
        while (sim.Time < time)
        {
            sim.Step();
            evaluator.Sample();
        }
    }
}
