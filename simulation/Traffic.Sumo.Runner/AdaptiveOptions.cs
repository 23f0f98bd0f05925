using System.Globalization;
using Traffic.Control;

namespace Traffic.Sumo.Runner;

/// <summary>Parses "--adaptive key=value,..." into <see cref="AdaptiveSettings"/> (for tuning runs).</summary>
internal static class AdaptiveOptions
{
    public static AdaptiveSettings Parse(string text, AdaptiveSettings settings)
    {
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new ArgumentException($"--adaptive: '{pair}' is not key=number");
            }

            settings = parts[0] switch
            {
                "DecisionIntervalSeconds" => settings with { DecisionIntervalSeconds = v },
                "MovingWeight" => settings with { MovingWeight = v },
                "SwitchMargin" => settings with { SwitchMargin = v },
                "GapVehicles" => settings with { GapVehicles = v },
                "MaxGreenSeconds" => settings with { MaxGreenSeconds = v },
                "WaitWeight" => settings with { WaitWeight = v },
                "LookAheadSeconds" => settings with { LookAheadSeconds = v },
                "RecallVehicles" => settings with { RecallVehicles = v },
                "StaleSeconds" => settings with { StaleSeconds = v },
                "PermittedShare" => settings with { PermittedShare = v },
                "MinHoldSeconds" => settings with { MinHoldSeconds = v },
                "PressureRule" => settings with { PressureRule = v != 0 },
                "DownstreamWeight" => settings with { DownstreamWeight = v },
                "GapMovingVehicles" => settings with { GapMovingVehicles = v },
                "ForwardOnly" => settings with { ForwardOnly = v != 0 },
                "MovingHoldsGreen" => settings with { MovingHoldsGreen = v != 0 },
                "PassageGap" => settings with { PassageGap = v != 0 },
                "MovingCallWeight" => settings with { MovingCallWeight = v },
                "LightDemandQueue" => settings with { LightDemandQueue = v },
                "PedestrianCallVehicles" => settings with { PedestrianCallVehicles = v },
                "PedestrianWaitWeight" => settings with { PedestrianWaitWeight = v },
                "PerRingEnd" => settings with { PerRingEnd = v != 0 },
                "ApproachingWeight" => settings with { ApproachingWeight = v },
                "PermittedOnlyFull" => settings with { PermittedOnlyFull = v != 0 },
                "DegradedSwitchMargin" => settings with { DegradedSwitchMargin = v },
                "DegradedMaxGreenSeconds" => settings with { DegradedMaxGreenSeconds = v },
                _ => throw new ArgumentException($"--adaptive: unknown setting '{parts[0]}'"),
            };
        }

        return settings;
    }
}
