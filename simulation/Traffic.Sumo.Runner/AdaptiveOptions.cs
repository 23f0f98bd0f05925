using Traffic.Control;

namespace Traffic.Sumo.Runner;

/// <summary>Parses "--adaptive key=value,..." into <see cref="AdaptiveSettings"/> (for tuning runs).</summary>
internal static class AdaptiveOptions
{
    public static AdaptiveSettings Parse(string text, AdaptiveSettings settings) =>
        KeyValues.Apply(text, "--adaptive", settings, static (s, key, v) => key switch
        {
            "DecisionIntervalSeconds" => s with { DecisionIntervalSeconds = v },
            "MovingWeight" => s with { MovingWeight = v },
            "SwitchMargin" => s with { SwitchMargin = v },
            "GapVehicles" => s with { GapVehicles = v },
            "MaxGreenSeconds" => s with { MaxGreenSeconds = v },
            "WaitWeight" => s with { WaitWeight = v },
            "LookAheadSeconds" => s with { LookAheadSeconds = v },
            "RecallVehicles" => s with { RecallVehicles = v },
            "StaleSeconds" => s with { StaleSeconds = v },
            "PermittedShare" => s with { PermittedShare = v },
            "MinHoldSeconds" => s with { MinHoldSeconds = v },
            "PressureRule" => s with { PressureRule = v != 0 },
            "DownstreamWeight" => s with { DownstreamWeight = v },
            "GapMovingVehicles" => s with { GapMovingVehicles = v },
            "ForwardOnly" => s with { ForwardOnly = v != 0 },
            "MovingHoldsGreen" => s with { MovingHoldsGreen = v != 0 },
            "PassageGap" => s with { PassageGap = v != 0 },
            "MovingCallWeight" => s with { MovingCallWeight = v },
            "LightDemandQueue" => s with { LightDemandQueue = v },
            "PedestrianCallVehicles" => s with { PedestrianCallVehicles = v },
            "PedestrianWaitWeight" => s with { PedestrianWaitWeight = v },
            "PerRingEnd" => s with { PerRingEnd = v != 0 },
            "ApproachingWeight" => s with { ApproachingWeight = v },
            "PermittedOnlyFull" => s with { PermittedOnlyFull = v != 0 },
            "DegradedSwitchMargin" => s with { DegradedSwitchMargin = v },
            "DegradedMaxGreenSeconds" => s with { DegradedMaxGreenSeconds = v },
            _ => null,
        });
}
