using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Transport;
using Traffic.Signals.Model;

namespace Traffic.Mqtt.Bench;

/// <summary>A synthetic network of four-leg NEMA-8 intersections and a realistic inbound message mix.</summary>
internal static class BenchNetwork
{
    private static readonly string[] Legs = ["N", "E", "S", "W"];

    public static Network Build(int intersections)
    {
        var timings = new PhaseTimings(7, 30, 4, 2, 7, 12, 2);
        var phases = Enumerable.Range(1, 8).Select(p => new Phase(p, $"phase {p}", [], [], timings)).ToList();
        var structure = new RingStructure([[1, 2, 3, 4], [5, 6, 7, 8]], [[1, 2, 5, 6], [3, 4, 7, 8]]);
        var legs = Legs.Select((l, k) => new Leg(l, k * 90, 50, 0, 2, 2)).ToList();
        var detectors = Legs.SelectMany(l => new[]
        {
            new Detector($"{l}1", DetectorKind.StopBar, l, [1], 0, [], [2]),
            new Detector($"{l}2", DetectorKind.StopBar, l, [2], 0, [], [2]),
        }).ToList();
        var list = Enumerable.Range(1, intersections)
            .Select(i => new Intersection(Id(i), Id(i), 0, 0, legs, [], [], [], phases, structure, [], new ConflictMatrix(0), detectors, ControllerOptions.Default))
            .ToList();
        return new Network("bench", list, [], []);
    }

    public static string Id(int i) => $"I{i:000}";

    /// <summary>Three detector batches to one CCTV message, round-robin over intersections, increasing seq per topic.</summary>
    public static List<RawInbound> Messages(int count, int intersections, DateTimeOffset time)
    {
        var list = new List<RawInbound>(count);
        for (var k = 0; k < count; k++)
        {
            var id = Id((k % intersections) + 1);
            var seq = (k / intersections) + 1;
            if (k % 4 == 3)
            {
                var cctv = new CctvCounts
                {
                    Source = $"cam-{id}",
                    Seq = seq,
                    Time = time,
                    IntervalS = 5,
                    Approaches = [.. Legs.Select(l => new ApproachCounts
                    {
                        Leg = l,
                        Vehicles = new VehicleClassCounts { Car = 4, Bus = 1, Truck = 1, Motorcycle = 0 },
                        QueueVehicles = 6,
                        PedestriansWaiting = 2,
                        PedestriansCrossing = 1,
                        EmergencyVehicle = false,
                    })],
                };
                list.Add(new RawInbound(Topics.Cctv(id), WireCodec.Encode(cctv), time));
            }
            else
            {
                var readings = new DetectorReadings
                {
                    Source = $"vds-{id}",
                    Seq = seq,
                    Time = time,
                    IntervalS = 1,
                    Readings = [.. Legs.SelectMany(l => new[] { $"{l}1", $"{l}2" }).Select((d, j) => new DetectorReading { Detector = d, Count = j % 2, Occupancy = 0.1 * (j % 5), Presence = j % 3 == 0 })],
                };
                list.Add(new RawInbound(Topics.Detectors(id), WireCodec.Encode(readings), time));
            }
        }

        return list;
    }

    /// <summary>Tracked-vehicle snapshots, round-robin over intersections: every stop-bar detector with 12 vehicles (half queued, half moving in).</summary>
    public static List<RawInbound> Tracks(int count, int intersections, DateTimeOffset time)
    {
        var lanes = Legs.SelectMany(l => new[] { $"{l}1", $"{l}2" })
            .Select((d, j) => new LaneTracks
            {
                Detector = d,
                ExitRoom = 20 + j,
                Vehicles = [.. Enumerable.Range(0, 12).Select(v => new TrackedVehicle { DistanceM = 3.5 + (7.5 * v) + (v >= 6 ? 60 : 0), SpeedMs = v >= 6 ? 12.5 : 0 })],
            })
            .ToList();
        var list = new List<RawInbound>(count);
        for (var k = 0; k < count; k++)
        {
            var id = Id((k % intersections) + 1);
            var message = new CctvTracks { Source = $"cam-{id}", Seq = (k / intersections) + 1, Time = time, Lanes = lanes };
            list.Add(new RawInbound(Topics.Tracks(id), WireCodec.Encode(message), time));
        }

        return list;
    }
}
