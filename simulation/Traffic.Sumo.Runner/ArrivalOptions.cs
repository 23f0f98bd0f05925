using System.Globalization;
using Traffic.Control;

namespace Traffic.Sumo.Runner;

/// <summary>Parses "--arrival key=value,..." into <see cref="ArrivalScheduleSettings"/> (for tuning runs).</summary>
internal static class ArrivalOptions
{
    public static ArrivalScheduleSettings Parse(string text, ArrivalScheduleSettings settings)
    {
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new ArgumentException($"--arrival: '{pair}' is not key=number");
            }

            settings = parts[0] switch
            {
                "DecisionIntervalSeconds" => settings with { DecisionIntervalSeconds = v },
                "MinHoldSeconds" => settings with { MinHoldSeconds = v },
                "MaxGreenSeconds" => settings with { MaxGreenSeconds = v },
                "HeadwaySeconds" => settings with { HeadwaySeconds = v },
                "StartUpLostSeconds" => settings with { StartUpLostSeconds = v },
                "StopPenaltySeconds" => settings with { StopPenaltySeconds = v },
                "HaltedSpeed" => settings with { HaltedSpeed = v },
                "MinArrivalSpeed" => settings with { MinArrivalSpeed = v },
                "PlatoonGapSeconds" => settings with { PlatoonGapSeconds = v },
                "SwitchMargin" => settings with { SwitchMargin = v },
                "PermittedShare" => settings with { PermittedShare = v },
                "MaxVehiclesPerMovement" => settings with { MaxVehiclesPerMovement = (int)v },
                "StaleSeconds" => settings with { StaleSeconds = v },
                "ViewSeconds" => settings with { ViewSeconds = v },
                "RateSmoothingSeconds" => settings with { RateSmoothingSeconds = v },
                _ => throw new ArgumentException($"--arrival: unknown setting '{parts[0]}'"),
            };
        }

        return settings;
    }
}
