namespace Traffic.Mqtt.Contract;

/// <summary>Out, <c>traffic/v1/alarms</c>: something an operator must see. <see cref="Intersection"/> is null for service-wide alarms.</summary>
public sealed record Alarm : WireMessage
{
    public string? Intersection { get; init; }

    public required AlarmSeverity Severity { get; init; }

    /// <summary>Stable machine code, for example "planNotAcknowledged".</summary>
    public required string Code { get; init; }

    public required string Detail { get; init; }
}

public enum AlarmSeverity
{
    Info,
    Warning,
    Critical,
}
