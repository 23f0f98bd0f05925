using Traffic.Simulation;

namespace Traffic.Simulation.Tests;

/// <summary>Keeps every vehicle event of a run.</summary>
internal sealed class Recorder : ISimulationObserver
{
    public List<VehicleEvent> EnteredEvents { get; } = [];

    public List<StopLineCrossing> Crossings { get; } = [];

    public List<VehicleEvent> ExitedEvents { get; } = [];

    public void Entered(in VehicleEvent e) => EnteredEvents.Add(e);

    public void CrossedStopLine(in StopLineCrossing e) => Crossings.Add(e);

    public void Exited(in VehicleEvent e) => ExitedEvents.Add(e);
}
