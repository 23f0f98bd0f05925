using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Queue and arrival-flow estimation per movement of one intersection, fusing advance-loop counts
/// (arrival rate), stop-bar loops (presence in red means a queue of at least one; counts in green are
/// the real departures) and CCTV approach observations (queue per leg, vehicles counted per leg) in a
/// <see cref="QueueKalmanFilter"/> per movement. A leg's CCTV queue and counts are shared among its
/// movements by their estimated queues (or lanes when nothing is queued). Detectors the caller marks
/// unusable (see <see cref="SetUsable"/>) are ignored; a movement nobody observes keeps predicting, and
/// its uncertainty grows.
/// </summary>
public sealed class MovementEstimator
{
    private readonly Intersection intersection;
    private readonly EstimatorSettings settings;
    private readonly QueueKalmanFilter[] filters;
    private readonly double[] capacity;
    private readonly double[] windowCounts;
    private readonly double[] stopBarCounts;
    private readonly bool[] hasAdvance;
    private readonly bool[] usable;
    private readonly List<int>[] detectorMovements;
    private readonly bool[] countsStopBar;
    private readonly bool[] presence;
    private readonly long[] lastObserved;
    private readonly Dictionary<string, int[]> legMovements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> lastCctv = new(StringComparer.Ordinal);
    private readonly long window;
    private long windowStart = -1;
    private long now = -1;

    public MovementEstimator(Intersection intersection, EstimatorSettings settings)
    {
        if (!(settings.SaturationFlowPerLaneVph > 0) || !(settings.CountWindowSeconds > 0) || !(settings.CctvQueueStdDev > 0) || settings.CctvQueueRelativeError < 0)
        {
            throw new ArgumentException($"estimator settings for {intersection.Id}: saturation flow, count window and CCTV error must be positive ({settings})", nameof(settings));
        }

        this.intersection = intersection;
        this.settings = settings;
        var n = intersection.Movements.Count;
        filters = new QueueKalmanFilter[n];
        capacity = new double[n];
        windowCounts = new double[n];
        stopBarCounts = new double[n];
        hasAdvance = new bool[n];
        lastObserved = new long[n];
        Array.Fill(lastObserved, long.MinValue / 4);
        for (var m = 0; m < n; m++)
        {
            filters[m] = new QueueKalmanFilter(settings.InitialRate, settings.QueueNoise, settings.RateNoise);
            capacity[m] = settings.SaturationFlowPerLaneVph / 3600.0 * Math.Max(1, intersection.Movements[m].Lanes);
        }

        foreach (var leg in intersection.Legs)
        {
            legMovements[leg.Id] = Enumerable.Range(0, n).Where(m => intersection.Movements[m].FromLeg == leg.Id).ToArray();
        }

        detectorMovements = intersection.Detectors.Select(d => MovementsOf(intersection, d)).ToArray();
        usable = Enumerable.Repeat(true, intersection.Detectors.Count).ToArray();
        countsStopBar = new bool[intersection.Detectors.Count];
        presence = new bool[intersection.Detectors.Count];
        window = Math.Max(1, SignalTime.FromSeconds(settings.CountWindowSeconds));
        UpdateAdvanceCoverage();
    }

    /// <summary>Marks a detector usable or not (detector health); an unusable detector's readings are ignored.</summary>
    public void SetUsable(int detector, bool isUsable)
    {
        if (usable[detector] != isUsable)
        {
            usable[detector] = isUsable;
            presence[detector] = false;
            UpdateAdvanceCoverage();
        }
    }

    /// <summary>True when a CCTV observation for the leg arrived within <paramref name="maxAgeTicks"/> of the last advance.</summary>
    public bool CctvFresh(string legId, long maxAgeTicks) => lastCctv.TryGetValue(legId, out var t) && now - t <= maxAgeTicks;

    public QueueEstimate Estimate(int movement)
    {
        var f = filters[movement];
        return new QueueEstimate(f.Queue, f.ArrivalRate, Math.Sqrt(f.QueueVariance), Math.Sqrt(f.RateVariance), now - lastObserved[movement] <= window);
    }

    public void Observe(in DetectorReading r)
    {
        if (r.Detector < 0 || r.Detector >= usable.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(r), $"intersection {intersection.Id}: detector index {r.Detector} is not in 0..{usable.Length - 1}");
        }

        if (!usable[r.Detector])
        {
            return;
        }

        var detector = intersection.Detectors[r.Detector];
        var movements = detectorMovements[r.Detector];
        presence[r.Detector] = r.Presence;
        foreach (var m in movements)
        {
            lastObserved[m] = Math.Max(lastObserved[m], r.Time);
        }

        if (r.Count <= 0)
        {
            return;
        }

        var share = (double)r.Count / Math.Max(1, movements.Count);
        foreach (var m in movements)
        {
            if (detector.Kind == DetectorKind.Advance)
            {
                windowCounts[m] += share;
            }
            else if (detector.Kind == DetectorKind.StopBar)
            {
                countsStopBar[r.Detector] = true;
                stopBarCounts[m] += share;
            }
        }
    }

    public void Observe(ApproachObservation o)
    {
        if (!legMovements.TryGetValue(o.LegId, out var movements))
        {
            throw new ArgumentException($"intersection {intersection.Id}: observation for unknown leg '{o.LegId}'", nameof(o));
        }

        if (movements.Length == 0)
        {
            return;
        }

        var previous = lastCctv.TryGetValue(o.LegId, out var t) ? t : -1;
        lastCctv[o.LegId] = o.Time;
        var weights = Weights(movements);
        var queue = Math.Max(0, o.QueueLength);
        for (var i = 0; i < movements.Length; i++)
        {
            var m = movements[i];
            var part = queue * weights[i];
            var sd = settings.CctvQueueStdDev + (settings.CctvQueueRelativeError * part);
            filters[m].UpdateQueue(part, sd * sd);
            lastObserved[m] = Math.Max(lastObserved[m], o.Time);
            if (!hasAdvance[m] && previous >= 0 && o.Time > previous)
            {
                var dt = SignalTime.ToSeconds(o.Time - previous);
                var rate = o.Vehicles.Total * weights[i] / dt;
                filters[m].UpdateArrivalRate(rate, Math.Max(filters[m].ArrivalRate, 0.02) / dt);
            }
        }
    }

    /// <summary>
    /// Predicts every movement up to <paramref name="time"/> (ticks) with the given green state,
    /// applies the stop-bar evidence and, at each count window's end, the advance-loop rates.
    /// </summary>
    public void Advance(long time, Func<int, bool> movementGreen)
    {
        if (now < 0)
        {
            now = time;
            windowStart = time;
            return;
        }

        if (time <= now)
        {
            return;
        }

        var dt = SignalTime.ToSeconds(time - now);
        now = time;
        for (var m = 0; m < filters.Length; m++)
        {
            var green = movementGreen(m);
            var assumed = filters[m].Predict(dt, green ? capacity[m] : 0);
            if (green && StopBarCounts(m))
            {
                filters[m].CorrectDepartures(assumed, stopBarCounts[m]);
            }

            stopBarCounts[m] = 0;
        }

        for (var d = 0; d < presence.Length; d++)
        {
            var detector = intersection.Detectors[d];
            if (!presence[d] || !usable[d] || detector.Kind != DetectorKind.StopBar)
            {
                continue;
            }

            foreach (var m in detectorMovements[d])
            {
                if (!movementGreen(m) && filters[m].Queue < 1)
                {
                    filters[m].UpdateQueue(1, 0.25);
                }
            }
        }

        if (now - windowStart >= window)
        {
            var seconds = SignalTime.ToSeconds(now - windowStart);
            for (var m = 0; m < filters.Length; m++)
            {
                if (hasAdvance[m])
                {
                    var rate = windowCounts[m] / seconds;
                    filters[m].UpdateArrivalRate(rate, Math.Max(filters[m].ArrivalRate, 0.02) / seconds);
                }

                windowCounts[m] = 0;
            }

            windowStart = now;
        }
    }

    private bool StopBarCounts(int movement)
    {
        var any = false;
        for (var d = 0; d < countsStopBar.Length; d++)
        {
            var detector = intersection.Detectors[d];
            if (detector.Kind == DetectorKind.StopBar && detectorMovements[d].Contains(movement))
            {
                if (!usable[d] || !countsStopBar[d])
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    private double[] Weights(int[] movements)
    {
        var queued = movements.Sum(m => filters[m].Queue);
        var lanes = movements.Sum(m => Math.Max(1, intersection.Movements[m].Lanes));
        return movements.Select(m => queued > 0.5
            ? filters[m].Queue / queued
            : (double)Math.Max(1, intersection.Movements[m].Lanes) / lanes).ToArray();
    }

    private static List<int> MovementsOf(Intersection intersection, Detector detector)
    {
        var list = new List<int>();
        for (var m = 0; m < intersection.Movements.Count; m++)
        {
            if (detector.MovementIds.Contains(intersection.Movements[m].Id))
            {
                list.Add(m);
            }
        }

        return list;
    }

    private void UpdateAdvanceCoverage()
    {
        Array.Fill(hasAdvance, false);
        for (var d = 0; d < usable.Length; d++)
        {
            var detector = intersection.Detectors[d];
            if (usable[d] && detector.Kind == DetectorKind.Advance)
            {
                foreach (var m in detectorMovements[d])
                {
                    hasAdvance[m] = true;
                }
            }
        }
    }
}
