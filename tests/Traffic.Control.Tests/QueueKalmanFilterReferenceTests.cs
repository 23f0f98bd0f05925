using MathNet.Numerics.LinearAlgebra;

namespace Traffic.Control.Tests;

/// <summary>
/// The queue filter writes its 2x2 algebra out on scalars for speed; this checks it, over long random
/// sequences of predictions and measurements, against the textbook matrix form computed with MathNet.Numerics.
/// </summary>
public sealed class QueueKalmanFilterReferenceTests
{
    /// <summary>The matrix form: F = [[1, dt], [0, 1]], Q = diag(qn dt, rn dt), H = e(index), P symmetrised after each update.</summary>
    private sealed class MatrixFilter(double initialRate, double queueNoise, double rateNoise)
    {
        private static readonly MatrixBuilder<double> M = Matrix<double>.Build;
        private Vector<double> x = Vector<double>.Build.DenseOfArray([0, initialRate]);
        private Matrix<double> p = M.DenseOfArray(new[,] { { 100, 0 }, { 0, Math.Max(initialRate * initialRate, 0.01) } });

        public double Queue => x[0];

        public double Rate => x[1];

        public Matrix<double> P => p;

        public double Predict(double dt, double discharge)
        {
            var arrivals = x[1] * dt;
            var departures = Math.Min(discharge * dt, x[0] + arrivals);
            x[0] = Math.Max(0, x[0] + arrivals - departures);
            var f = M.DenseOfArray(new[,] { { 1, dt }, { 0, 1 } });
            var q = M.DenseOfDiagonalArray([queueNoise * dt, rateNoise * dt]);
            p = (f * p * f.Transpose()) + q;
            return departures;
        }

        public void Update(int index, double z, double r)
        {
            var h = M.Dense(1, 2);
            h[0, index] = 1;
            var s = (h * p * h.Transpose())[0, 0] + r;
            var k = p * h.Transpose() / s;
            x += k.Column(0) * (z - x[index]);
            p = (M.DenseIdentity(2) - (k * h)) * p;
            var off = (p[0, 1] + p[1, 0]) / 2;
            p[0, 1] = off;
            p[1, 0] = off;
            x[0] = Math.Max(0, x[0]);
            x[1] = Math.Max(0, x[1]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_scalar_filter_matches_the_matrix_form(int seed)
    {
        var random = new Random(seed);
        var fast = new QueueKalmanFilter(0.2, 0.5, 0.001);
        var reference = new MatrixFilter(0.2, 0.5, 0.001);
        for (var step = 0; step < 5000; step++)
        {
            switch (random.Next(4))
            {
                case 0:
                case 1:
                    var dt = random.NextDouble() * 2;
                    var discharge = random.Next(2) == 0 ? 0 : 0.5;
                    Assert.Equal(reference.Predict(dt, discharge), fast.Predict(dt, discharge), 9);
                    break;
                case 2:
                    var queue = random.NextDouble() * 20;
                    var qv = 0.5 + random.NextDouble();
                    reference.Update(0, queue, qv);
                    fast.UpdateQueue(queue, qv);
                    break;
                default:
                    var rate = random.NextDouble() * 0.5;
                    var rv = 0.001 + (random.NextDouble() * 0.01);
                    reference.Update(1, rate, rv);
                    fast.UpdateArrivalRate(rate, rv);
                    break;
            }

            Assert.Equal(reference.Queue, fast.Queue, 7);
            Assert.Equal(reference.Rate, fast.ArrivalRate, 9);
            Assert.Equal(reference.P[0, 0], fast.QueueVariance, 6);
            Assert.Equal(reference.P[1, 1], fast.RateVariance, 9);
        }
    }
}
