using Traffic.Signals.Model;

namespace Traffic.Simulation;

/// <summary>
/// Microsimulation of a <see cref="Network"/>: vehicles follow the Intelligent Driver Model on
/// single lanes, choose their lane when they enter a link (one that carries their next movement),
/// stop for the signal the <see cref="ISignalStateView"/> shows, queue, and cannot cross a stop line
/// while the link beyond has no room (spillback). Fixed time step; one thread; no allocation per
/// step once the fleet has reached its size. docs/simulation.md describes the model.
/// </summary>
public sealed partial class Simulation
{
    private readonly RoadNetwork net;
    private readonly ISignalStateView signals;
    private readonly ISimulationObserver? observer;
    private readonly SimulationOptions options;
    private readonly VehicleStore veh = new(1024);
    private readonly LaneQueues queues;
    private readonly MovementSignal[] signal;
    private readonly double[] laneOccupied; // sum of (length + s0) of vehicles assigned to the lane
    private readonly double[] lastConflictCross; // last time a through/right vehicle crossed from the lane
    private readonly long[] reservedStep; // step in which a vehicle reserved the back of the lane
    private readonly double[] reservedRear; // rear of that vehicle in the lane's coordinates after the step
    private readonly double[] reservedSpeed;
    private readonly double[] reservedSpace;
    private readonly double dt;
    private readonly double s0;
    private readonly double headway;
    private readonly double accel;
    private readonly double comfortDecel;
    private readonly double yellowStopDecel;
    private readonly double maxDecel;
    private readonly double delta;
    private readonly double invTwoSqrtAb;
    private long steps;

    /// <summary>A vehicle slower than this has stopped (counted once until it reaches <see cref="RestartSpeedMs"/>).</summary>
    public const double StopSpeedMs = 1.0;

    /// <summary>A stopped vehicle is moving again (a later stop counts anew) once faster than this.</summary>
    public const double RestartSpeedMs = 5.0;

    public Simulation(Network model, Demand demand, ISignalStateView signals, SimulationOptions? options = null, ISimulationObserver? observer = null)
    {
        this.options = options ?? SimulationOptions.Default;
        this.options.Validate();
        this.signals = signals;
        this.observer = observer;
        net = RoadNetwork.Build(model, this.options);
        var idm = this.options.Idm;
        dt = this.options.TimeStepS;
        s0 = idm.MinGapM;
        headway = idm.TimeHeadwayS;
        accel = idm.MaxAccelerationMs2;
        comfortDecel = idm.ComfortableDecelerationMs2;
        yellowStopDecel = this.options.YellowStopDecelerationMs2;
        maxDecel = idm.MaxDecelerationMs2;
        delta = idm.Delta;
        invTwoSqrtAb = 1 / (2 * Math.Sqrt(accel * comfortDecel));
        queues = new LaneQueues(net, idm.JamSpacingM);
        signal = new MovementSignal[net.MovementCount];
        laneOccupied = new double[net.LaneCount];
        lastConflictCross = new double[net.LaneCount];
        Array.Fill(lastConflictCross, double.NegativeInfinity);
        reservedStep = new long[net.LaneCount];
        Array.Fill(reservedStep, -1);
        reservedRear = new double[net.LaneCount];
        reservedSpeed = new double[net.LaneCount];
        reservedSpace = new double[net.LaneCount];
        arrivalRandom = new Random(this.options.Seed);
        noiseRandom = new Random(unchecked((this.options.Seed * 7919) + 17));
        CompileDemand(demand);
        BuildSensors();
        BuildPedestrians(demand.Pedestrians);
    }

    public RoadNetwork Road => net;

    public SimulationOptions Options => options;

    /// <summary>Simulated seconds since the start.</summary>
    public double Time => steps * dt;

    public long Steps => steps;

    /// <summary>Vehicles that arrived in the demand (entered or still waiting at an entry).</summary>
    public long Generated { get; private set; }

    public long Entered { get; private set; }

    public long Exited { get; private set; }

    public long OnNetwork => Entered - Exited;

    /// <summary>Sum over steps of the vehicles on the network.</summary>
    public long VehicleSteps { get; private set; }

    /// <summary>
    /// Steps in which a vehicle could not stop for a red before the stop line even with maximum
    /// braking (it went on yellow from the dilemma zone and did not make it) and was held at the line.
    /// </summary>
    public long RedOvershoots { get; private set; }

    /// <summary>The same for a stop caused by a refused gap or a full link beyond the line.</summary>
    public long HeldOvershoots { get; private set; }

    /// <summary>
    /// Steps in which the front vehicle of an approach lane had the signal to go but waited because the
    /// lane beyond had no room (spillback from downstream). Times <see cref="SimulationOptions.TimeStepS"/>
    /// this is lane-seconds of spillback.
    /// </summary>
    public long SpillbackHolds { get; private set; }

    /// <summary>Vehicles held at a stop line because a vehicle from another approach took the room beyond it in the same step.</summary>
    public long MergeHolds { get; private set; }

    /// <summary>Advances one time step.</summary>
    public void Step()
    {
        var t = Time;
        signals.AdvanceTo(t);
        var model = net.Model.Intersections;
        for (var i = 0; i < model.Count; i++)
        {
            var b = net.MovementBase[i];
            var n = net.MovementBase[i + 1] - b;
            for (var j = 0; j < n; j++)
            {
                signal[b + j] = signals.State(i, j);
            }
        }

        StepPedestrians(t);
        Array.Clear(loopPresence);
        var lanes = net.LaneCount;
        for (var l = 0; l < lanes; l++)
        {
            if (queues.Count[l] > 0)
            {
                MoveLane(l, t);
            }
        }

        for (var l = 0; l < lanes; l++)
        {
            if (queues.Count[l] > 0)
            {
                TransferFronts(l, t);
            }
        }

        GenerateArrivals(t + dt);
        InsertWaiting(t + dt);
        steps++;
        VehicleSteps += OnNetwork;
    }

    /// <summary>Steps until <see cref="Time"/> reaches <paramref name="timeSeconds"/>.</summary>
    public void RunUntil(double timeSeconds)
    {
        while (Time < timeSeconds - (dt / 2))
        {
            Step();
        }
    }

    /// <summary>Vehicles on the lanes, counted by walking every lane (independent of the counters).</summary>
    public int CountVehiclesOnLanes()
    {
        var n = 0;
        for (var l = 0; l < net.LaneCount; l++)
        {
            n += queues.Count[l];
        }

        return n;
    }

    /// <summary>The signal state every movement (global index) showed during the last step.</summary>
    internal ReadOnlySpan<MovementSignal> SignalsNow => signal;

    internal int FlowCount => routeLength.Length;

    internal int RouteLength(int flow) => routeLength[flow];

    internal int RouteMovement(int flow, int k) => routeMovements[routeStart[flow] + k];

    /// <summary>Every vehicle on the network now (allocates; for evaluation at the end of a run).</summary>
    internal List<UnfinishedVehicle> VehiclesOnNetwork()
    {
        var list = new List<UnfinishedVehicle>();
        for (var l = 0; l < net.LaneCount; l++)
        {
            for (var k = 0; k < queues.Count[l]; k++)
            {
                var v = queues.At(l, k);
                list.Add(new UnfinishedVehicle(veh.Route[v], veh.RoutePos[v], l, veh.Pos[v], veh.EnterTime[v], veh.Stops[v]));
            }
        }

        return list;
    }

    /// <summary>Every vehicle waiting outside an entry link now (allocates).</summary>
    internal List<UnfinishedVehicle> VehiclesWaiting()
    {
        var list = new List<UnfinishedVehicle>();
        foreach (var q in sourceWaiting)
        {
            foreach (var p in q)
            {
                list.Add(new UnfinishedVehicle(p.Flow, 0, -1, 0, p.Time, 0));
            }
        }

        return list;
    }

    /// <summary>The vehicles on a lane, front first (allocates; for tests and inspection).</summary>
    public IReadOnlyList<VehicleSnapshot> VehiclesOnLane(int lane)
    {
        var list = new List<VehicleSnapshot>(queues.Count[lane]);
        for (var k = 0; k < queues.Count[lane]; k++)
        {
            var v = queues.At(lane, k);
            list.Add(new VehicleSnapshot(veh.Serial[v], lane, veh.Pos[v], veh.Speed[v], veh.Length[v], (VehicleClass)veh.Class[v]));
        }

        return list;
    }
}
