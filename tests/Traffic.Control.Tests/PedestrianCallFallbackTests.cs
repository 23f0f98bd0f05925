using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using Xunit;

namespace Traffic.Control.Tests;

/// <summary>
/// When a leg's camera stops sending observations, the phases walking that leg's crosswalks go on pedestrian recall
/// (a walk every cycle), and the recall ends when the camera is back.
/// </summary>
public sealed class PedestrianCallFallbackTests
{
    private static Intersection WithCameraOnNorth()
    {
        var x = TestIntersections.Nema();
        return x with { Detectors = [.. x.Detectors, new Detector("CN", DetectorKind.Cctv, "N", [], 0, [], [])] };
    }

    private static HashSet<int> PedCallsAt(ISignalPolicy policy, FakeSignalControl control, long now)
    {
        control.Now = now;
        control.Commands.Clear();
        policy.Decide(control);
        return control.Commands.Where(c => c.Kind == nameof(ISignalControl.PlacePedCall)).Select(c => c.Phase).ToHashSet();
    }


    private static ISignalPolicy Create(string name, Intersection x) => name switch
    {
        "adaptive" => new AdaptivePolicy(x, AdaptiveSettings.Default),
        _ => new MaxPressurePolicy(x, MaxPressureSettings.Default),
    };

    [Theory]
    [InlineData("adaptive", 26, 27)] // decides every second
    [InlineData("max-pressure", 31, 31)] // decides every 10 s: at 1, 11, 21, 31 s here
    public void A_silent_camera_puts_its_crosswalk_phases_on_pedestrian_recall_until_it_reports_again(string name, double recallAt, double backAt)
    {
        var x = WithCameraOnNorth();
        var walksNorth = x.Phases.Where(p => p.Crosswalks.Contains("XN")).Select(p => p.Id).ToHashSet();
        Assert.NotEmpty(walksNorth);
        var policy = Create(name, x);
        var control = new FakeSignalControl(x);

        // The camera reports every second with nobody waiting: no pedestrian call.
        for (var t = 0; t <= 20; t++)
        {
            policy.Observe(new ApproachObservation("N", SignalTime.FromSeconds(t), default, 0, 0, 0, false));
            Assert.Empty(PedCallsAt(policy, control, SignalTime.FromSeconds(t) + 1));
        }

        // Silent for 4 s: still within the stale time (5 s), no call; silent for more: recall on the phases walking N.
        Assert.Empty(PedCallsAt(policy, control, SignalTime.FromSeconds(24)));
        Assert.Equal(walksNorth, PedCallsAt(policy, control, SignalTime.FromSeconds(recallAt)));

        // The camera is back: a fresh policy that saw the same silence but one observation just before deciding
        // places no call (the recall ends with the first observation).
        var back = Create(name, x);
        var backControl = new FakeSignalControl(x);
        for (var t = 0; t <= 20; t++)
        {
            back.Observe(new ApproachObservation("N", SignalTime.FromSeconds(t), default, 0, 0, 0, false));
        }

        back.Observe(new ApproachObservation("N", SignalTime.FromSeconds(backAt - 0.5), default, 0, 0, 0, false));
        Assert.Empty(PedCallsAt(back, backControl, SignalTime.FromSeconds(backAt)));
    }

    [Fact]
    public void A_leg_without_a_camera_in_the_configuration_never_goes_on_recall()
    {
        var x = TestIntersections.Nema();
        var policy = new AdaptivePolicy(x, AdaptiveSettings.Default);
        var control = new FakeSignalControl(x);
        Assert.Empty(PedCallsAt(policy, control, SignalTime.FromSeconds(600)));
    }
}
