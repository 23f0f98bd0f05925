using Traffic.Actors;
using Traffic.Control;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using Wire = Traffic.Mqtt.Contract;

namespace Traffic.Service.Hosting;

/// <summary>
/// Converts between the MQTT contract (Traffic.Mqtt.Contract) and the actor messages (Traffic.Actors):
/// validated inbound payloads to inputs, actor outputs to wire messages. Source and sequence number of
/// outbound messages are left empty: the gateway stamps them.
/// </summary>
public static class WireMapping
{
    /// <summary>J2735 "unknown" time mark, used when the latest end of an indication depends on future calls.</summary>
    public const int UnknownTimeMark = 36001;

    private const long TicksPerHour = 36_000;

    /// <summary>Detector ids to indices into <see cref="Intersection.Detectors"/>, as the actors address them.</summary>
    public static IIntersectionInput FromDetectors(Intersection intersection, Wire.DetectorReadings m)
    {
        var time = EventTime.FromDateTimeOffset(m.Time);
        var readings = new DetectorReading[m.Readings.Count];
        for (var k = 0; k < readings.Length; k++)
        {
            var r = m.Readings[k];
            var index = DetectorIndex(intersection, r.Detector);
            readings[k] = new DetectorReading(index, time, r.Presence, r.Count);
        }

        return new DetectorBatch(intersection.Id, time, readings);
    }

    public static IIntersectionInput FromCctv(string intersectionId, Wire.CctvCounts m)
    {
        var time = EventTime.FromDateTimeOffset(m.Time);
        var observations = m.Approaches
            .Select(a => new ApproachObservation(
                a.Leg,
                time,
                new VehicleCounts(a.Vehicles.Car, a.Vehicles.Bus, a.Vehicles.Truck, a.Vehicles.Motorcycle),
                a.QueueVehicles,
                a.PedestriansWaiting,
                a.PedestriansCrossing,
                a.EmergencyVehicle))
            .ToList();
        return new CctvCounts(intersectionId, time, observations);
    }

    /// <summary>Tracked vehicles per stop-bar detector (ids to indices); an exit room not given is unlimited.</summary>
    public static IIntersectionInput FromTracks(Intersection intersection, Wire.CctvTracks m)
    {
        var lanes = m.Lanes
            .Select(l => new LaneArrivals(
                DetectorIndex(intersection, l.Detector),
                l.Vehicles.Select(v => new ApproachingVehicle(v.DistanceM, v.SpeedMs)).ToArray(),
                l.ExitRoom ?? int.MaxValue))
            .ToList();
        return new TrackedArrivals(intersection.Id, EventTime.FromDateTimeOffset(m.Time), lanes);
    }

    /// <summary>The controller's sequence number on the status topic serves as its heartbeat counter.</summary>
    public static IIntersectionInput FromStatus(string intersectionId, Wire.ControllerStatus m) =>
        new ControllerStatus(intersectionId, EventTime.FromDateTimeOffset(m.Time), m.Phases, m.PedCalls, m.Faults, m.Seq);

    /// <summary>An ack of the wire plan number, translated to the actor's own plan sequence number.</summary>
    public static IIntersectionInput FromAck(string intersectionId, Wire.PlanAck m, long actorSeq) =>
        new PlanAck(intersectionId, EventTime.FromDateTimeOffset(m.Time), actorSeq);

    public static Wire.SpatMessage ToSpat(SpatSnapshot s) => new()
    {
        Source = "",
        Seq = 0,
        Time = EventTime.ToDateTimeOffset(s.Time),
        Mode = s.Groups.Any(g => g.Indication == Indication.FlashRed) ? Wire.ControllerMode.Flash : Wire.ControllerMode.Normal,
        Groups = [.. s.Groups.Select(g => new Wire.SignalGroupSpat
        {
            Group = g.Name,
            State = g.Indication,
            MinEndTime = TimeMark(g.MinEnd),
            MaxEndTime = g.MaxEnd is { } max ? TimeMark(max) : UnknownTimeMark,
        })],
    };

    /// <summary>
    /// A plan for the field. Free operation is sent with cycle 0 (the controller runs actuated; the
    /// splits are the nominal reference) and green bounds from the intersection; coordinated and safe
    /// fixed-time plans fix the green of each phase (min = max = the planned green).
    /// </summary>
    public static Wire.TimingPlan ToPlan(Intersection intersection, TimingPlanIssued p)
    {
        var free = p.Mode == ControlMode.Free;
        var validFrom = EventTime.ToDateTimeOffset(p.ValidFrom);
        return new Wire.TimingPlan
        {
            Source = "",
            Seq = 0,
            Time = validFrom,
            PlanId = $"{ModeName(p.Mode)}-{p.Seq}",
            CycleS = free ? 0 : p.Plan.Cycle,
            OffsetS = free ? 0 : p.Plan.Offset,
            ValidFrom = validFrom,
            Rings = p.Plan.Sequence,
            Follow = free && p.Follow ? true : null,
            Phases = [.. p.Plan.Splits.Select(s =>
            {
                var phase = intersection.Phases.First(x => x.Id == s.Phase);
                return new Wire.PhaseSplit
                {
                    Phase = s.Phase,
                    SplitS = s.Split,
                    MinGreenS = free ? TimingPlan.MinimumGreen(phase) : s.Green,
                    MaxGreenS = free ? Math.Max(phase.Timings.MaxGreen, TimingPlan.MinimumGreen(phase)) : s.Green,
                };
            })],
        };
    }

    /// <summary>A phase command for a following field controller (source and sequence number stamped by the gateway).</summary>
    public static Wire.SignalCommand ToCommand(FieldCommandIssued c) => new()
    {
        Source = "",
        Seq = 0,
        Time = EventTime.ToDateTimeOffset(c.Time),
        Command = c.Kind switch
        {
            FieldCommandKind.Call or FieldCommandKind.PedestrianCall => Wire.CommandKind.Call,
            FieldCommandKind.Hold => Wire.CommandKind.Hold,
            FieldCommandKind.Release => Wire.CommandKind.Release,
            FieldCommandKind.ForceOff => Wire.CommandKind.ForceOff,
            FieldCommandKind.Omit => Wire.CommandKind.Omit,
            _ => Wire.CommandKind.Unomit,
        },
        Phases = c.Phases,
        Pedestrian = c.Kind == FieldCommandKind.PedestrianCall,
    };

    public static Wire.Alarm ToAlarm(Alarm a) => new()
    {
        Source = "",
        Seq = 0,
        Time = EventTime.ToDateTimeOffset(a.Time),
        Intersection = a.IntersectionId,
        Severity = a.Severity switch
        {
            AlarmSeverity.Info => Wire.AlarmSeverity.Info,
            AlarmSeverity.Warning => Wire.AlarmSeverity.Warning,
            _ => Wire.AlarmSeverity.Critical,
        },
        Code = CamelCode(a.Code),
        Detail = a.IntersectionId is null && a.CorridorId is not null && !a.Text.Contains(a.CorridorId, StringComparison.Ordinal)
            ? $"corridor {a.CorridorId}: {a.Text}"
            : a.Text,
    };

    /// <summary>Tenths of a second since the start of the UTC hour (event ticks are whole tenths since the epoch, which starts an hour).</summary>
    public static int TimeMark(long ticks) => (int)(((ticks % TicksPerHour) + TicksPerHour) % TicksPerHour);

    /// <summary>The actors' alarm codes are kebab-case ("safety-fault"); the wire uses camelCase ("safetyFault").</summary>
    public static string CamelCode(string code)
    {
        var parts = code.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select((p, k) => k == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>An enum member name as the JSON and the metric labels show it: "MalformedJson" -> "malformedJson".</summary>
    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static string ModeName(ControlMode mode) => mode switch
    {
        ControlMode.Free => "free",
        ControlMode.Coordinated => "coordinated",
        _ => "safe-fixed-time",
    };

    private static int DetectorIndex(Intersection intersection, string id)
    {
        for (var k = 0; k < intersection.Detectors.Count; k++)
        {
            if (intersection.Detectors[k].Id == id)
            {
                return k;
            }
        }

        throw new ArgumentException($"{intersection.Id}: unknown detector '{id}'", nameof(id));
    }
}
