using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

public sealed class DetectorHealthTests
{
    private static long S(double seconds) => SignalTime.FromSeconds(seconds);

    [Fact]
    public void Stuck_on_is_raised_after_max_presence_and_cleared_when_the_zone_empties()
    {
        var x = TestIntersections.TwoPhase();
        var health = new DetectorHealthMonitor(x, DetectorHealthSettings.Default with { MaxPresenceSeconds = 120 });
        health.Observe(new DetectorReading(0, 0, true, 1));
        Assert.Empty(health.Evaluate(S(100)));
        var raised = Assert.Single(health.Evaluate(S(121)));
        Assert.Equal((DetectorFault.StuckOn, true, "D1"), (raised.Fault, raised.Raised, raised.DetectorId));
        Assert.False(health.IsHealthy(0));
        Assert.True(health.IsHealthy(1));
        health.Observe(new DetectorReading(0, S(130), false, 0));
        var cleared = Assert.Single(health.Evaluate(S(131)));
        Assert.Equal((DetectorFault.StuckOn, false), (cleared.Fault, cleared.Raised));
        Assert.True(health.IsHealthy(0));
    }

    [Fact]
    public void No_activity_window_follows_the_expected_flow()
    {
        var x = TestIntersections.TwoPhase();
        var health = new DetectorHealthMonitor(x, DetectorHealthSettings.Default);
        health.Observe(new DetectorReading(0, 0, false, 1));
        health.Observe(new DetectorReading(1, 0, false, 1));

        // Detector 0: CCTV expects 0.02 veh/s, so 15 vehicles take 750 s; detector 1: flow unknown (1800 s).
        Func<int, double> expected = d => d == 0 ? 0.02 : 0;
        Assert.Empty(health.Evaluate(S(700), expected));
        var raised = Assert.Single(health.Evaluate(S(760), expected));
        Assert.Equal((DetectorFault.NoActivity, 0), (raised.Fault, raised.Detector));
        Assert.Empty(health.Evaluate(S(1700), expected));
        Assert.Equal(DetectorFault.NoActivity, Assert.Single(health.Evaluate(S(1801), expected)).Fault);
        health.Observe(new DetectorReading(0, S(1802), false, 1));
        var cleared = Assert.Single(health.Evaluate(S(1803), expected));
        Assert.Equal((0, false), (cleared.Detector, cleared.Raised));
    }

    [Fact]
    public void Chatter_above_what_traffic_can_make_is_erratic()
    {
        var x = TestIntersections.TwoPhase();
        var health = new DetectorHealthMonitor(x, DetectorHealthSettings.Default);

        // A lane at saturation gives about one vehicle every 1.9 s: 31 a minute is healthy.
        for (var t = 0; t < 60; t += 2)
        {
            health.Observe(new DetectorReading(0, S(t), false, 1));
        }

        Assert.Empty(health.Evaluate(S(60)));

        // Then five actuations a second for ten seconds.
        for (var t = 600; t < 700; t++)
        {
            health.Observe(new DetectorReading(0, t, t % 2 == 0, 2));
        }

        var raised = Assert.Single(health.Evaluate(700));
        Assert.Equal(DetectorFault.Erratic, raised.Fault);
        var cleared = Assert.Single(health.Evaluate(S(200)));
        Assert.Equal((DetectorFault.Erratic, false), (cleared.Fault, cleared.Raised));
        Assert.True(health.IsHealthy(0));
    }
}
