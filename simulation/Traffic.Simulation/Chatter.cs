namespace Traffic.Simulation;

/// <summary>Spurious pulses of a chattering loop: Poisson counts and coin-flip presence from a seeded stream.</summary>
public sealed class Chatter(int seed, double pulsesPerSecond)
{
    private readonly Random random = new(seed);

    public int Pulses(double seconds)
    {
        // Knuth: fine for the small means a detector interval gives.
        var limit = Math.Exp(-pulsesPerSecond * seconds);
        var n = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            n++;
            p *= random.NextDouble();
        }

        return n;
    }

    public bool Presence() => random.NextDouble() < 0.5;
}
