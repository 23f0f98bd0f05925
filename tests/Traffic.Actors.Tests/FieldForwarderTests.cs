using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using static Traffic.Actors.Tests.TestNetworks;

namespace Traffic.Actors.Tests;

/// <summary>What the free policy's requests become for a following field controller: changes only, plus a keep-alive.</summary>
public sealed class FieldForwarderTests
{
    private readonly Intersection model = Layout("nema8");

    private static List<(FieldCommandKind Kind, string Phases)> Sent(FieldForwarder f) => [.. f.Flush().Select(c => (c.Kind, string.Join(",", c.Phases)))];

    [Fact]
    public void Repeated_requests_go_out_once_and_a_change_undone_before_sending_goes_out_not_at_all()
    {
        var c = new SignalController(model, T0);
        var f = new FieldForwarder(c);
        f.SetOmit(4, true);
        f.SetOmit(8, true);
        f.PlaceCall(3);
        Assert.Equal([(FieldCommandKind.Omit, "4,8"), (FieldCommandKind.Call, "3")], Sent(f));
        Assert.True(c.HasCall(3));

        f.SetOmit(4, true); // already omitted
        f.PlaceCall(3); // already called
        f.SetHold(2, true);
        f.SetHold(2, false); // undone before the flush
        Assert.Empty(Sent(f));

        f.SetOmit(8, false);
        Assert.Equal([(FieldCommandKind.Unomit, "8")], Sent(f));
    }

    [Fact]
    public void A_call_the_controller_already_had_still_goes_out_once()
    {
        var c = new SignalController(model, T0);
        c.PlaceCall(3); // e.g. placed before the forwarder was in between: the field never heard of it
        var f = new FieldForwarder(c);
        f.PlaceCall(3);
        f.PlaceCall(3);
        Assert.Equal([(FieldCommandKind.Call, "3")], Sent(f));

        // Still waiting three seconds later (the field may have served and cleared it): once more.
        for (var k = 0; k < 30; k++)
        {
            c.Step();
            f.PlaceCall(3);
            var sent = Sent(f);
            Assert.Equal(k == 29 ? 1 : 0, sent.Count(x => x.Kind == FieldCommandKind.Call));
        }
    }

    [Fact]
    public void Pedestrian_calls_repeated_every_tick_go_out_once_per_ten_seconds()
    {
        var c = new SignalController(model, T0);
        var f = new FieldForwarder(c);
        var sent = 0;
        for (var k = 0; k < 150; k++)
        {
            c.Step();
            f.PlacePedCall(2);
            sent += Sent(f).Count(x => x.Kind == FieldCommandKind.PedestrianCall);
        }

        Assert.Equal(2, sent); // at 0 and 10 s of the 15 s
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // a field that missed an omit change must not keep a phase omitted for as long as other commands flow
    public void The_whole_omit_state_goes_out_every_ten_seconds_with_or_without_other_commands(bool forceOffsFlowing)
    {
        var c = new SignalController(model, T0);
        var f = new FieldForwarder(c);
        f.SetOmit(4, true);
        Assert.Single(Sent(f));
        var omitStates = new List<long>();
        var forceOffs = 0;
        for (var k = 0; k < 250; k++)
        {
            c.Step();
            if (forceOffsFlowing && k % 10 == 0)
            {
                f.ForceOff(2); // 2 rests in green here: a force-off goes out every second
            }

            var sent = Sent(f);
            forceOffs += sent.Count(x => x.Kind == FieldCommandKind.ForceOff);
            if (sent.Contains((FieldCommandKind.Unomit, "1,2,3,5,6,7,8")) && sent.Contains((FieldCommandKind.Omit, "4")))
            {
                omitStates.Add(c.Now - T0);
            }
        }

        Assert.Equal([100L, 200L], omitStates);
        if (forceOffsFlowing)
        {
            Assert.True(forceOffs >= 20, $"only {forceOffs} force-offs went out");
        }
    }

    [Fact]
    public void A_green_the_controller_ends_by_itself_goes_out_as_a_force_off_once()
    {
        var c = new SignalController(model, T0);
        var f = new FieldForwarder(c);
        c.PlaceCall(2);
        c.PlaceCall(4); // across the barrier: phase 2 max-outs with no force-off from any policy
        var forceOffs = new List<(long At, string Phases)>();
        long? ended = null;
        for (var k = 0; k < 1200; k++)
        {
            var wasGreen = c.IsGreen(2);
            c.Step();
            if (wasGreen && !c.IsGreen(2))
            {
                ended ??= c.Now;
            }

            forceOffs.AddRange(Sent(f).Where(x => x.Kind == FieldCommandKind.ForceOff).Select(x => (c.Now, x.Phases)));
        }

        Assert.NotNull(ended);
        Assert.Contains((ended.Value, "2,6"), forceOffs); // both rings' greens end at the barrier
        Assert.Single(forceOffs, x => x.Phases.Split(',').Contains("2"));
    }

    [Fact]
    public void A_pedestrian_only_phase_gets_no_force_off_it_ends_when_its_timing_is_done()
    {
        var scramble = Layout("scramble");
        var walkOnly = scramble.Phases.First(p => !p.HasVehicles).Id;
        var c = new SignalController(scramble, T0);
        var f = new FieldForwarder(c);
        f.PlacePedCall(walkOnly);
        var kinds = new List<FieldCommandKind>();
        var walked = false;
        for (var k = 0; k < 1200; k++)
        {
            c.Step();
            if (c.IsGreen(walkOnly))
            {
                walked = true;
                f.ForceOff(walkOnly); // a policy asking every tick
            }

            kinds.AddRange(Sent(f).Where(x => x.Phases.Split(',').Contains(walkOnly.ToString(System.Globalization.CultureInfo.InvariantCulture))).Select(x => x.Kind));
        }

        Assert.True(walked, "the pedestrian-only phase never walked");
        Assert.Equal([FieldCommandKind.PedestrianCall], kinds);
    }
}
