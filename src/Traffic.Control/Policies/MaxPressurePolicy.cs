using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control;

/// <summary>
/// Max-pressure control (Varaiya 2013). A stage is a set of phases that can be green together (one
/// phase per ring inside one barrier group; in a one-ring stage list every phase is a stage). Its
/// pressure is the sum over the movements it serves of (upstream queue minus downstream queue) times
/// the movement's saturation flow, here its lane count (Varaiya's w * c; without the weight a one-lane
/// left with 12 queued beats a three-lane through with 10 and the signal serves 1 vehicle every 2 s
/// instead of 3; <see cref="MaxPressureSettings.WeightByLanes"/>). Every decision interval the policy picks the stage with the
/// highest pressure (ties keep what is green, then the first stage) and asks for it: it calls the
/// stage's phases, omits every other phase (so no stale call pulls the signal elsewhere) and forces
/// off greens outside the stage. The sequencer keeps minimum green, yellow and red clearance, so a
/// switch shows the old phase's remaining minimum green, its yellow and red clearance, then the new
/// green. Pedestrians the CCTV sees waiting call the phases that walk their crosswalk (without this no walk
/// ever came up: 1796 s mean pedestrian wait on daegu-250 off-peak). Pedestrian-only phases are left to their calls. Without movement queues the policy falls back on <see cref="ApproachObservation.QueueLength"/>
/// per approach leg as the upstream queue of each movement from that leg (downstream 0).
/// </summary>
public sealed class MaxPressurePolicy : ISignalPolicy, IMovementQueueObserver
{
    private const long Never = long.MinValue / 4;

    private readonly Intersection intersection;
    private readonly long interval;
    private readonly int[] upstream;
    private readonly int[] downstream;
    private readonly int[] weight;
    private readonly Dictionary<int, int[]> phaseMovements = [];
    private readonly Dictionary<string, int> movementIndex = new(StringComparer.Ordinal);
    private readonly List<int[]> stages;
    private readonly PedestrianCalls pedCalls;
    private bool sawMovementQueues;
    private long lastDecision = Never;

    public MaxPressurePolicy(Intersection intersection, MaxPressureSettings settings)
    {
        if (!(settings.DecisionIntervalSeconds > 0) || double.IsInfinity(settings.DecisionIntervalSeconds))
        {
            throw new ArgumentException($"max-pressure settings for {intersection.Id}: decision interval {settings.DecisionIntervalSeconds} s must be a positive number", nameof(settings));
        }

        this.intersection = intersection;
        interval = Math.Max(1, SignalTime.FromSeconds(settings.DecisionIntervalSeconds));
        upstream = new int[intersection.Movements.Count];
        downstream = new int[intersection.Movements.Count];
        weight = intersection.Movements.Select(m => settings.WeightByLanes ? Math.Max(1, m.Lanes) : 1).ToArray();
        for (var m = 0; m < intersection.Movements.Count; m++)
        {
            movementIndex[intersection.Movements[m].Id] = m;
        }

        foreach (var phase in intersection.Phases)
        {
            phaseMovements[phase.Id] = intersection.ServedMovements(phase.Id).Select(pm => movementIndex[pm.MovementId]).Distinct().ToArray();
        }

        stages = StageSet.Of(intersection, "max-pressure");
        pedCalls = new PedestrianCalls(intersection);
    }

    public string Name => "max-pressure";

    /// <summary>The stages the policy chooses from, each a set of phase ids.</summary>
    public IReadOnlyList<IReadOnlyList<int>> StageList => stages;

    /// <summary>The stage chosen at the last decision, or null before the first.</summary>
    public IReadOnlyList<int>? Chosen { get; private set; }

    public void Observe(in DetectorReading r)
    {
        // Max-pressure works on queues, not on stop-bar actuations.
    }

    public void Observe(ApproachObservation o)
    {
        pedCalls.Observe(o); // pedestrians waiting call the phases that walk their crosswalk, as actuated does
        if (sawMovementQueues)
        {
            return;
        }

        var known = false;
        for (var m = 0; m < intersection.Movements.Count; m++)
        {
            if (intersection.Movements[m].FromLeg == o.LegId)
            {
                upstream[m] = Math.Max(0, o.QueueLength);
                downstream[m] = 0;
                known = true;
            }
        }

        if (!known && !intersection.Legs.Any(l => l.Id == o.LegId))
        {
            throw new ArgumentException($"intersection {intersection.Id}: observation for unknown leg '{o.LegId}'", nameof(o));
        }
    }

    public void Observe(in MovementQueue q)
    {
        if (q.Movement < 0 || q.Movement >= upstream.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(q), $"intersection {intersection.Id}: movement index {q.Movement} is not in 0..{upstream.Length - 1}");
        }

        if (q.Upstream < 0 || q.Downstream < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(q), $"intersection {intersection.Id}: movement {intersection.Movements[q.Movement].Id} has a negative queue ({q.Upstream}, {q.Downstream})");
        }

        sawMovementQueues = true;
        upstream[q.Movement] = q.Upstream;
        downstream[q.Movement] = q.Downstream;
    }

    /// <summary>Upstream minus downstream queue, times the lane weight, summed over the phase's movements.</summary>
    public int Pressure(int phaseId) => Pressure(phaseMovements[phaseId]);

    /// <summary>Pressure of a stage: each movement it serves counted once.</summary>
    public int StagePressure(IReadOnlyList<int> stage) => Pressure(stage.SelectMany(p => phaseMovements[p]).Distinct());

    public void Decide(ISignalControl control)
    {
        if (control.IsFaulted || control.IsPreempted)
        {
            return;
        }

        if (control.Now - lastDecision < interval)
        {
            return;
        }

        lastDecision = control.Now;
        var best = stages[0];
        var bestPressure = int.MinValue;
        var bestGreen = -1;
        foreach (var stage in stages)
        {
            var pressure = StagePressure(stage);
            var green = stage.Count(control.IsGreen);
            if (pressure > bestPressure || (pressure == bestPressure && green > bestGreen))
            {
                (best, bestPressure, bestGreen) = (stage, pressure, green);
            }
        }

        Chosen = best;
        StageSet.Request(intersection, control, best);
        pedCalls.Place(control);
    }

    private int Pressure(IEnumerable<int> movements)
    {
        var sum = 0;
        foreach (var m in movements)
        {
            sum += (upstream[m] - downstream[m]) * weight[m];
        }

        return sum;
    }
}
