namespace Traffic.Simulation.Tests;

public sealed class SaturationFlowTests
{
    [Theory]
    [InlineData(50, 0.5)]
    [InlineData(60, 0.5)]
    [InlineData(50, 0.25)]
    public void A_queue_released_on_green_discharges_at_1800_to_1950_veh_per_hour_per_lane(double speedKmh, double dt)
    {
        var m = Calibration.MeasureDischarge(new SimulationOptions(TimeStepS: dt), speedKmh);

        Assert.True(m.QueuedAtGreen >= 24, $"queue of {m.QueuedAtGreen} at green");
        Assert.Equal(20, m.Headways.Count);
        Assert.InRange(m.SaturationFlow, 1800, 1950);
    }

    [Fact]
    public void Saturation_flow_follows_the_acceleration_parameter()
    {
        // The calibration is not a constant: gentler acceleration discharges a queue more slowly.
        var options = new SimulationOptions();
        var m = Calibration.MeasureDischarge(options, 50);
        var slower = Calibration.MeasureDischarge(options with { Idm = options.Idm with { MaxAccelerationMs2 = 1.0 } }, 50);

        Assert.True(slower.SaturationFlow < m.SaturationFlow - 100, $"a = 1.0 gives {slower.SaturationFlow:F0}, a = {options.Idm.MaxAccelerationMs2} gives {m.SaturationFlow:F0}");
    }
}
