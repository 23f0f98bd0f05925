using Traffic.Control;

namespace Traffic.Sumo.Runner;

/// <summary>Parses "--arrival key=value,..." into <see cref="ArrivalScheduleSettings"/> (for tuning runs).</summary>
internal static class ArrivalOptions
{
    public static ArrivalScheduleSettings Parse(string text, ArrivalScheduleSettings settings) =>
        KeyValues.Apply(text, "--arrival", settings, static (s, key, v) => key switch
        {
            "DecisionIntervalSeconds" => s with { DecisionIntervalSeconds = v },
            "MinHoldSeconds" => s with { MinHoldSeconds = v },
            "MaxGreenSeconds" => s with { MaxGreenSeconds = v },
            "HeadwaySeconds" => s with { HeadwaySeconds = v },
            "StartUpLostSeconds" => s with { StartUpLostSeconds = v },
            "StopPenaltySeconds" => s with { StopPenaltySeconds = v },
            "HaltedSpeed" => s with { HaltedSpeed = v },
            "MinArrivalSpeed" => s with { MinArrivalSpeed = v },
            "PlatoonGapSeconds" => s with { PlatoonGapSeconds = v },
            "SwitchMargin" => s with { SwitchMargin = v },
            "PermittedShare" => s with { PermittedShare = v },
            "MaxVehiclesPerMovement" => s with { MaxVehiclesPerMovement = (int)v },
            "StaleSeconds" => s with { StaleSeconds = v },
            "ViewSeconds" => s with { ViewSeconds = v },
            "RateSmoothingSeconds" => s with { RateSmoothingSeconds = v },
            _ => null,
        });
}
