using Akka.Actor;

namespace Traffic.Actors;

/// <summary>
/// The live driver: the one place where the wall clock enters. Every <c>period</c> it reads the
/// scheduler's clock (the wall clock live, virtual time under a test scheduler), converts it to event
/// time and tells <c>target</c> a <see cref="Tick"/>. A replay sends its own ticks instead.
/// </summary>
public sealed class LiveClock : ReceiveActor, IWithTimers
{
    private const string TimerKey = "tick";
    private readonly TimeSpan period;

    public LiveClock(IActorRef target, TimeSpan period)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), "the clock period must be positive");
        }

        this.period = period;
        Receive<Pulse>(_ => target.Tell(new Tick(EventTime.FromDateTimeOffset(Context.System.Scheduler.Now))));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef target, TimeSpan period) => Akka.Actor.Props.Create(() => new LiveClock(target, period));

    protected override void PreStart() => Timers.StartPeriodicTimer(TimerKey, Pulse.Instance, period);

    private sealed record Pulse
    {
        public static readonly Pulse Instance = new();
    }
}
