namespace Traffic.Actors;

/// <summary>
/// Where the actors publish plans, SPaT, alarms and faults (the MQTT egress plugs in here). Called
/// from many actors at once: implementations must be thread-safe and must not block (enqueue into a
/// bounded channel and count what does not fit).
/// </summary>
public interface IOutbound
{
    void Send(IOutboundMessage message);
}
