namespace Traffic.Simulation;

/// <summary>A signal view from a function of (intersection, movement, time); handy for tests and scripted scenarios.</summary>
public sealed class FuncSignalView(Func<int, int, double, MovementSignal> state) : ISignalStateView
{
    private double time;

    public void AdvanceTo(double timeSeconds) => time = timeSeconds;

    public MovementSignal State(int intersection, int movement) => state(intersection, movement, time);
}
