using Traffic.Sumo.Runs;

namespace Traffic.Sumo.Tests;

public sealed class MetricsTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "traffic-sumo-metrics-" + Guid.NewGuid().ToString("N")[..8]);

    public MetricsTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Delay_is_resco_mean_of_time_loss_plus_depart_delay_with_unentered_vehicles_charged_to_the_end()
    {
        var routes = Write("r.rou.xml", """
            <routes>
              <trip id="a" depart="0" from="x" to="y"/>
              <trip id="b" depart="10" from="x" to="y"/>
              <vehicle id="c" depart="20" route="r"/>
              <trip id="d" depart="50" from="x" to="y"/>
              <trip id="late" depart="500" from="x" to="y"/>
            </routes>
            """);
        var trips = Write("t.xml", """
            <tripinfos>
              <tripinfo id="a" depart="1.00" departDelay="1.00" arrival="61.00" duration="60.00" waitingTime="5.00" timeLoss="20.00"/>
              <tripinfo id="b" depart="12.00" departDelay="2.00" arrival="-1.00" duration="88.00" waitingTime="30.00" timeLoss="40.00"/>
              <tripinfo id="c" depart="-1.00" departDelay="80.00" arrival="-1.00" duration="0" waitingTime="0" timeLoss="0"/>
            </tripinfos>
            """);

        var m = TripMetrics.Compute(trips, [routes], end: 100);

        // a: 20 + 1; b (still running): 40 + 2; c (never entered): 100 - 20; d (not in tripinfo): 100 - 50; "late" is after the end.
        Assert.Equal(4, m.Trips);
        Assert.Equal((21 + 42 + 80 + 50) / 4.0, m.MeanDelay, 9);
        Assert.Equal(1, m.Arrived);
        Assert.Equal(2, m.NeverEntered);
        Assert.Equal(60, m.MeanTripTime);
        Assert.Equal(17.5, m.MeanWaitingTime);
        Assert.Equal(20, m.MeanTimeLoss); // arrived trips only, as SUMO's statistics
    }

    [Fact]
    public void Medians_of_odd_and_even_counts()
    {
        Assert.Equal(3, ResultTable.Median([5, 1, 3]));
        Assert.Equal(2.5, ResultTable.Median([4, 1, 3, 2]));
    }

    [Fact]
    public void A_config_without_an_end_is_refused_by_name()
    {
        var cfg = Write("x.sumocfg", "<configuration><input><net-file value=\"n.net.xml\"/></input></configuration>");
        var e = Assert.Throws<InvalidDataException>(() => SumoConfig.Load(cfg));
        Assert.Contains("x.sumocfg", e.Message, StringComparison.Ordinal);
        Assert.Contains("<end>", e.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
