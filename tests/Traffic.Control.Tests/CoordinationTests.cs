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
