namespace Traffic.Control;

/// <summary>
/// A two-state Kalman filter for one movement (or lane group): state x = [queue (veh), arrival rate
/// (veh/s)]. Process: over dt the queue grows by rate * dt and loses the departures (the discharge
/// given as an input: saturation flow while green, capped by what is there); the rate is a random
/// walk. Measurements are scalar: a queue (CCTV, stop-bar presence) or an arrival rate (advance-loop
/// counts over a window). A source that says nothing gives no update, so the covariance grows with
/// the process noise and the next measurement weighs more. The 2x2 algebra is written out on
/// scalars (no matrix allocations: the SUMO runs update it for every leg every second), in the same
/// order of operations as the matrix form it replaces.
/// </summary>
public sealed class QueueKalmanFilter
{
    private readonly double queueNoise;
    private readonly double rateNoise;
    private double x0;
    private double x1;
    private double p00;
    private double p01;
    private double p10;
    private double p11;

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
        (x0, x1) = (0, initialRate);
        (p00, p01, p10, p11) = (100, 0, 0, Math.Max(initialRate * initialRate, 0.01));
    }

    public double Queue => x0;

    public double ArrivalRate => x1;

    public double QueueVariance => p00;

    public double RateVariance => p11;

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

        var arrivals = x1 * dt;
        var departures = Math.Min(dischargeRate * dt, x0 + arrivals);
        x0 = Math.Max(0, x0 + arrivals - departures);

        // P = F P F' + Q with F = [[1, dt], [0, 1]], Q = diag(queueNoise dt, rateNoise dt).
        var fp00 = p00 + (dt * p10);
        var fp01 = p01 + (dt * p11);
        var fp10 = p10;
        var fp11 = p11;
        (p00, p01, p10, p11) = (
            fp00 + (fp01 * dt) + (queueNoise * dt),
            fp01,
            fp10 + (fp11 * dt),
            fp11 + (rateNoise * dt));
        return departures;
    }

    /// <summary>A direct queue measurement (vehicles) with its variance.</summary>
    public void UpdateQueue(double queue, double variance) => Update(0, queue, variance);

    /// <summary>An arrival-rate measurement (veh/s, e.g. an advance-loop count over a window) with its variance.</summary>
    public void UpdateArrivalRate(double rate, double variance) => Update(1, rate, variance);

    /// <summary>Departures counted at the stop bar replace the model's: the queue loses exactly what left.</summary>
    public void CorrectDepartures(double assumed, double counted)
    {
        x0 = Math.Max(0, x0 + assumed - counted);
    }

    private void Update(int index, double z, double r)
    {
        if (!double.IsFinite(z) || !(r > 0) || double.IsInfinity(r))
        {
            throw new ArgumentOutOfRangeException(nameof(z), $"queue filter: measurement {z} with variance {r} must be finite with variance > 0");
        }

        // H = e(index): P H is P's column, S = P[index, index] + R, K = P H / S.
        var (ph0, ph1) = index == 0 ? (p00, p10) : (p01, p11);
        var s = (index == 0 ? ph0 : ph1) + r;
        var (k0, k1) = (ph0 / s, ph1 / s);
        var innovation = z - (index == 0 ? x0 : x1);
        (x0, x1) = (x0 + (k0 * innovation), x1 + (k1 * innovation));

        // P = (I - K H) P, then symmetrised.
        var (m00, m01) = index == 0 ? (1 - k0, 0.0) : (1.0, -k0);
        var (m10, m11) = index == 0 ? (-k1, 1.0) : (0.0, 1 - k1);
        var (n00, n01, n10, n11) = (
            (m00 * p00) + (m01 * p10),
            (m00 * p01) + (m01 * p11),
            (m10 * p00) + (m11 * p10),
            (m10 * p01) + (m11 * p11));
        var offDiagonal = (n01 + n10) / 2;
        (p00, p01, p10, p11) = (n00, offDiagonal, offDiagonal, n11);
        x0 = Math.Max(0, x0);
        x1 = Math.Max(0, x1);
    }
}
