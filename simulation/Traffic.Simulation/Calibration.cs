using Traffic.Simulation.Synthetic;

namespace Traffic.Simulation;

/// <summary>Result of a queue-discharge measurement: headways (s) at the stop line of vehicles 5, 6, ... of the queue.</summary>
public sealed record DischargeMeasurement(IReadOnlyList<double> Headways, int QueuedAtGreen)
{
    public double MeanHeadwayS => Headways.Count == 0 ? double.NaN : Headways.Average();

    /// <summary>3600 / mean headway, veh/h/lane.</summary>
    public double SaturationFlow => 3600 / MeanHeadwayS;
}

/// <summary>Measurements that tie the driver model to field figures.</summary>
public static class Calibration
{
    /// <summary>
    /// Saturation flow as an engineer measures it: a single-lane approach of an isolated intersection
    /// is held on red until a long queue has formed, then given green for good; the headways at the
    /// stop line of queued vehicles 5 to 4 + <paramref name="vehicles"/> (the first four carry the
    /// start-up lost time, HCM) give the saturation flow.
    /// </summary>
    public static DischargeMeasurement MeasureDischarge(SimulationOptions options, double speedKmh = 50, int vehicles = 20)
    {
        const double redUntil = 150;
        var network = SyntheticGrid.Build(new GridSpec(1, 1, SpeedKmh: speedKmh, LanesPerApproach: 1));
        var x = network.Intersections[0];
        var through = -1;
        for (var j = 0; j < x.Movements.Count; j++)
        {
            through = x.Movements[j].Id == "W.T" ? j : through;
        }

        // Enough arrivals to queue 4 + vehicles + margin during the red, and enough road to store them.
        var needed = vehicles + 10;
        var demand = new Demand([new RouteFlow("W.T", [new RouteStep(x.Id, "W.T")], needed * 1.6 * 3600 / redUntil)]);
        var opts = options with { EntryLinkLengthM = Math.Max(options.EntryLinkLengthM, (needed * 2 * options.Idm.JamSpacingM) + 100) };
        var signals = new FuncSignalView((_, m, t) => m == through && t >= redUntil ? MovementSignal.Green : MovementSignal.Red);
        var crossings = new CrossingLog();
        var sim = new Simulation(network, demand, signals, opts, crossings);
        sim.RunUntil(redUntil);
        var lane = sim.Road.ApproachLane(0, "W", 1);
        var queued = 0;
        foreach (var v in sim.VehiclesOnLane(lane))
        {
            queued += v.Speed < 0.1 ? 1 : 0;
        }

        sim.RunUntil(redUntil + (needed * 4));
        var headways = new List<double>();
        for (var k = 4; k < Math.Min(crossings.Times.Count, Math.Min(queued, 4 + vehicles)); k++)
        {
            headways.Add(crossings.Times[k] - crossings.Times[k - 1]);
        }

        return new DischargeMeasurement(headways, queued);
    }

    private sealed class CrossingLog : ISimulationObserver
    {
        public List<double> Times { get; } = [];

        public void Entered(in VehicleEvent e)
        {
        }

        public void CrossedStopLine(in StopLineCrossing e) => Times.Add(e.Time);

        public void Exited(in VehicleEvent e)
        {
        }
    }
}
