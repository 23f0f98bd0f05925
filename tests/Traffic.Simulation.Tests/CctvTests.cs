namespace Traffic.Simulation.Tests;

public sealed class CctvTests
{
    [Fact]
    public void A_camera_counts_the_vehicles_that_crossed_its_stop_line_since_its_last_reading()
    {
        var (network, demand) = Scenarios.Grid(2, 2, 3000, seed: 2);
        var recorder = new Recorder();
        var sim = new Simulation(network, demand, new FixedTimeSignalView(network, 60), observer: recorder);
        var previous = 0.0;
        for (var t = 300.0; t <= 1200; t += 300)
        {
            sim.RunUntil(t);
            foreach (var camera in sim.Cameras)
            {
                var reading = sim.ReadCamera(camera.Index);
                var expected = recorder.Crossings.Count(c =>
                    c.StepStart >= previous && c.StepStart < t && c.Intersection == camera.Intersection && sim.Road.ApproachOfLane(c.Lane) == camera.Approach);
                Assert.Equal(expected, reading.Cars);
                Assert.Equal(0, reading.Buses + reading.Trucks + reading.EmergencyVehicles);
                Assert.Equal(t - previous, reading.IntervalS, 6);
            }

            previous = t;
        }
    }

    [Fact]
    public void A_camera_sees_the_queue_on_red()
    {
        var (network, demand) = Scenarios.Isolated(2, ("W.T", 900));
        var sim = new Simulation(network, demand, new FuncSignalView((_, _, _) => MovementSignal.Red));
        var camera = sim.Cameras.Single(c => c.Leg == "W");
        sim.RunUntil(180);

        var reading = sim.ReadCamera(camera.Index);
        var lanes = Enumerable.Range(1, 2).Select(i => sim.Road.ApproachLane(0, "W", i)).ToList();
        var standing = lanes.Sum(l => sim.VehiclesOnLane(l).Count(v => v.Speed < sim.Options.QueueSpeedMs && sim.Road.LaneLengthM(l) - v.Position <= sim.Options.CctvRangeM));
        Assert.True(standing >= 10, $"only {standing} vehicles queued");
        Assert.Equal(standing, reading.QueueVehicles);
        Assert.Equal(0, reading.Cars);

        // The longer lane queue of n vehicles reaches back about n jam spacings.
        var longest = lanes.Max(l => sim.VehiclesOnLane(l).Count(v => v.Speed < sim.Options.QueueSpeedMs));
        Assert.InRange(reading.QueueLengthM, (longest * sim.Options.Idm.JamSpacingM) - 3, (longest * sim.Options.Idm.JamSpacingM) + 3);
    }

    [Fact]
    public void Camera_noise_changes_counts_but_not_the_traffic()
    {
        var (network, demand) = Scenarios.Grid(2, 2, 3000, seed: 2);
        var clean = new Simulation(network, demand, new FixedTimeSignalView(network, 60));
        var noisy = new Simulation(network, demand, new FixedTimeSignalView(network, 60), new SimulationOptions { Noise = new SensorNoise(CctvCountRelativeStdDev: 0.3, CctvQueueStdDevVehicles: 2) });
        var differences = 0;
        for (var t = 120.0; t <= 1200; t += 120)
        {
            clean.RunUntil(t);
            noisy.RunUntil(t);
            Assert.Equal(clean.Exited, noisy.Exited);
            foreach (var camera in clean.Cameras)
            {
                var a = clean.ReadCamera(camera.Index);
                var b = noisy.ReadCamera(camera.Index);
                differences += a.Cars != b.Cars || a.QueueVehicles != b.QueueVehicles ? 1 : 0;
                Assert.True(b.Cars >= 0 && b.QueueVehicles >= 0);
            }
        }

        Assert.True(differences > 20, $"noise changed only {differences} readings");
    }
}
