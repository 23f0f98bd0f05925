using Traffic.Actors;
using Traffic.Service.Hosting;
using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using Traffic.Tests.Shared;
using Wire = Traffic.Mqtt.Contract;

namespace Traffic.Service.Tests;

/// <summary>The conversions between actor messages and the MQTT contract.</summary>
public sealed class WireMappingTests
{
    [Fact]
    public void Spat_times_are_tenths_since_the_start_of_the_utc_hour_and_an_unknown_end_is_36001()
    {
        var at = new DateTimeOffset(2025, 5, 1, 8, 59, 58, TimeSpan.Zero);
        var now = EventTime.FromDateTimeOffset(at);
        var spat = WireMapping.ToSpat(new SpatSnapshot("I001", now, [
            new SignalGroupSpat("2", SignalGroupKind.Vehicle, Indication.Green, now + 15, null),
            new SignalGroupSpat("P2", SignalGroupKind.Pedestrian, Indication.Walk, now + 5, now + 40),
        ]));
        Assert.Equal(at, spat.Time);
        Assert.Equal(Wire.ControllerMode.Normal, spat.Mode);
        Assert.Equal((35995, WireMapping.UnknownTimeMark), (spat.Groups[0].MinEndTime, spat.Groups[0].MaxEndTime)); // 59:59.5
        Assert.Equal((35985, 20), (spat.Groups[1].MinEndTime, spat.Groups[1].MaxEndTime)); // 59:58.5, then 00:02.0 of the next hour
        Assert.Equal(Wire.TimeMark.From(at.AddSeconds(1.5)), spat.Groups[0].MinEndTime);
    }

    [Fact]
    public void A_flashing_intersection_is_sent_in_flash_mode()
    {
        var spat = WireMapping.ToSpat(new SpatSnapshot("I001", 100, [new SignalGroupSpat("2", SignalGroupKind.Vehicle, Indication.FlashRed, 101, null)]));
        Assert.Equal(Wire.ControllerMode.Flash, spat.Mode);
    }

    [Theory]
    [InlineData("safety-fault", "safetyFault")]
    [InlineData("crash-loop-safe-fixed-time", "crashLoopSafeFixedTime")]
    [InlineData("intersection-restarted", "intersectionRestarted")]
    public void Actor_alarm_codes_become_camel_case_on_the_wire(string code, string wire)
    {
        var alarm = WireMapping.ToAlarm(new Alarm("C01", "I003", AlarmSeverity.Critical, code, "I003: text", 0));
        Assert.Equal((wire, "I003", Wire.AlarmSeverity.Critical), (alarm.Code, alarm.Intersection, alarm.Severity));
    }

    [Fact]
    public void Detector_ids_become_indices_into_the_intersections_detectors()
    {
        var network = TrafficService.LoadNetwork(Repo.File("config/networks/sample-corridor.json"));
        var i = network.Intersections[0];
        var last = i.Detectors[^1].Id;
        var input = (DetectorBatch)WireMapping.FromDetectors(i, new Wire.DetectorReadings
        {
            Source = "vds",
            Seq = 1,
            Time = DateTimeOffset.UnixEpoch.AddSeconds(10),
            IntervalS = 1,
            Readings = [new Wire.DetectorReading { Detector = last, Count = 2, Occupancy = 0.5, Presence = true }],
        });
        Assert.Equal((i.Detectors.Count - 1, 100L, true, 2), (input.Readings[0].Detector, input.Time, input.Readings[0].Presence, input.Readings[0].Count));
        Assert.Throws<ArgumentException>(() => WireMapping.FromDetectors(i, new Wire.DetectorReadings
        {
            Source = "vds",
            Seq = 2,
            Time = DateTimeOffset.UnixEpoch,
            IntervalS = 1,
            Readings = [new Wire.DetectorReading { Detector = "nope", Count = 0, Occupancy = 0, Presence = false }],
        }));
    }

    [Fact]
    public void Tracked_lanes_become_detector_indices_with_vehicles_and_an_unlimited_room_when_not_given()
    {
        var network = TrafficService.LoadNetwork(Repo.File("config/networks/sample-corridor.json"));
        var i = network.Intersections[0];
        var input = (TrackedArrivals)WireMapping.FromTracks(i, new Wire.CctvTracks
        {
            Source = "cam",
            Seq = 1,
            Time = DateTimeOffset.UnixEpoch.AddSeconds(10),
            Lanes =
            [
                new Wire.LaneTracks { Detector = i.Detectors[^1].Id, ExitRoom = 7, Vehicles = [new Wire.TrackedVehicle { DistanceM = 12.5, SpeedMs = 3 }] },
                new Wire.LaneTracks { Detector = i.Detectors[0].Id, Vehicles = [] },
            ],
        });
        Assert.Equal((i.Id, 100L), (input.IntersectionId, input.Time));
        Assert.Equal((i.Detectors.Count - 1, 7, 12.5, 3.0), (input.Lanes[0].Detector, input.Lanes[0].ExitRoom, input.Lanes[0].Vehicles[0].Distance, input.Lanes[0].Vehicles[0].Speed));
        Assert.Equal((0, int.MaxValue, 0), (input.Lanes[1].Detector, input.Lanes[1].ExitRoom, input.Lanes[1].Vehicles.Count));
    }
}
