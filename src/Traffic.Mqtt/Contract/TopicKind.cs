namespace Traffic.Mqtt.Contract;

/// <summary>The last segment of an intersection topic, plus the two global topics.</summary>
public enum TopicKind
{
    /// <summary>In: batched detector channel readings.</summary>
    Detectors,

    /// <summary>In: CCTV counts per approach.</summary>
    Cctv,

    /// <summary>In: vehicles the tracking cameras see on each stop-bar detector's approach.</summary>
    Tracks,

    /// <summary>In: controller status from the field (also its heartbeat).</summary>
    Status,

    /// <summary>In: controller acknowledgement of a timing plan.</summary>
    Ack,

    /// <summary>Out: timing plan (QoS 1, retained).</summary>
    Plan,

    /// <summary>Out: command to the controller (QoS 1).</summary>
    Command,

    /// <summary>Out: signal phase and timing, every second (QoS 0).</summary>
    Spat,

    /// <summary>Out, global: alarms.</summary>
    Alarms,

    /// <summary>Out, global: rejected input.</summary>
    Errors,
}
