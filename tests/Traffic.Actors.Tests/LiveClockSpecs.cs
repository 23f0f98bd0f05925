using Akka.Actor;
using Akka.TestKit;
using Xunit.Abstractions;

namespace Traffic.Actors.Tests;

public sealed class LiveClockSpecs(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(@"akka.scheduler.implementation = ""Akka.TestKit.TestScheduler, Akka.TestKit""", output: output)
{
    [Fact]
    public void Sends_a_tick_of_scheduler_time_every_period()
    {
        var scheduler = (TestScheduler)Sys.Scheduler;
        var clock = Sys.ActorOf(LiveClock.Props(TestActor, TimeSpan.FromMilliseconds(100)));
        clock.Tell(new Identify(1));
        ExpectMsg<ActorIdentity>(); // the timer is started once the actor has processed a message
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        for (var k = 1; k <= 3; k++)
        {
            scheduler.Advance(TimeSpan.FromMilliseconds(100));
            Assert.Equal(EventTime.FromDateTimeOffset(scheduler.Now), ExpectMsg<Tick>().Time);
        }

        scheduler.Advance(TimeSpan.FromMilliseconds(50));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }
}
