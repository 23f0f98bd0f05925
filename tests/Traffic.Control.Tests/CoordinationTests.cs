namespace Traffic.Control.Tests;

public sealed class CoordinationTests
{
    // Three signals 500 m apart at 50 km/h (36 s per link), 30 s of green out of 60 s each way, greens at the cycle start.
    private static readonly CorridorMember[] Corridor =
    [
        new("A", 0, 30, 0, 30, 0),
        new("B", Coordination.TravelTime(500, 50), 30, 0, 30, 0),
        new("C", Coordination.TravelTime(500, 50), 30, 0, 30, 0),
    ];

    [Fact]
    public void Common_cycle_is_the_largest_member_cycle()
    {
        Assert.Equal(88, Coordination.CommonCycle([60, 87.2, 75]));
        Assert.Equal(100, Coordination.CommonCycle([60, 87.2], chosen: 100));
        Assert.Throws<ArgumentException>(() => Coordination.CommonCycle([60, 90], chosen: 80));
    }

    [Fact]
    public void Green_wave_offsets_follow_the_travel_times_and_give_the_full_green_as_bandwidth()
    {
        var timing = Coordination.GreenWave(Corridor, 60);
        Assert.Equal(0, timing.Offsets["A"], 6);
        Assert.Equal(36, timing.Offsets["B"], 6);
        Assert.Equal(12, timing.Offsets["C"], 6); // 72 s mod 60
        Assert.Equal(30, timing.OutboundBandwidth, 1);
    }

    [Fact]
    public void Simultaneous_offsets_give_no_through_band_on_this_corridor()
    {
        var zero = Corridor.ToDictionary(m => m.Id, _ => 0.0);

        // From A at t in [0, 30): B is green for t + 36 mod 60 < 30 -> t in [24, 30); C for t + 12 mod 60 < 30 -> t in [0, 18) or [48, 60).
        Assert.Equal(0, Coordination.Bandwidth(Corridor, 60, zero, inbound: false));
        var twoSignals = Corridor.Take(2).ToList();
        Assert.Equal(6, Coordination.Bandwidth(twoSignals, 60, zero, inbound: false), 1);
    }

    [Fact]
    public void Inbound_band_of_an_outbound_wave_is_what_the_travel_times_leave()
    {
        var timing = Coordination.GreenWave(Corridor, 60);

        // Inbound from C (offset 12) at t: B (offset 36) needs t + 36 - 36 mod 60 in [0, 30), A needs t + 72 mod 60 in [0, 30); C needs t - 12 mod 60 in [0, 30).
        // C: t in [12, 42); B: t in [0, 30); A: t in [48, 78) = [48, 60) or [0, 18): the intersection is [12, 18) = 6 s.
        Assert.Equal(6, timing.InboundBandwidth, 1);
        var inbound = Coordination.GreenWave(Corridor, 60, inboundPeak: true);
        Assert.Equal(30, inbound.InboundBandwidth, 1);
    }
}

public sealed class CoordinationBandTests
{
    [Fact]
    public void Green_wave_band_is_the_narrowest_green_on_the_progression()
    {
        // 40 s, 20 s and 30 s of green out of 80 s, 30 s and 45 s apart: the wave starts each green as the
        // platoon's head arrives, so the band from A is the shortest green, B's 20 s.
        CorridorMember[] corridor =
        [
            new("A", 0, 40, 0, 40, 0),
            new("B", 30, 20, 10, 20, 10),
            new("C", 45, 30, 5, 30, 5),
        ];
        var timing = Coordination.GreenWave(corridor, 80);
        Assert.Equal(0, timing.Offsets["A"], 6);
        Assert.Equal(20, timing.Offsets["B"], 6); // arrival 30 - green start 10
        Assert.Equal(70, timing.Offsets["C"], 6); // arrival 75 - green start 5
        Assert.Equal(20, timing.OutboundBandwidth, 1);

        // C's green 10 s later (offset 80 = 0): C is green for arrivals t + 75 in [85, 115), so only t in [10, 20) of B's band passes.
        var shifted = new Dictionary<string, double>(timing.Offsets) { ["C"] = 0 };
        Assert.Equal(10, Coordination.Bandwidth(corridor, 80, shifted, inbound: false), 1);
    }
}
