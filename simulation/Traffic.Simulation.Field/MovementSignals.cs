using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;

namespace Traffic.Simulation.Field;

/// <summary>
/// What each movement of an intersection shows the drivers, from the indications of the signal
/// groups that serve it: green on a group where it is protected is <see cref="MovementSignal.Green"/>,
/// where it is permitted <see cref="MovementSignal.GreenPermitted"/>; otherwise yellow when one of its
/// groups is yellow; otherwise red (flash red included). A movement served by several phases shows the
/// most permissive of them.
/// </summary>
internal sealed class MovementSignals
{
    private readonly (int Group, MovementMode Mode)[][] served;

    public MovementSignals(Intersection model)
    {
        served = new (int, MovementMode)[model.Movements.Count][];
        for (var j = 0; j < model.Movements.Count; j++)
        {
            var id = model.Movements[j].Id;
            served[j] = [.. model.Phases
                .SelectMany(p => p.Movements.Where(m => m.MovementId == id).Select(m => (model.VehicleGroupOf(p.Id), m.Mode)))
                .Where(x => x.Item1 >= 0)];
        }
    }

    public MovementSignal State(int movement, ReadOnlySpan<Indication> indications)
    {
        var best = MovementSignal.Red;
        var rank = 0;
        foreach (var (group, mode) in served[movement])
        {
            var (state, r) = indications[group] switch
            {
                Indication.Green when mode == MovementMode.Protected => (MovementSignal.Green, 3),
                Indication.Green => (MovementSignal.GreenPermitted, 2),
                Indication.Yellow => (MovementSignal.Yellow, 1),
                _ => (MovementSignal.Red, 0),
            };
            if (r > rank)
            {
                best = state;
                rank = r;
            }
        }

        return best;
    }
}
