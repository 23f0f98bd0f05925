namespace Traffic.Mqtt.Validation;

/// <summary>
/// The last accepted sequence number and event time of every (topic, source). A message with the same
/// number is a duplicate, a lower one is out of order, except a restart: number 1 with an event time
/// later than the last accepted one (the source rebooted and counts again from 1).
/// Not thread-safe: the ingest validates in one stream stage.
/// </summary>
internal sealed class SequenceTracker
{
    private readonly Dictionary<(string Topic, string Source), (long Seq, DateTimeOffset Time)> last = [];

    public Rejection? Check(string topic, string source, long seq, DateTimeOffset time)
    {
        if (!last.TryGetValue((topic, source), out var prev))
        {
            return null;
        }

        if (seq == 1 && prev.Seq != 1 && time > prev.Time)
        {
            return null;
        }

        if (seq == prev.Seq)
        {
            return new Rejection(RejectReason.DuplicateSequence, $"seq {seq} from source '{source}' was already accepted");
        }

        return seq < prev.Seq
            ? new Rejection(RejectReason.OutOfOrderSequence, $"seq {seq} from source '{source}' is below the last accepted seq {prev.Seq}")
            : null;
    }

    public void Commit(string topic, string source, long seq, DateTimeOffset time) => last[(topic, source)] = (seq, time);
}
