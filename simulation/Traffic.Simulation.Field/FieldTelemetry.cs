using Traffic.Mqtt.Contract;
using Traffic.Signals.Model;
using WireReading = Traffic.Mqtt.Contract.DetectorReading;

namespace Traffic.Simulation.Field;

/// <summary>
/// Turns the simulation's sensors and the emulated controllers into contract messages
/// (docs/mqtt.md): per intersection a detector batch every <see cref="FieldOptions.DetectorIntervalS"/>
/// (per detector: vehicles counted over all its lanes, occupancy = the largest of its lanes' occupied
/// fractions, presence on any lane), CCTV counts per approach leg every <see cref="FieldOptions.CctvIntervalS"/>
/// and the controller status every <see cref="FieldOptions.HeartbeatS"/>. Sources are "vds-{id}",
/// "cam-{id}" and "ctl-{id}"; sequence numbers count from 1 per topic; times are event times of the
/// <see cref="FieldClock"/>.
/// </summary>
public sealed class FieldTelemetry
{
    private const double Eps = 1e-6;

    private readonly Simulation sim;
    private readonly FieldControllers controllers;
    private readonly FieldClock clock;
    private readonly FieldOptions options;
    private readonly Dictionary<string, long> seqs = new(StringComparer.Ordinal);
    private readonly int[][][] detectorLoops; // [intersection][detector] -> loops
    private readonly int[][] cameras; // [intersection] -> one camera per approach leg
    private readonly long[] lastCount;
    private readonly double[] lastOccupied;
    private readonly LoopFailure[][] failure; // [intersection][detector]
    private readonly bool[] cameraOut;
    private readonly int[][] detectorLanes; // [intersection][detector]
    private readonly Chatter chatter;
    private readonly Queue<(double Due, FieldMessage Message)> delayed = new();
    private double lastDetectorTime;
    private double nextDetector;
    private double nextCctv;
    private double nextTracks;
    private double nextStatus;
    private readonly List<Traffic.Control.ApproachingVehicle> trackBuffer = [];

    public FieldTelemetry(Simulation sim, FieldControllers controllers, FieldClock clock, FieldOptions options)
    {
        this.sim = sim;
        this.controllers = controllers;
        this.clock = clock;
        this.options = options;
        var model = sim.Road.Model.Intersections;
        detectorLoops = new int[model.Count][][];
        cameras = new int[model.Count][];
        for (var i = 0; i < model.Count; i++)
        {
            var detectors = model[i].Detectors;
            var ii = i;
            detectorLoops[i] = [.. detectors.Select((_, d) => sim.LoopsOf(ii, d).ToArray())];
            cameras[i] = [.. sim.Cameras.Where(c => c.Intersection == ii).GroupBy(c => c.Leg).Select(g => g.First().Index)];
        }

        var failures = options.Failures;
        failure = [.. model.Select(x => x.Detectors.Select(d => failures.Loop(x.Id, d.Id)).ToArray())];
        detectorLanes = [.. model.Select(x => x.Detectors.Select(d => d.Lanes.Count > 0 ? d.Lanes.Count : x.Leg(d.LegId).InboundLanes).ToArray())];
        cameraOut = [.. sim.Cameras.Select(c => failures.CameraOut(model[c.Intersection].Id, c.Id))];
        chatter = new Chatter(unchecked(failures.Seed * 31) + 7, failures.ChatterPulsesPerSecond);
        lastCount = new long[sim.Loops.Count];
        lastOccupied = new double[sim.Loops.Count];
        nextDetector = options.DetectorIntervalS;
        nextCctv = options.CctvIntervalS;
        nextTracks = options.TracksIntervalS > 0 ? options.TracksIntervalS : double.PositiveInfinity;
        nextStatus = options.HeartbeatS;
    }

    /// <summary>Adds the messages due at the simulation's current time to <paramref name="into"/>.</summary>
    public void Collect(List<FieldMessage> into)
    {
        var t = sim.Time;
        var sensed = new List<FieldMessage>();
        if (t >= nextDetector - Eps)
        {
            Detectors(t, sensed);
            nextDetector += options.DetectorIntervalS;
        }

        if (t >= nextCctv - Eps)
        {
            Cctv(t, sensed);
            nextCctv += options.CctvIntervalS;
        }

        if (t >= nextTracks - Eps)
        {
            Tracks(t, sensed);
            nextTracks += options.TracksIntervalS;
        }

        foreach (var m in sensed)
        {
            delayed.Enqueue((t + options.Failures.LatencyS, m));
        }

        while (delayed.Count > 0 && delayed.Peek().Due <= t + Eps)
        {
            into.Add(delayed.Dequeue().Message);
        }

        if (t >= nextStatus - Eps)
        {
            foreach (var c in controllers.Controllers)
            {
                into.Add(Status(c, clock.At(t)));
            }

            nextStatus += options.HeartbeatS;
        }
    }

    /// <summary>The controller's acknowledgement of plan <paramref name="planSeq"/>.</summary>
    public FieldMessage Ack(EmulatedController controller, long planSeq, bool accepted, string? reason, DateTimeOffset time)
    {
        var id = controller.Model.Id;
        return FieldMessage.Of(id, TopicKind.Ack, new PlanAck
        {
            Source = $"ctl-{id}",
            Seq = NextSeq(id, TopicKind.Ack),
            Time = time,
            PlanSeq = planSeq,
            Accepted = accepted,
            Reason = reason,
        });
    }

    public FieldMessage Status(EmulatedController controller, DateTimeOffset time)
    {
        var id = controller.Model.Id;
        return FieldMessage.Of(id, TopicKind.Status, new ControllerStatus
        {
            Source = $"ctl-{id}",
            Seq = NextSeq(id, TopicKind.Status),
            Time = time,
            Mode = controller.Mode,
            Phases = controller.GreenPhases(),
            PedCalls = controller.PedCalls(),
            Faults = controller.Faults(),
            PlanSeq = controller.PlanSeq,
            HeartbeatS = options.HeartbeatS,
        });
    }

    private void Detectors(double t, List<FieldMessage> into)
    {
        var interval = Math.Round(t - lastDetectorTime, 3);
        lastDetectorTime = t;
        var time = clock.At(t);
        var model = sim.Road.Model.Intersections;
        for (var i = 0; i < model.Count; i++)
        {
            var readings = new List<WireReading>();
            var detectors = model[i].Detectors;
            for (var d = 0; d < detectors.Count; d++)
            {
                if (detectors[d].Kind == DetectorKind.Cctv || detectorLoops[i][d].Length == 0)
                {
                    continue;
                }

                var failed = failure[i][d];

                var count = 0L;
                var occupancy = 0.0;
                var presence = false;
                foreach (var l in detectorLoops[i][d])
                {
                    var r = sim.ReadLoop(l);
                    count += r.Count - lastCount[l];
                    occupancy = Math.Max(occupancy, (r.OccupiedS - lastOccupied[l]) / interval);
                    presence |= r.Presence;
                    lastCount[l] = r.Count;
                    lastOccupied[l] = r.OccupiedS;
                }

                switch (failed)
                {
                    case LoopFailure.NoData:
                        continue;
                    case LoopFailure.StuckOn:
                        (count, occupancy, presence) = (0, 1, true);
                        break;
                    case LoopFailure.Chatter:
                        var most = Math.Max(1, (int)Math.Ceiling(interval * Math.Max(1, detectorLanes[i][d])));
                        count = Math.Min(most, count + chatter.Pulses(interval));
                        presence |= chatter.Presence();
                        occupancy = Math.Max(occupancy, presence ? 0.5 : 0);
                        break;
                    default:
                        break;
                }

                readings.Add(new WireReading
                {
                    Detector = detectors[d].Id,
                    Count = (int)count,
                    Occupancy = Math.Round(Math.Clamp(occupancy, 0, 1), 3),
                    Presence = presence,
                });
            }

            if (readings.Count > 0)
            {
                var id = model[i].Id;
                into.Add(FieldMessage.Of(id, TopicKind.Detectors, new DetectorReadings
                {
                    Source = $"vds-{id}",
                    Seq = NextSeq(id, TopicKind.Detectors),
                    Time = time,
                    IntervalS = interval,
                    Readings = readings,
                }));
            }
        }
    }

    private void Cctv(double t, List<FieldMessage> into)
    {
        var time = clock.At(t);
        var model = sim.Road.Model.Intersections;
        for (var i = 0; i < model.Count; i++)
        {
            if (cameras[i].Length == 0)
            {
                continue;
            }

            var approaches = new List<ApproachCounts>();
            var interval = 0.0;
            foreach (var camera in cameras[i])
            {
                var r = sim.ReadCamera(camera);
                if (cameraOut[camera])
                {
                    continue;
                }

                interval = r.IntervalS;
                var lanes = model[i].Leg(sim.Cameras[camera].Leg).InboundLanes;
                approaches.Add(new ApproachCounts
                {
                    Leg = sim.Cameras[camera].Leg,
                    Vehicles = new VehicleClassCounts { Car = r.Cars + r.EmergencyVehicles, Bus = r.Buses, Truck = r.Trucks, Motorcycle = 0 },
                    QueueVehicles = Math.Min(r.QueueVehicles, 60 * Math.Max(1, lanes)),
                    PedestriansWaiting = 0,
                    PedestriansCrossing = 0,
                    EmergencyVehicle = r.EmergencyVehicles > 0,
                });
            }

            if (approaches.Count == 0)
            {
                continue;
            }

            var id = model[i].Id;
            into.Add(FieldMessage.Of(id, TopicKind.Cctv, new CctvCounts
            {
                Source = $"cam-{id}",
                Seq = NextSeq(id, TopicKind.Cctv),
                Time = time,
                IntervalS = Math.Round(interval, 3),
                Approaches = approaches,
            }));
        }
    }

    /// <summary>
    /// The tracking cameras' view per stop-bar detector: vehicles within <see cref="FieldOptions.TrackRangeM"/> of the stop
    /// line and the room behind the junction. Only where every camera of the intersection works.
    /// </summary>
    private void Tracks(double t, List<FieldMessage> into)
    {
        var time = clock.At(t);
        var model = sim.Road.Model.Intersections;
        for (var i = 0; i < model.Count; i++)
        {
            if (cameras[i].Length == 0 || cameras[i].Any(c => cameraOut[c]))
            {
                continue;
            }

            var lanes = new List<LaneTracks>();
            for (var d = 0; d < model[i].Detectors.Count; d++)
            {
                trackBuffer.Clear();
                var room = sim.Track(i, d, options.TrackRangeM, trackBuffer);
                if (room < 0)
                {
                    continue;
                }

                lanes.Add(new LaneTracks
                {
                    Detector = model[i].Detectors[d].Id,
                    ExitRoom = room == int.MaxValue ? null : Math.Min(room, 600),
                    Vehicles = [.. trackBuffer.Select(v => new TrackedVehicle { DistanceM = Math.Round(v.Distance, 1), SpeedMs = Math.Round(v.Speed, 2) })],
                });
            }

            if (lanes.Count == 0)
            {
                continue;
            }

            var id = model[i].Id;
            into.Add(FieldMessage.Of(id, TopicKind.Tracks, new CctvTracks
            {
                Source = $"cam-{id}",
                Seq = NextSeq(id, TopicKind.Tracks),
                Time = time,
                Lanes = lanes,
            }));
        }
    }

    private long NextSeq(string intersectionId, TopicKind kind)
    {
        var key = Topics.Intersection(intersectionId, kind);
        var next = seqs.GetValueOrDefault(key) + 1;
        seqs[key] = next;
        return next;
    }
}
