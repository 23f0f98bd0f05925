using MathNet.Numerics.LinearAlgebra;

namespace Traffic.Control;

/// <summary>
/// A two-state Kalman filter for one movement (or lane group): state x = [queue (veh), arrival rate
/// (veh/s)]. Process: over dt the queue grows by rate * dt and loses the departures (the discharge
/// given as an input: saturation flow while green, capped by what is there); the rate is a random
/// walk. Measurements are scalar: a queue (CCTV, stop-bar presence) or an arrival rate (advance-loop
/// counts over a window). A source that says nothing gives no update, so the covariance grows with
/// the process noise and the next measurement weighs more.
/// </summary>
public sealed class QueueKalmanFilter
{
    private readonly double queueNoise;
    private readonly double rateNoise;
    private Vector<double> x;
    private Matrix<double> p;

    /// <param name="initialRate">Prior arrival rate, veh/s.</param>
    /// <param name="queueNoise">Queue process noise, veh^2 per second.</param>
    /// <param name="rateNoise">Rate process noise, (veh/s)^2 per second.</param>
    public QueueKalmanFilter(double initialRate, double queueNoise, double rateNoise)
    {
        if (!(initialRate >= 0) || !(queueNoise > 0) || !(rateNoise > 0) || double.IsInfinity(initialRate + queueNoise + rateNoise))
        {
            throw new ArgumentException($"queue filter: initial rate {initialRate}, noises {queueNoise}/{rateNoise} must be finite, rate >= 0, noises > 0");
        }

        this.queueNoise = queueNoise;
        this.rateNoise = rateNoise;
        x = Vector<double>.Build.DenseOfArray([0, initialRate]);
        p = Matrix<double>.Build.DenseOfArray(new double[,] { { 100, 0 }, { 0, Math.Max(initialRate * initialRate, 0.01) } });
    }

    public double Queue => x[0];

    public double ArrivalRate => x[1];

    public double QueueVariance => p[0, 0];

    public double RateVariance => p[1, 1];

    /// <summary>
    /// Moves the state on by <paramref name="dt"/> seconds with a departure capacity of
    /// <paramref name="dischargeRate"/> veh/s (0 while red). Returns the departures it assumed.
    /// </summary>
    public double Predict(double dt, double dischargeRate)
    {
        if (!(dt >= 0) || !(dischargeRate >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), $"queue filter: dt {dt} s and discharge {dischargeRate} veh/s must be >= 0");
        }

        if (dt == 0)
        {
            return 0;
        }

        var arrivals = x[1] * dt;
        var departures = Math.Min(dischargeRate * dt, x[0] + arrivals);
        x[0] = Math.Max(0, x[0] + arrivals - departures);
        var f = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, dt }, { 0, 1 } });
        var q = Matrix<double>.Build.DenseOfArray(new double[,] { { queueNoise * dt, 0 }, { 0, rateNoise * dt } });
        p = (f * p * f.Transpose()) + q;
        return departures;
    }

    /// <summary>A direct queue measurement (vehicles) with its variance.</summary>
    public void UpdateQueue(double queue, double variance) => Update(0, queue, variance);

    /// <summary>An arrival-rate measurement (veh/s, e.g. an advance-loop count over a window) with its variance.</summary>
    public void UpdateArrivalRate(double rate, double variance) => Update(1, rate, variance);

    /// <summary>Departures counted at the stop bar replace the model's: the queue loses exactly what left.</summary>
    public void CorrectDepartures(double assumed, double counted)
    {
        x[0] = Math.Max(0, x[0] + assumed - counted);
    }

    private void Update(int index, double z, double r)
    {
        if (!double.IsFinite(z) || !(r > 0) || double.IsInfinity(r))
        {
            throw new ArgumentOutOfRangeException(nameof(z), $"queue filter: measurement {z} with variance {r} must be finite with variance > 0");
        }

        var h = Vector<double>.Build.Dense(2);
        h[index] = 1;
        var ph = p * h;
        var s = (h * ph) + r;
        var k = ph / s;
        x += k * (z - x[index]);
        p = (Matrix<double>.Build.DenseIdentity(2) - k.OuterProduct(h)) * p;
        p = (p + p.Transpose()) / 2;
        x[0] = Math.Max(0, x[0]);
        x[1] = Math.Max(0, x[1]);
    }
}
