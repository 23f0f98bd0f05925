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

    private static (Simulation Sim, Evaluator Evaluator) Start(Traffic.Signals.Model.Network network, Demand demand, ISignalStateView signals, int seed)
    {
        var evaluator = new Evaluator();
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
