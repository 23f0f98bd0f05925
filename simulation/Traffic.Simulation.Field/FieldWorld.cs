using Traffic.Signals.Model;

namespace Traffic.Simulation.Field;

/// <summary>
/// The field without the wire: simulation, emulated controllers (with sensor failures applied),
/// clock and telemetry, stepped together. <see cref="FieldRunner"/> adds MQTT and pacing.
/// </summary>
public sealed class FieldWorld
{
    public FieldWorld(Network network, Demand demand, FieldOptions options)
    {
        options.Validate();
        var failureErrors = options.Failures.Check(network);
        if (failureErrors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, failureErrors));
        }

        var start = options.Start ?? DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Clock = new FieldClock(start);
        Controllers = new FieldControllers(network, Clock.StartTick);
        Controllers.Fail(options.Failures);
        Simulation = new Simulation(network, demand, Controllers, options.Simulation);
        Telemetry = new FieldTelemetry(Simulation, Controllers, Clock, options);
    }

    public FieldClock Clock { get; }

    public FieldControllers Controllers { get; }

    public Simulation Simulation { get; }

    public FieldTelemetry Telemetry { get; }

    /// <summary>One simulation step: traffic, local detection, clock, and the messages now due into <paramref name="due"/>.</summary>
    public void Step(List<FieldMessage> due)
    {
        Simulation.Step();
        Controllers.ObserveLoops(Simulation);
        Clock.SimulatedSeconds = Simulation.Time;
        Telemetry.Collect(due);
    }
}
