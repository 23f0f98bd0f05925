namespace Traffic.Mqtt.Validation;

/// <summary>Why an inbound message was rejected. Serialized camelCase ("payloadTooLarge"); docs/mqtt.md lists each.</summary>
public enum RejectReason
{
    /// <summary>Payload larger than the limit (64 KiB by default).</summary>
    PayloadTooLarge,

    /// <summary>The topic is not an inbound traffic topic (unknown shape, unknown kind, or an outbound kind).</summary>
    UnknownTopic,

    /// <summary>The schema version in the topic or in the payload's "v" is not the one this service speaks.</summary>
    WrongSchemaVersion,

    /// <summary>The intersection id in the topic is not in the network.</summary>
    UnknownIntersection,

    /// <summary>Not well-formed JSON (or empty, or not UTF-8).</summary>
    MalformedJson,

    /// <summary>A required field is absent or null.</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type (string for a number, ...), or the payload is not an object.</summary>
    WrongType,

    /// <summary>A field the schema does not know (often a typo).</summary>
    UnknownField,

    /// <summary>A time that is not ISO-8601 with a zone (Z or an offset).</summary>
    BadTimestamp,

    /// <summary>Event time further in the future than the tolerance (clock skew).</summary>
    TimestampInFuture,

    /// <summary>Event time older than the maximum age.</summary>
    TimestampTooOld,

    /// <summary>Same sequence number as the last accepted message of this source.</summary>
    DuplicateSequence,

    /// <summary>Sequence number lower than the last accepted message of this source.</summary>
    OutOfOrderSequence,

    /// <summary>A detector id not configured at this intersection.</summary>
    UnknownDetector,

    /// <summary>A leg id that is not an approach (a leg with approach lanes) of this intersection.</summary>
    UnknownApproach,

    /// <summary>A phase id not configured at this intersection.</summary>
    UnknownPhase,

    /// <summary>A value outside its range: negative count, occupancy above 1, implausible queue, ...</summary>
    OutOfRange,

    /// <summary>The message contradicts itself: the same detector or leg twice, an empty batch, ...</summary>
    Inconsistent,
}
