namespace Traffic.Simulation.Field.Recording;

/// <summary>
/// How to replay. <see cref="Speed"/>: recorded seconds per wall second (1 = as recorded,
/// <see cref="double.PositiveInfinity"/> = as fast as the broker takes them). <see cref="KeepTimes"/>:
/// send the payloads exactly as recorded (event times in the past) instead of rewriting each
/// message's time to the instant it is sent (docs/recording.md). <see cref="ProgressInterval"/>: wall
/// time between progress reports.
/// </summary>
public sealed record ReplayOptions
{
    public double Speed { get; init; } = double.PositiveInfinity;

    public bool KeepTimes { get; init; }

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>Progress of a replay: messages sent, recorded seconds covered, wall seconds taken, lines skipped.</summary>
public sealed record ReplayProgress(long Messages, double RecordedSeconds, double WallSeconds, long Skipped)
{
    public double MessagesPerSecond => WallSeconds > 0 ? Messages / WallSeconds : 0;

    public override string ToString() =>
        FormattableString.Invariant($"{Messages} messages, {RecordedSeconds:0.0} s recorded time, {MessagesPerSecond:0} msg/s, {Skipped} skipped");
}

/// <summary>The end of a replay: the last progress, the lines that could not be replayed, and publishes that failed.</summary>
public sealed record ReplayResult(ReplayProgress Progress, IReadOnlyList<RecordingError> Errors, long PublishFailures);
