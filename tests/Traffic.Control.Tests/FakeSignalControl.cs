using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Control.Tests;

/// <summary>What a policy asked of the signal control, and when.</summary>
internal sealed record Command(long Time, string Kind, int Phase, bool Value = true);

/// <summary>
/// A signal control that runs nothing: tests set the time, which phases are green and for how long,
/// and the calls; every command a policy gives is recorded.
/// </summary>
internal sealed class FakeSignalControl(Intersection model) : ISignalControl
{
    private readonly Dictionary<int, long> greenSince = [];
    private readonly HashSet<int> calls = [];

    public Intersection Model { get; } = model;

    public long Now { get; set; }

    public int RingCount => Model.Structure.Rings.Count;

    public bool IsPreempted { get; set; }

    public bool IsFaulted { get; set; }

    public List<Command> Commands { get; } = [];

    public void SetGreen(int phase, long elapsedTicks) => greenSince[phase] = Now - elapsedTicks;

    public void SetRed(int phase) => greenSince.Remove(phase);

    public void SetCall(int phase) => calls.Add(phase);

    public IEnumerable<Command> Of(string kind, int phase) => Commands.Where(c => c.Kind == kind && c.Phase == phase);

    public RingStatus Ring(int ring)
    {
        foreach (var phase in Model.Structure.Rings[ring])
        {
            if (greenSince.TryGetValue(phase, out var since))
            {
                return new RingStatus(ring, phase, RingInterval.Green, since);
            }
        }

        return new RingStatus(ring, 0, RingInterval.Idle, 0);
    }

    public bool IsGreen(int phase) => greenSince.ContainsKey(phase);

    public long GreenElapsed(int phase) => greenSince.TryGetValue(phase, out var since) ? Now - since : -1;

    public bool HasCall(int phase) => calls.Contains(phase);

    public void PlaceCall(int phase)
    {
        Commands.Add(new Command(Now, nameof(PlaceCall), phase));
        calls.Add(phase);
    }

    public void PlacePedCall(int phase)
    {
        Commands.Add(new Command(Now, nameof(PlacePedCall), phase));
        calls.Add(phase);
    }

    public void SetHold(int phase, bool hold) => Commands.Add(new Command(Now, nameof(SetHold), phase, hold));

    public void ForceOff(int phase) => Commands.Add(new Command(Now, nameof(ForceOff), phase));

    public void SetOmit(int phase, bool omit) => Commands.Add(new Command(Now, nameof(SetOmit), phase, omit));

    public void RequestPreemption(PreemptionRequest request) => Commands.Add(new Command(Now, nameof(RequestPreemption), 0));

    public void ReleasePreemption(string id) => Commands.Add(new Command(Now, nameof(ReleasePreemption), 0));
}
