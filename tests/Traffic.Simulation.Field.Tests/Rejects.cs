using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Validation;

namespace Traffic.Simulation.Field.Tests;

/// <summary>What a validator made of one received message.</summary>
internal sealed record Checked(string Topic, TopicKind Kind, ValidationResult Result, DateTimeOffset ReceivedAt);
