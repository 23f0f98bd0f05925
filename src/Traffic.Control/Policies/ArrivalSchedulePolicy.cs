using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Schedule-driven control on individual arrivals, in the spirit of SURTRAC: every decision it takes the
/// vehicles it sees approaching each movement (queued ones and, for moving ones, the time they reach the stop
/// bar) and compares schedules of the form "keep the green stage S until time T, then clear (yellow and red
/// clearance) and serve stage K until K's platoon has gone, then clear and come back to S". T is now or the end
/// of one of S's platoons. Each schedule is charged the delay of every vehicle it affects: the wait until its
/// departure (departures at saturation headway per lane, after a start-up loss when a green starts from red)
/// plus a stop penalty for a moving vehicle that would have to stop. The cheapest schedule wins: when it ends S
/// now, the policy switches to its K (the sequencer keeps minimum green and the clearances); otherwise S goes on
/// and the question is asked again next second. So a green is held while a platoon is still running in, and a
/// red stage is started early enough for a lone approaching vehicle to find it green, but only when nobody on
/// the green stage pays more for it. Maximum green ends S when another stage has a vehicle. Without fresh
/// arrivals every vehicle phase is called (recall) so the sequencer cycles on its own timings.
/// </summary>
public sealed class ArrivalSchedulePolicy : ISignalPolicy, IArrivalObserver
{
    private const long Never = long.MinValue / 4;
    private const double Inf = double.PositiveInfinity;

    private readonly Intersection intersection;
    private readonly ArrivalScheduleSettings settings;
    private readonly List<int[]> stages;
    private readonly double[][] stageService;
    private readonly double[] laneHeadway;
    private readonly Func<int, double> pedestrians;
    private readonly int[] pedPhases;
    private readonly double[] pedTime;
    private readonly double[][] etas;
    private readonly int[] counts;
    private readonly double[] rate;
    private readonly double[] laneWeight;
    private readonly bool[][] halted;
    private readonly int[] haltedCount;
    private long observedAt = Never;
    private readonly long[] rateAt;
    private readonly long interval;
    private readonly long stale;
    private readonly double[] departures;
    private readonly List<double> candidates = [];
    private readonly Transition[][] transitions;
    private int target = -1;
    private long targetSince = Never;
    private long lastDecision = Never;

    /// <param name="pedestrians">
    /// The weight (in waiting vehicles) of the pedestrian call waiting on a phase, 0 when none: a stage that walks it is
    /// charged that many vehicles' wait until it starts and runs at least the walk and pedestrian clearance. Null = none.
    /// </param>
    public ArrivalSchedulePolicy(Intersection intersection, ArrivalScheduleSettings settings, Func<int, double>? pedestrians = null)
    {
        if (!(settings.DecisionIntervalSeconds > 0) || !(settings.HeadwaySeconds > 0) || settings.StartUpLostSeconds < 0 || settings.StopPenaltySeconds < 0
            || !(settings.MinArrivalSpeed > 0) || settings.HaltedSpeed < 0 || !(settings.PlatoonGapSeconds > 0) || settings.SwitchMargin < 0
            || !(settings.PermittedShare > 0) || settings.PermittedShare > 1 || settings.MaxVehiclesPerMovement < 1 || !(settings.StaleSeconds > 0)
            || !(settings.MaxGreenSeconds > 0) || settings.MinHoldSeconds < 0)
        {
            throw new ArgumentException($"arrival-schedule settings for {intersection.Id}: times, speeds and the headway must be positive, the permitted share in (0, 1] ({settings})", nameof(settings));
        }

        foreach (var (detector, weight) in settings.DetectorWeights ?? new Dictionary<string, double>())
        {
            if (!ArrivalScheduleSettings.IsDetectorWeight(weight))
            {
                throw new ArgumentException($"arrival-schedule settings for {intersection.Id}: weight {weight} of detector '{detector}' is outside {ArrivalScheduleSettings.MinDetectorWeight}..{ArrivalScheduleSettings.MaxDetectorWeight}", nameof(settings));
            }
        }

        this.intersection = intersection;
        this.settings = settings;
        this.pedestrians = pedestrians ?? (_ => 0);
        stages = StageSet.Of(intersection, "arrival-schedule");
        laneHeadway = intersection.Detectors.Select(d => settings.HeadwaySeconds / Math.Max(1, d.Lanes.Count)).ToArray();
        pedPhases = intersection.Phases.Where(p => p.HasPedestrians).Select(p => p.Id).ToArray();
        pedTime = pedPhases.Select(p => intersection.Phase(p).Timings.Walk + intersection.Phase(p).Timings.PedClearance).ToArray();
        var movementIndex = Enumerable.Range(0, intersection.Movements.Count).ToDictionary(m => intersection.Movements[m].Id, StringComparer.Ordinal);
        var service = intersection.Phases.ToDictionary(
            p => p.Id,
            p => intersection.Movements.Select(mv => intersection.ServedMovements(p.Id)
                .Where(pm => pm.MovementId == mv.Id)
                .Select(pm => pm.Mode == MovementMode.Protected ? 1.0 : settings.PermittedShare)
                .DefaultIfEmpty(0).Max()).ToArray());

        // A lane is served by a stage as well as the least served of its movements: on a shared lane the first
        // vehicle may want the movement that is red, and then nobody behind it moves.
        var lanes = intersection.Detectors.Count;
        stageService = stages.Select(stage => intersection.Detectors.Select(d =>
        {
            var movements = d.MovementIds.Where(movementIndex.ContainsKey).Select(id => movementIndex[id]).ToArray();
            return movements.Length == 0 ? 0 : movements.Min(m => stage.Max(p => service[p][m]));
        }).ToArray()).ToArray();
        etas = Enumerable.Range(0, lanes).Select(_ => new double[settings.MaxVehiclesPerMovement]).ToArray();
        halted = Enumerable.Range(0, lanes).Select(_ => new bool[settings.MaxVehiclesPerMovement]).ToArray();
        counts = new int[lanes];
        laneWeight = intersection.Detectors.Select(d => settings.DetectorWeights is { } w && w.TryGetValue(d.Id, out var x) ? x : 1.0).ToArray();
        haltedCount = new int[lanes];
        rate = new double[lanes];
        rateAt = new long[lanes];
        departures = new double[settings.MaxVehiclesPerMovement * 4];
        transitions = stages.Select(from => stages.Select(to => new Transition(
            [.. to.Where(p => !from.Contains(p))],
            from.Where(p => !to.Contains(p)).Select(Clearance).DefaultIfEmpty(0).Max(),
            to.Where(p => !from.Contains(p)).Select(Clearance).DefaultIfEmpty(0).Max(),
            to.Where(p => !from.Contains(p)).Select(p => TimingPlan.MinimumGreen(intersection.Phase(p))).DefaultIfEmpty(0).Max())).ToArray()).ToArray();
        interval = Math.Max(1, SignalTime.FromSeconds(settings.DecisionIntervalSeconds));
        stale = SignalTime.FromSeconds(settings.StaleSeconds);
    }

    public string Name => "arrival-schedule";

    /// <summary>Vehicles standing on all approach lanes together at the last arrivals (those that count: see the exit room).</summary>
    public int Halted => haltedCount.Sum();

    /// <summary>True while arrivals newer than <see cref="ArrivalScheduleSettings.StaleSeconds"/> have come in.</summary>
    public bool IsFresh(long now) => now - observedAt <= stale;

    public void Observe(in DetectorReading r)
    {
    }

    public void Observe(ApproachObservation o)
    {
    }

    public void ObserveArrivals(int lane, long time, ReadOnlySpan<ApproachingVehicle> vehicles, int exitRoom)
    {
        if (lane < 0 || lane >= counts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(lane), $"intersection {intersection.Id}: lane (detector) index {lane} is not in 0..{counts.Length - 1}");
        }

        var list = etas[lane];
        var stops = halted[lane];
        var count = 0;
        foreach (var v in vehicles)
        {
            if (!(v.Distance >= 0) || !(v.Speed >= 0) || double.IsInfinity(v.Distance))
            {
                throw new ArgumentOutOfRangeException(nameof(vehicles), $"intersection {intersection.Id}: lane {intersection.Detectors[lane].Id}: vehicle at {v.Distance} m, {v.Speed} m/s is not a distance >= 0 and a speed >= 0");
            }

            var stopped = v.Speed < settings.HaltedSpeed;
            var eta = stopped ? 0 : v.Distance / Math.Max(v.Speed, settings.MinArrivalSpeed);
            count = Insert(list, stops, count, eta, stopped);
        }

        // A vehicle with no room behind the junction cannot leave whatever the signal shows: it counts for nobody.
        counts[lane] = Math.Min(count, Math.Max(0, exitRoom));

        // Arrival rate: the moving vehicles due within the view, per second, smoothed over about a minute.
        var due = 0;
        for (var i = 0; i < count; i++)
        {
            if (!stops[i] && list[i] <= settings.ViewSeconds)
            {
                due++;
            }
        }

        haltedCount[lane] = 0;
        for (var i = 0; i < counts[lane]; i++)
        {
            haltedCount[lane] += stops[i] ? 1 : 0;
        }

        var alpha = Math.Min(1, SignalTime.ToSeconds(Math.Max(0, time - rateAt[lane])) / settings.RateSmoothingSeconds);
        rate[lane] += alpha * ((due / settings.ViewSeconds) - rate[lane]);
        rateAt[lane] = time;
        observedAt = Math.Max(observedAt, time);
    }

    public void Decide(ISignalControl control)
    {
        if (control.IsFaulted || control.IsPreempted)
        {
            return;
        }

        var now = control.Now;
        if (now - lastDecision < interval)
        {
            return;
        }

        lastDecision = now;
        if (now - observedAt > stale)
        {
            Recall(control);
            return;
        }

        StageSet.Request(intersection, control, stages[Choose(control, now)]);
    }

    private int Choose(ISignalControl control, long now)
    {
        if (target >= 0 && !AllGreen(stages[target], control) && now - targetSince < SignalTime.FromSeconds(30))
        {
            return target;
        }

        var current = Current(control);
        if (current < 0)
        {
            var busiest = 0;
            for (var i = 1; i < stages.Count; i++)
            {
                busiest = Demand(i, -1) > Demand(busiest, -1) ? i : busiest;
            }

            return SetTarget(busiest, now);
        }

        double elapsed = Inf, minimum = 0;
        foreach (var p in stages[current])
        {
            elapsed = Math.Min(elapsed, SignalTime.ToSeconds(control.GreenElapsed(p)));
            minimum = Math.Max(minimum, Math.Max(settings.MinHoldSeconds, TimingPlan.MinimumGreen(intersection.Phase(p))));
        }

        if (elapsed + SignalTime.ToSeconds(PolicyTiming.CommandLatencyTicks) < minimum)
        {
            return SetTarget(current, now);
        }

        var maxedOut = elapsed >= settings.MaxGreenSeconds;
        var bestNow = -1;
        double bestNowCost = Inf, bestLaterCost = Inf;
        for (var k = 0; k < stages.Count; k++)
        {
            var t = transitions[current][k];
            if (k == current || AnyGreen(t.NewPhases, control) || Demand(k, current) <= 0)
            {
                continue;
            }

            var costNow = Cost(current, k, 0, t);
            if (costNow < bestNowCost)
            {
                (bestNow, bestNowCost) = (k, costNow);
            }

            if (maxedOut)
            {
                continue;
            }

            SwitchTimes(current, k, settings.MaxGreenSeconds - elapsed);
            foreach (var at in candidates)
            {
                bestLaterCost = Math.Min(bestLaterCost, Cost(current, k, at, t));
            }
        }

        // The green stage has nobody left to serve: a gap, go to the best other stage with a vehicle.
        var gap = bestNow >= 0 && Demand(current, -1) <= 0;
        if (bestNow >= 0 && (maxedOut || gap || bestNowCost + settings.SwitchMargin < bestLaterCost))
        {
            return SetTarget(bestNow, now);
        }

        return SetTarget(current, now);
    }

    /// <summary>The stage whose phases are all green with no other vehicle phase green, or -1 (in a change).</summary>
    private int Current(ISignalControl control)
    {
        for (var i = 0; i < stages.Count; i++)
        {
            if (!AllGreen(stages[i], control))
            {
                continue;
            }

            var only = true;
            foreach (var phase in intersection.Phases)
            {
                if (phase.HasVehicles && control.IsGreen(phase.Id) && Array.IndexOf(stages[i], phase.Id) < 0)
                {
                    only = false;
                    break;
                }
            }

            if (only)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool AllGreen(int[] phases, ISignalControl control)
    {
        foreach (var p in phases)
        {
            if (!control.IsGreen(p))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyGreen(int[] phases, ISignalControl control)
    {
        foreach (var p in phases)
        {
            if (control.IsGreen(p))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Delay (vehicle-seconds, stop penalties included) of every vehicle seen at the light when the green stage
    /// S = <paramref name="current"/> ends at <paramref name="switchAt"/> seconds from now, <paramref name="next"/> runs
    /// after <paramref name="lost"/> s of clearance until its vehicles have gone (at least its minimum green), and
    /// after another <paramref name="back"/> s S's remaining vehicles and every other stage's get their green. The
    /// same vehicles are charged whatever the schedule, so schedules with different next stages compare fairly.
    /// </summary>
    private double Cost(int current, int next, double switchAt, Transition change)
    {
        var start = switchAt + change.Lost;
        var cost = 0.0;
        var nextEnd = start + change.NextMinimum;
        for (var m = 0; m < counts.Length; m++)
        {
            var s = Service(current, m);
            var k = Service(next, m);
            if (k > s)
            {
                var (delay, last) = Serve(m, start, fromRed: true, k, until: Inf, out _);
                cost += laneWeight[m] * (delay + Unseen(m, settings.ViewSeconds, start));
                nextEnd = Math.Max(nextEnd, last);
            }
            else if (s > 0 && k >= s)
            {
                cost += laneWeight[m] * Serve(m, 0, fromRed: false, s, until: Inf, out _).Delay; // green through both
            }
        }

        // Pedestrians waiting for a phase the next stage starts wait until it starts, and it runs their walk and clearance.
        var nextStage = stages[next];
        var currentStage = stages[current];
        for (var i = 0; i < pedPhases.Length; i++)
        {
            var weight = pedestrians(pedPhases[i]);
            if (weight > 0 && Array.IndexOf(nextStage, pedPhases[i]) >= 0 && Array.IndexOf(currentStage, pedPhases[i]) < 0)
            {
                cost += weight * start;
                nextEnd = Math.Max(nextEnd, start + pedTime[i]);
            }
        }

        var returnAt = nextEnd + change.Back;
        for (var i = 0; i < pedPhases.Length; i++)
        {
            var weight = pedestrians(pedPhases[i]);
            if (weight > 0 && Array.IndexOf(nextStage, pedPhases[i]) < 0 && Array.IndexOf(currentStage, pedPhases[i]) < 0)
            {
                cost += weight * returnAt; // served by neither: at least until both have run
            }
        }

        for (var m = 0; m < counts.Length; m++)
        {
            var share = Service(current, m);
            var k = Service(next, m);
            if (share > k)
            {
                // Served by S until it ends (a vehicle leaving up to 1 s after the end of green goes on the yellow);
                // whoever is left waits for S to come back.
                var (delay, _) = Serve(m, 0, fromRed: false, share, until: switchAt + 1, out var served);
                cost += laneWeight[m] * (delay + Remaining(m, served, returnAt, share) + Unseen(m, Math.Max(settings.ViewSeconds, switchAt + 1), returnAt));
            }
            else if (share == 0 && k == 0 && counts[m] > 0)
            {
                // Served by neither: waits at least until both have run.
                cost += laneWeight[m] * (Remaining(m, 0, returnAt, 1) + Unseen(m, settings.ViewSeconds, returnAt));
            }
        }

        return cost;
    }

    /// <summary>
    /// Delay of the vehicles not seen yet that reach lane <paramref name="m"/> between <paramref name="from"/> and a green
    /// at <paramref name="greenAt"/> (s from now): the lane's smoothed arrival rate times that span, each waiting half of
    /// it on average and stopping once. So a stream that runs on beyond what is seen costs the same whenever it is cut.
    /// </summary>
    private double Unseen(int m, double from, double greenAt)
    {
        var span = greenAt - from;
        return span > 0 ? rate[m] * span * ((span / 2) + settings.StopPenaltySeconds) : 0;
    }

    /// <summary>
    /// Departures of lane <paramref name="m"/>'s vehicles from index <paramref name="from"/> on, on a green from
    /// <paramref name="start"/> (with the start-up loss when <paramref name="fromRed"/>), up to the first that would leave
    /// after <paramref name="until"/>: the delay of those that leave, the last departure and how many left.
    /// </summary>
    private (double Delay, double Last) Serve(int m, double start, bool fromRed, double share, double until, out int served, int from = 0)
    {
        var h = laneHeadway[m] / share;
        var prev = fromRed ? start + settings.StartUpLostSeconds - h : start - h;
        var delay = 0.0;
        var last = start;
        served = 0;
        var list = etas[m];
        var stops = halted[m];
        for (var i = from; i < counts[m]; i++)
        {
            var dep = Math.Max(list[i], prev + h);
            if (dep > until)
            {
                break;
            }

            delay += dep - list[i] + (!stops[i] && dep - list[i] > 1 ? settings.StopPenaltySeconds : 0);
            prev = last = dep;
            served++;
        }

        return (delay, last);
    }

    /// <summary>Delay of lane <paramref name="m"/>'s vehicles from index <paramref name="from"/> on, served when the green returns at <paramref name="returnAt"/>.</summary>
    private double Remaining(int m, int from, double returnAt, double share) =>
        Serve(m, returnAt, fromRed: true, share, until: Inf, out _, from).Delay;

    /// <summary>Switch times worth comparing: the end of each platoon of the green stage's vehicles, up to <paramref name="limit"/> s.</summary>
    private void SwitchTimes(int current, int next, double limit)
    {
        candidates.Clear();
        var count = 0;
        for (var m = 0; m < counts.Length; m++)
        {
            var share = Service(current, m);
            if (share <= Service(next, m))
            {
                continue;
            }

            var h = laneHeadway[m] / share;
            var prev = -h;
            for (var i = 0; i < counts[m] && count < departures.Length; i++)
            {
                prev = Math.Max(etas[m][i], prev + h);
                count = InsertSorted(departures, count, prev);
            }
        }

        for (var i = 0; i < count; i++)
        {
            var end = departures[i];
            if (end > limit)
            {
                break;
            }

            if (i == count - 1 || departures[i + 1] - end > settings.PlatoonGapSeconds)
            {
                candidates.Add(Math.Max(1, end));
            }
        }

        if (candidates.Count == 0 || candidates[^1] < limit)
        {
            candidates.Add(Math.Max(1, Math.Min(limit, count > 0 ? departures[count - 1] : 1)));
        }
    }

    /// <summary>Vehicles the stage sees beyond <paramref name="except"/> (any that it serves better).</summary>
    private double Demand(int stage, int except)
    {
        var sum = 0.0;
        foreach (var phase in stages[stage])
        {
            if (except < 0 || Array.IndexOf(stages[except], phase) < 0)
            {
                sum += pedestrians(phase);
            }
        }

        for (var m = 0; m < counts.Length; m++)
        {
            if (Service(stage, m) > Service(except, m))
            {
                sum += counts[m];
            }
        }

        return sum;
    }

    /// <summary>How well the <paramref name="stage"/>-th stage serves the lane (1 protected, the permitted share, 0 red; the least of its movements); -1 = no stage.</summary>
    private double Service(int stage, int lane) => stage < 0 ? 0 : stageService[stage][lane];

    private double Clearance(int phase) => intersection.Phase(phase).Timings.Yellow + intersection.Phase(phase).Timings.RedClearance;

    /// <summary>
    /// A change from one stage to another: the phases it starts, the clearance before they start (of the phases it ends),
    /// the clearance back (of the phases it starts) and their longest minimum green.
    /// </summary>
    private sealed record Transition(int[] NewPhases, double Lost, double Back, double NextMinimum);

    private int SetTarget(int stage, long now)
    {
        if (target != stage)
        {
            target = stage;
            targetSince = now;
        }

        return stage;
    }

    private void Recall(ISignalControl control)
    {
        target = -1;
        foreach (var phase in intersection.Phases.Where(p => p.HasVehicles))
        {
            control.SetOmit(phase.Id, false);
            control.PlaceCall(phase.Id);
        }
    }

    /// <summary>Keeps the <paramref name="count"/> earliest arrivals of a movement sorted, dropping the latest when full.</summary>
    private static int Insert(double[] list, bool[] stops, int count, double eta, bool stopped)
    {
        if (count == list.Length && eta >= list[count - 1])
        {
            return count;
        }

        var i = Math.Min(count, list.Length - 1);
        while (i > 0 && list[i - 1] > eta)
        {
            list[i] = list[i - 1];
            stops[i] = stops[i - 1];
            i--;
        }

        list[i] = eta;
        stops[i] = stopped;
        return Math.Min(count + 1, list.Length);
    }

    private static int InsertSorted(double[] list, int count, double value)
    {
        var i = count;
        while (i > 0 && list[i - 1] > value)
        {
            list[i] = list[i - 1];
            i--;
        }

        list[i] = value;
        return count + 1;
    }
}
