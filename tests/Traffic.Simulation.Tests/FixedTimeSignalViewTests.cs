using Traffic.Simulation.Synthetic;

namespace Traffic.Simulation.Tests;

public sealed class FixedTimeSignalViewTests
{
    [Fact]
    public void The_two_stages_never_show_green_or_yellow_together_and_each_gets_its_yellow_and_all_red()
    {
        var network = SyntheticGrid.Build(new GridSpec(1, 1));
        var x = network.Intersections[0];
        var view = new FixedTimeSignalView(network, 80, 2.0);
        Assert.Equal(3.3, view.Yellow(0), 9); // 1 + 13.89 / 6.1 = 3.28, rounded up
        int ns = 0, ew = 0, allRed = 0, yellow = 0;
        for (var k = 0; k < 800; k++)
        {
            var t = k / 10.0;
            var activeNs = false;
            var activeEw = false;
            for (var j = 0; j < x.Movements.Count; j++)
            {
                var s = view.StateAt(0, j, t);
                var active = s != MovementSignal.Red;
                if (x.Movements[j].FromLeg is "N" or "S")
                {
                    activeNs |= active;
                }
                else
                {
                    activeEw |= active;
                }

                yellow += s == MovementSignal.Yellow && j == 0 ? 1 : 0;
                if (s is MovementSignal.Green or MovementSignal.GreenPermitted)
                {
                    Assert.Equal(x.Movements[j].Turn == Signals.Model.Turn.Left, s == MovementSignal.GreenPermitted);
                }
            }

            Assert.False(activeNs && activeEw, $"both stages active at {t:F1} s");
            ns += activeNs ? 1 : 0;
            ew += activeEw ? 1 : 0;
            allRed += !activeNs && !activeEw ? 1 : 0;
        }

        Assert.InRange(ns - ew, -1, 1);
        Assert.InRange(allRed, 39, 41); // 2 x 2.0 s
        Assert.InRange(yellow, 32, 34); // 3.3 s for movement 0
    }
}
