using CsCheck;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Validation;
using Traffic.Signals.Sequencing;

namespace Traffic.Mqtt.Tests;

/// <summary>CsCheck generators for every payload type: any values the types can hold that JSON can carry (finite doubles, valid UTF-16).</summary>
internal static class WireGen
{
    public static readonly Gen<string> Text = Gen.OneOf(
        Gen.String.AlphaNumeric,
        Gen.String[Gen.Char[' ', '~'], 0, 20],
        Gen.String[Gen.Char['가', '힣'], 0, 10]);

    public static readonly Gen<DateTimeOffset> Time =
        Gen.Long[0, 4_102_444_800_000].Select(DateTimeOffset.FromUnixTimeMilliseconds);

    public static readonly Gen<double> Real = Gen.OneOf(Gen.Double[-1e9, 1e9], Gen.Double.Unit, Gen.Const(0.0));

    public static readonly Gen<int> Int = Gen.Int;

    public static readonly Gen<long> Long = Gen.Long;

    private static readonly Gen<string?> OptionalText = Gen.Bool.SelectMany(b => b ? Text.Select(x => (string?)x) : Gen.Const((string?)null));

    private static readonly Gen<IReadOnlyList<int>> Ints = Gen.Int[-5, 40].Array[0, 6].Select(a => (IReadOnlyList<int>)a);

    public static readonly Gen<DetectorReadings> Detectors = Gen.Select(
        Text, Long, Time, Real,
        Gen.Select(Text, Int, Real, Gen.Bool, (d, c, o, p) => new DetectorReading { Detector = d, Count = c, Occupancy = o, Presence = p }).Array[0, 8],
        (s, q, t, i, r) => new DetectorReadings { Source = s, Seq = q, Time = t, IntervalS = i, Readings = r });

    private static readonly Gen<ApproachCounts> Approach = Gen.Select(
        Text,
        Gen.Select(Int, Int, Int, Int, (c, b, t, m) => new VehicleClassCounts { Car = c, Bus = b, Truck = t, Motorcycle = m }),
        Int, Int, Int, Gen.Bool,
        (l, v, q, w, x, e) => new ApproachCounts { Leg = l, Vehicles = v, QueueVehicles = q, PedestriansWaiting = w, PedestriansCrossing = x, EmergencyVehicle = e });

    public static readonly Gen<CctvCounts> Cctv = Gen.Select(
        Text, Long, Time, Real, Approach.Array[0, 5],
        (s, q, t, i, a) => new CctvCounts { Source = s, Seq = q, Time = t, IntervalS = i, Approaches = a });

    public static readonly Gen<CctvTracks> Tracks = Gen.Select(
        Text, Long, Time,
        Gen.Select(
            Text,
            Gen.Bool.SelectMany(b => b ? Int.Select(x => (int?)x) : Gen.Const((int?)null)),
            Gen.Select(Real, Real, (dm, sp) => new TrackedVehicle { DistanceM = dm, SpeedMs = sp }).Array[0, 6],
            (det, room, v) => new LaneTracks { Detector = det, ExitRoom = room, Vehicles = v }).Array[0, 4],
        (s, q, t, l) => new CctvTracks { Source = s, Seq = q, Time = t, Lanes = l });

    public static readonly Gen<ControllerStatus> Status = Gen.Select(
        Gen.Select(Text, Long, Time, (s, q, t) => (s, q, t)),
        Gen.Enum<ControllerMode>(), Ints, Ints, Text.Array[0, 4], Long, Real,
        (e, m, p, c, f, ps, h) => new ControllerStatus
        {
            Source = e.s, Seq = e.q, Time = e.t, Mode = m, Phases = p, PedCalls = c, Faults = f, PlanSeq = ps, HeartbeatS = h,
        });

    public static readonly Gen<PlanAck> Ack = Gen.Select(
        Text, Long, Time, Long, Gen.Bool, OptionalText,
        (s, q, t, p, a, r) => new PlanAck { Source = s, Seq = q, Time = t, PlanSeq = p, Accepted = a, Reason = r });

    public static readonly Gen<TimingPlan> Plan = Gen.Select(
        Gen.Select(Text, Long, Time, (s, q, t) => (s, q, t)),
        Text, Real, Real, Time,
        Ints.Array[1, 3],
        Gen.Select(Int, Real, Real, Real, (p, s, mn, mx) => new PhaseSplit { Phase = p, SplitS = s, MinGreenS = mn, MaxGreenS = mx }).Array[0, 8],
        (e, id, c, o, vf, r, ph) => new TimingPlan
        {
            Source = e.s, Seq = e.q, Time = e.t, PlanId = id, CycleS = c, OffsetS = o, ValidFrom = vf, Rings = r, Phases = ph,
        });

    public static readonly Gen<SignalCommand> Command = Gen.Select(
        Text, Long, Time, Gen.Enum<CommandKind>(), Ints, OptionalText, Gen.Bool,
        (s, q, t, k, p, id, ped) => new SignalCommand { Source = s, Seq = q, Time = t, Command = k, Phases = p, PreemptId = id, Pedestrian = ped });

    public static readonly Gen<SpatMessage> Spat = Gen.Select(
        Text, Long, Time, Gen.Enum<ControllerMode>(),
        Gen.Select(Text, Gen.Enum<Indication>(), Gen.Int[0, 35999], Gen.Int[0, 35999], Gen.Int[-1, 35999].Select(x => x < 0 ? (int?)null : x),
            (g, st, mn, mx, l) => new SignalGroupSpat { Group = g, State = st, MinEndTime = mn, MaxEndTime = mx, LikelyTime = l }).Array[0, 16],
        (s, q, t, m, g) => new SpatMessage { Source = s, Seq = q, Time = t, Mode = m, Groups = g });

    public static readonly Gen<Alarm> Alarms = Gen.Select(
        Text, Long, Time, OptionalText, Gen.Enum<AlarmSeverity>(), Text, Text,
        (s, q, t, i, sev, c, d) => new Alarm { Source = s, Seq = q, Time = t, Intersection = i, Severity = sev, Code = c, Detail = d });

    public static readonly Gen<ErrorReport> Error = Gen.Select(
        Text, Long, Time, Text, Gen.Enum<RejectReason>(), Text, Gen.Int[0, 1 << 20],
        (s, q, t, tp, r, d, n) => new ErrorReport { Source = s, Seq = q, Time = t, Topic = tp, Reason = r, Detail = d, PayloadBytes = n });

    public static TopicKind KindOf(WireMessage m) => m switch
    {
        DetectorReadings => TopicKind.Detectors,
        CctvCounts => TopicKind.Cctv,
        CctvTracks => TopicKind.Tracks,
        ControllerStatus => TopicKind.Status,
        PlanAck => TopicKind.Ack,
        TimingPlan => TopicKind.Plan,
        SignalCommand => TopicKind.Command,
        SpatMessage => TopicKind.Spat,
        Contract.Alarm => TopicKind.Alarms,
        ErrorReport => TopicKind.Errors,
        _ => throw new ArgumentException(m.GetType().Name, nameof(m)),
    };
}
