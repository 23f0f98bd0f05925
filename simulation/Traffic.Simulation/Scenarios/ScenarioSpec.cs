namespace Traffic.Simulation;

/// <summary>The period of the day a scenario models.</summary>
public enum DayPeriod
{
    /// <summary>Morning peak: trips mostly from the outskirts to the centre (inbound).</summary>
    Am,

    /// <summary>Between the peaks: no preferred direction, less traffic.</summary>
    OffPeak,

    /// <summary>Evening peak: trips mostly from the centre to the outskirts (outbound).</summary>
    Pm,
}

/// <summary>
/// Inputs of <see cref="ScenarioGenerator"/>. <paramref name="TotalVehPerHour"/>: all flows together;
/// <paramref name="DestinationsPerOrigin"/>: destinations drawn per origin; <paramref name="DecayS"/>: the
/// gravity model's free-flow-time decay; <paramref name="ArterialWeight"/>: how much more an arterial end
/// (a corridor leaving the network) produces and attracts per lane than a side street.
/// </summary>
public sealed record ScenarioSpec(
    string Name,
    DayPeriod Period,
    int Seed,
    double TotalVehPerHour,
    int DestinationsPerOrigin = 12,
    double DecayS = 600,
    double ArterialWeight = 3.0,
    double DurationS = 3600)
{
    public static string PeriodName(DayPeriod period) => period switch
    {
        DayPeriod.Am => "am",
        DayPeriod.Pm => "pm",
        _ => "offpeak",
    };

    public static DayPeriod ParsePeriod(string text) => text switch
    {
        "am" => DayPeriod.Am,
        "pm" => DayPeriod.Pm,
        "offpeak" => DayPeriod.OffPeak,
        _ => throw new ArgumentException($"period '{text}' is not one of am, offpeak, pm", nameof(text)),
    };
}
