namespace Traffic.Sumo.Traci;

/// <summary>
/// A variable subscription on one object: SUMO sends the values with every simulation step's
/// answer and the client writes them into <see cref="Values"/> in place (no round trip per read).
/// </summary>
public sealed class TraciSubscription
{
    private readonly TraciValue[] values;

    internal TraciSubscription(TraciDomain domain, string objectId, byte[] variables)
    {
        if (variables.Length is 0 or > 255)
        {
            throw new ArgumentException($"a subscription on {domain} '{objectId}' needs 1..255 variables", nameof(variables));
        }

        Domain = domain;
        ObjectId = objectId;
        Variables = variables;
        values = new TraciValue[variables.Length];
    }

    public TraciDomain Domain { get; }

    public string ObjectId { get; }

    public IReadOnlyList<byte> Variables { get; }

    /// <summary>The values of the last step, in the order of <see cref="Variables"/>.</summary>
    public ReadOnlySpan<TraciValue> Values => values;

    /// <summary>Simulation step at which the values were last written (counts the client's steps).</summary>
    public long UpdatedAtStep { get; private set; } = -1;

    public TraciValue this[int index] => values[index];

    /// <summary>The value of <paramref name="variable"/>; it must be one of the subscribed variables.</summary>
    public TraciValue Value(byte variable)
    {
        for (var i = 0; i < Variables.Count; i++)
        {
            if (Variables[i] == variable)
            {
                return values[i];
            }
        }

        throw new ArgumentException($"{Domain} '{ObjectId}' is not subscribed to variable 0x{variable:X2}", nameof(variable));
    }

    internal void Store(byte variable, TraciValue value, long step)
    {
        for (var i = 0; i < Variables.Count; i++)
        {
            if (Variables[i] == variable)
            {
                values[i] = value;
                UpdatedAtStep = step;
                return;
            }
        }

        throw new TraciException($"SUMO sent variable 0x{variable:X2} for {Domain} '{ObjectId}', which was not subscribed");
    }
}
