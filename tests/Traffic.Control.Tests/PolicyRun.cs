using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

/// <summary>One green interval as the signal showed it, in ticks; End is the first tick not green.</summary>
internal sealed record GreenInterval(int Phase, long Start, long End)
{
    public long Length => End - Start;
}

/// <summary>
/// Runs a policy on the real signal controller (sequencer + safety monitor) tick by tick: step the
/// controller, hand the policy the inputs stamped with the new time, let it decide. Records every
/// green interval and every indication shown.
/// </summary>
internal sealed class PolicyRun
{
    private readonly Dictionary<long, List<DetectorReading>> readings = [];
    private readonly Dictionary<long, List<ApproachObservation>> observations = [];
    private readonly Dictionary<int, long> greenSince = [];

    public PolicyRun(Intersection intersection, ISignalPolicy policy)
    {
        Controller = new SignalController(intersection);
        Policy = policy;
    }

    public SignalController Controller { get; }

    public ISignalPolicy Policy { get; }

    public List<GreenInterval> Greens { get; } = [];

    public HashSet<(int Group, Indication Indication)> Shown { get; } = [];

    public IEnumerable<GreenInterval> GreensOf(int phase) => Greens.Where(g => g.Phase == phase);

    public void At(long time, DetectorReading reading) => Add(readings, time, reading with { Time = time });

    public void At(long time, ApproachObservation observation) => Add(observations, time, observation with { Time = time });

    /// <summary>A count pulse on the detector at every multiple of <paramref name="every"/> in [from, to).</summary>
    public void Pulses(int detector, long from, long to, long every)
    {
        for (var t = from; t < to; t += every)
        {
            At(t, new DetectorReading(detector, t, false, 1));
        }
    }

    public void RunUntil(long time)
    {
        while (Controller.Now < time)
        {
            Controller.Step();
            var now = Controller.Now;
            foreach (var r in readings.GetValueOrDefault(now, []))
            {
                Policy.Observe(r);
            }

            foreach (var o in observations.GetValueOrDefault(now, []))
            {
                Policy.Observe(o);
            }

            Record(now);
            Policy.Decide(Controller);
            Assert.False(Controller.IsFaulted, $"safety fault at {now}: {Controller.Fault}");
        }
    }

    private void Record(long now)
    {
        var shown = Controller.Indications;
        for (var g = 0; g < shown.Length; g++)
        {
            Shown.Add((g, shown[g]));
        }

        foreach (var phase in Controller.Model.Phases)
        {
            var green = Controller.IsGreen(phase.Id);
            if (green && !greenSince.ContainsKey(phase.Id))
            {
                greenSince[phase.Id] = now;
            }
            else if (!green && greenSince.Remove(phase.Id, out var since))
            {
                Greens.Add(new GreenInterval(phase.Id, since, now));
            }
        }
    }

    private static void Add<T>(Dictionary<long, List<T>> at, long time, T item)
    {
        if (!at.TryGetValue(time, out var list))
        {
            at[time] = list = [];
        }

        list.Add(item);
    }
}
