using Traffic.Signals.Timing;

namespace Traffic.Signals.Tests.Config;

public sealed class TimingFormulasTests
{
    [Theory]
    // 60 km/h = 16.667 m/s; 1 + 16.667 / 6.1 = 3.732 -> 3.8
    [InlineData(60, 0, 3.8)]
    // 50 km/h = 13.889 m/s; 1 + 13.889 / 6.1 = 3.277 -> 3.3
    [InlineData(50, 0, 3.3)]
    // 80 km/h = 22.222 m/s; 1 + 22.222 / 6.1 = 4.643 -> 4.7
    [InlineData(80, 0, 4.7)]
    // 60 km/h, 4 % downhill: 6.1 - 0.7848 = 5.3152; 1 + 16.667 / 5.3152 = 4.136 -> 4.2
    [InlineData(60, -4, 4.2)]
    // 60 km/h, 5 % uphill: 6.1 + 0.981 = 7.081; 1 + 16.667 / 7.081 = 3.354 -> 3.4
    [InlineData(60, 5, 3.4)]
    // 30 km/h = 8.333 m/s; 1 + 8.333 / 6.1 = 2.366 -> 2.4 (the 3.0 s floor is applied by the loader)
    [InlineData(30, 0, 2.4)]
    public void IteYellow_matches_hand_computation(double kmh, double grade, double expected) =>
        Assert.Equal(expected, TimingFormulas.IteYellow(kmh, grade), 9);

    [Theory]
    // 14 m + 6 m at 16.667 m/s = 1.2 s exactly -> 1.2
    [InlineData(14, 60, 1.2)]
    // 21 m + 6 m at 13.889 m/s = 1.944 -> 2.0
    [InlineData(21, 50, 2.0)]
    // 7 m + 6 m at 22.222 m/s = 0.585 -> clamped to 1.0
    [InlineData(7, 80, 1.0)]
    // 42 m + 6 m at 5.556 m/s = 8.64 -> clamped to 6.0
    [InlineData(42, 20, 6.0)]
    public void RedClearance_matches_hand_computation(double width, double kmh, double expected) =>
        Assert.Equal(expected, TimingFormulas.RedClearance(width, kmh), 9);

    [Theory]
    // 15 / 1.07 = 14.019 -> 14.1
    [InlineData(15, 14.1)]
    // 10.7 / 1.07 = 10.0 exactly -> 10.0 (no spurious round-up)
    [InlineData(10.7, 10.0)]
    // 21 / 1.07 = 19.626 -> 19.7
    [InlineData(21, 19.7)]
    public void PedClearance_matches_hand_computation(double length, double expected) =>
        Assert.Equal(expected, TimingFormulas.PedClearance(length), 9);

    [Theory]
    // 15 / 0.91 = 16.484; 16.484 - 14.1 = 2.38 -> floor of 7.0
    [InlineData(15, 14.1, 7.0)]
    // 30 / 0.91 = 32.967; - 10 = 22.967 -> 23.0
    [InlineData(30, 10.0, 23.0)]
    public void Walk_matches_hand_computation(double length, double pedClearance, double expected) =>
        Assert.Equal(expected, TimingFormulas.Walk(length, pedClearance), 9);

    [Fact]
    public void Walk_plus_clearance_covers_the_crossing_at_slow_speed()
    {
        for (var length = 5.0; length < 60; length += 0.7)
        {
            var clearance = TimingFormulas.PedClearance(length);
            var walk = TimingFormulas.Walk(length, clearance);
            Assert.True(walk + clearance >= length / 0.91 - 1e-9, $"length {length}");
            Assert.True(clearance >= length / 1.07 - 1e-9, $"length {length}");
        }
    }
}
