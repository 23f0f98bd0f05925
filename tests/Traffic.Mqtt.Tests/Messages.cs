using Traffic.Mqtt.Contract;

namespace Traffic.Mqtt.Tests;

/// <summary>Good inbound messages for the test network, each from its own source with its own counter.</summary>
internal sealed class Messages(DateTimeOffset time)
{
    /// <summary>The wall clock at the wire's precision (milliseconds), for tests through a broker.</summary>
    public static DateTimeOffset WallNow()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private long seq;

    public DateTimeOffset Time { get; set; } = time;

    public long NextSeq() => ++seq;

    public DetectorReadings Detectors(string source = "vds-1") => new()
    {
        Source = source,
        Seq = NextSeq(),
        Time = Time,
        IntervalS = 1,
        Readings =
        [
            new DetectorReading { Detector = "N1", Count = 1, Occupancy = 0.25, Presence = true },
            new DetectorReading { Detector = "EA", Count = 0, Occupancy = 0, Presence = false },
        ],
    };

    public CctvTracks Tracks(string source = "cam-1") => new()
    {
        Source = source,
        Seq = NextSeq(),
        Time = Time,
        Lanes =
        [
            new LaneTracks
            {
                Detector = "N1",
                ExitRoom = 12,
                Vehicles = [new TrackedVehicle { DistanceM = 3, SpeedMs = 0 }, new TrackedVehicle { DistanceM = 120.5, SpeedMs = 13.4 }],
            },
            new LaneTracks { Detector = "EA", Vehicles = [] },
        ],
    };

    public CctvCounts Cctv(string source = "cam-1") => new()
    {
        Source = source,
        Seq = NextSeq(),
        Time = Time,
        IntervalS = 5,
        Approaches =
        [
            new ApproachCounts
            {
                Leg = "N",
                Vehicles = new VehicleClassCounts { Car = 3, Bus = 1, Truck = 0, Motorcycle = 1 },
                QueueVehicles = 4,
                PedestriansWaiting = 2,
                PedestriansCrossing = 0,
                EmergencyVehicle = false,
            },
            new ApproachCounts
            {
                Leg = "W",
                Vehicles = new VehicleClassCounts { Car = 1, Bus = 0, Truck = 1, Motorcycle = 0 },
                QueueVehicles = 0,
                PedestriansWaiting = 0,
                PedestriansCrossing = 3,
                EmergencyVehicle = true,
            },
        ],
    };

    public ControllerStatus Status(string source = "ctl-1") => new()
    {
        Source = source,
        Seq = NextSeq(),
        Time = Time,
        Mode = ControllerMode.Normal,
        Phases = [2, 6],
        PedCalls = [4],
        Faults = [],
        PlanSeq = 7,
        HeartbeatS = 1,
    };

    public PlanAck Ack(string source = "ctl-1", long planSeq = 7) => new()
    {
        Source = source,
        Seq = NextSeq(),
        Time = Time,
        PlanSeq = planSeq,
        Accepted = true,
    };
}
