namespace Traffic.Control.Tests;

public sealed class QueueKalmanFilterTests
{
    [Fact]
    public void Predict_and_update_follow_the_kalman_equations()
    {
        // x = [0, 0.1], P = diag(100, 0.01); queue noise 0.5, rate noise 0.001 per second.
        var f = new QueueKalmanFilter(0.1, 0.5, 0.001);

        // Predict 2 s while red: x0 = 0.2; P = F P F' + Q = [[100 + 0.01*4 + 1, 0.02], [0.02, 0.012]].
        Assert.Equal(0, f.Predict(2, 0));
        Assert.Equal(0.2, f.Queue, 12);
        Assert.Equal(101.04, f.QueueVariance, 9);
        Assert.Equal(0.012, f.RateVariance, 12);

        // Queue measurement 3 with variance 1: S = 102.04, K = [101.04, 0.02] / S.
        f.UpdateQueue(3, 1);
        var k0 = 101.04 / 102.04;
        var k1 = 0.02 / 102.04;
        Assert.Equal(0.2 + (k0 * 2.8), f.Queue, 9);
        Assert.Equal(0.1 + (k1 * 2.8), f.ArrivalRate, 12);
        Assert.Equal((1 - k0) * 101.04, f.QueueVariance, 9);
        Assert.Equal(0.012 - (k1 * 0.02), f.RateVariance, 12);

        // Green: the departures are capped by what is there (queue plus arrivals over dt).
        var before = f.Queue + (f.ArrivalRate * 1);
        Assert.Equal(before, f.Predict(1, 100), 9);
        Assert.Equal(0, f.Queue, 12);
    }
}
