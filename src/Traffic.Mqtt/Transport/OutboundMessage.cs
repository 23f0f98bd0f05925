using Traffic.Mqtt.Contract;

namespace Traffic.Mqtt.Transport;

/// <summary>
/// A message to publish. <see cref="AtLeastOnce"/> true is QoS 1 (plans, commands, alarms), false QoS 0
/// (SPaT, errors). <see cref="Retain"/> only for plans: a controller that (re)connects gets its
/// latest plan from the broker at once.
/// </summary>
public sealed record OutboundMessage(string Topic, ReadOnlyMemory<byte> Payload, bool AtLeastOnce, bool Retain, TopicKind Kind)
{
    public static OutboundMessage Plan(string intersectionId, TimingPlan plan) =>
        new(Topics.Plan(intersectionId), WireCodec.Encode(plan), AtLeastOnce: true, Retain: true, TopicKind.Plan);

    public static OutboundMessage Command(string intersectionId, SignalCommand command) =>
        new(Topics.Command(intersectionId), WireCodec.Encode(command), AtLeastOnce: true, Retain: false, TopicKind.Command);

    public static OutboundMessage Spat(string intersectionId, SpatMessage spat) =>
        new(Topics.Spat(intersectionId), WireCodec.Encode(spat), AtLeastOnce: false, Retain: false, TopicKind.Spat);

    public static OutboundMessage ForAlarm(Alarm alarm) =>
        new(Topics.Alarms, WireCodec.Encode(alarm), AtLeastOnce: true, Retain: false, TopicKind.Alarms);

    public static OutboundMessage ForError(ErrorReport error) =>
        new(Topics.Errors, WireCodec.Encode(error), AtLeastOnce: false, Retain: false, TopicKind.Errors);
}
