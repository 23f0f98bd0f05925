using Traffic.Sumo.Traci;

namespace Traffic.Sumo.Tests;

/// <summary>Every client test runs against a sumo process over TCP and against libsumo in this process: the same messages, the same answers.</summary>
public sealed class TraciClientTests(GridFixture grid) : IClassFixture<GridFixture>
{
    public static TheoryData<string> Backends => ["process", "libsumo"];

    private ISumoSession Start(string backend)
    {
        string[] args = ["-c", grid.ConfigFile, "--no-step-log", "--seed", "7"];
        return backend == "libsumo" ? InProcessSumo.Start(args) : SumoProcess.Start(args);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Version_is_the_installed_sumo(string backend)
    {
        using var sumo = Start(backend);
        var (api, version) = sumo.Client.GetVersion();
        Assert.True(api >= 20, $"TraCI API {api}");
        Assert.StartsWith("SUMO ", version, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Subscriptions_update_every_step_and_agree_with_separate_reads(string backend)
    {
        using var sumo = Start(backend);
        var client = sumo.Client;
        var batch = new TraciBatch();
        var time = batch.Subscribe(TraciDomain.Simulation, "", TraciVar.Time, TraciVar.DepartedNumber, TraciVar.MinExpectedNumber);
        var lane = batch.Subscribe(TraciDomain.Lane, "left0A0_0", TraciVar.VehicleNumber, TraciVar.HaltingNumber);
        var e2 = batch.Subscribe(TraciDomain.LaneArea, "e2_left0A0_0", TraciVar.VehicleNumber, TraciVar.HaltingNumber, TraciVar.Occupancy);
        client.Execute(batch);

        var maxHalting = 0;
        var departed = 0;
        var sawDetector = false;
        for (var step = 1; step <= 300; step++)
        {
            client.Step();
            Assert.Equal(step, time.Value(TraciVar.Time).AsDouble());
            departed += time.Value(TraciVar.DepartedNumber).AsInt();
            maxHalting = Math.Max(maxHalting, lane.Value(TraciVar.HaltingNumber).AsInt());
            sawDetector |= e2.Value(TraciVar.VehicleNumber).AsInt() > 0;
            if (step % 50 == 0)
            {
                Assert.Equal(client.Get(TraciDomain.Lane, TraciVar.VehicleNumber, "left0A0_0").AsInt(), lane.Value(TraciVar.VehicleNumber).AsInt());
                Assert.Equal(client.Get(TraciDomain.LaneArea, TraciVar.Occupancy, "e2_left0A0_0").AsDouble(), e2.Value(TraciVar.Occupancy).AsDouble());
            }
        }

        Assert.True(departed > 100, $"{departed} vehicles departed in 300 s");
        Assert.True(maxHalting > 0, "nobody ever waited at the red on left0A0_0");
        Assert.True(sawDetector, "the E2 detector never saw a vehicle");
        Assert.Equal(300, client.Steps);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Traffic_light_state_can_be_set_and_given_back_to_the_programme(string backend)
    {
        using var sumo = Start(backend);
        var client = sumo.Client;
        var programme = client.Get(TraciDomain.TrafficLight, TraciVar.TlState, "A0").AsString();
        Assert.Equal("GGGggrrrrrGGGggrrrrr", programme);
        Assert.Equal("0", client.Get(TraciDomain.TrafficLight, TraciVar.TlCurrentProgram, "A0").AsString());
        Assert.Equal(0, client.Get(TraciDomain.TrafficLight, TraciVar.TlCurrentPhase, "A0").AsInt());

        var batch = new TraciBatch();
        batch.SetTrafficLightState("A0", "rrrrrGGGggrrrrrGGGgg");
        var state = batch.Get(TraciDomain.TrafficLight, TraciVar.TlState, "A0");
        var program = batch.Get(TraciDomain.TrafficLight, TraciVar.TlCurrentProgram, "A0");
        batch.Step();
        client.Execute(batch);
        Assert.Equal("rrrrrGGGggrrrrrGGGgg", batch.Result(state).AsString());
        Assert.Equal("online", batch.Result(program).AsString());

        for (var i = 0; i < 60; i++)
        {
            client.Step(); // the online programme holds the state
        }

        Assert.Equal("rrrrrGGGggrrrrrGGGgg", client.Get(TraciDomain.TrafficLight, TraciVar.TlState, "A0").AsString());

        batch.Clear();
        batch.SetTrafficLightProgram("A0", "0");
        batch.SetInt(TraciDomain.TrafficLight, TraciVar.TlPhaseIndex, "A0", 2);
        client.Execute(batch);
        Assert.Equal("0", client.Get(TraciDomain.TrafficLight, TraciVar.TlCurrentProgram, "A0").AsString());
        Assert.Equal(2, client.Get(TraciDomain.TrafficLight, TraciVar.TlCurrentPhase, "A0").AsInt());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Vehicle_positions_come_in_one_batched_round_trip(string backend)
    {
        using var sumo = Start(backend);
        var client = sumo.Client;
        for (var i = 0; i < 40; i++)
        {
            client.Step();
        }

        var ids = client.Get(TraciDomain.Vehicle, TraciVar.IdList, "").AsStringList();
        Assert.True(ids.Count > 5, $"{ids.Count} vehicles after 40 s");
        var before = client.RoundTrips;
        var batch = new TraciBatch();
        var slots = ids.Select(id => (Position: batch.Get(TraciDomain.Vehicle, TraciVar.Position, id), Lane: batch.Get(TraciDomain.Vehicle, TraciVar.LaneId, id))).ToList();
        client.Execute(batch);
        Assert.Equal(before + 1, client.RoundTrips);
        foreach (var (position, lane) in slots)
        {
            var (x, y) = batch.Result(position).AsPosition();
            Assert.InRange(x, -1, 551); // 150 + 200 + 150 plus the grid's margins
            Assert.InRange(y, -1, 551);
            Assert.False(string.IsNullOrEmpty(batch.Result(lane).AsString()));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void An_unknown_object_is_an_error_that_names_it(string backend)
    {
        using var sumo = Start(backend);
        var e = Assert.Throws<TraciException>(() => sumo.Client.Get(TraciDomain.Lane, TraciVar.HaltingNumber, "no_such_lane"));
        Assert.Contains("no_such_lane", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Long_commands_and_answers_use_the_extended_length_field(string backend)
    {
        using var sumo = Start(backend);
        var variables = Enumerable.Repeat(TraciVar.VehicleNumber, 150).Append(TraciVar.HaltingNumber).ToArray();
        var subscription = sumo.Client.Subscribe(TraciDomain.Lane, "left0A0_0", variables); // > 255 bytes each way
        for (var i = 0; i < 30; i++)
        {
            sumo.Client.Step();
        }

        var count = sumo.Client.Get(TraciDomain.Lane, TraciVar.VehicleNumber, "left0A0_0").AsInt();
        Assert.True(count > 0, "no vehicle on left0A0_0 after 30 s");
        Assert.Equal(count, subscription[0].AsInt());
        Assert.Equal(sumo.Client.Get(TraciDomain.Lane, TraciVar.HaltingNumber, "left0A0_0").AsInt(), subscription[150].AsInt());
    }

    [Fact]
    public void Commands_after_a_step_in_one_batch_are_refused()
    {
        var batch = new TraciBatch();
        batch.Step();
        var e = Assert.Throws<InvalidOperationException>(() => batch.Get(TraciDomain.Lane, TraciVar.HaltingNumber, "a"));
        Assert.Contains("last", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>What only the in-process SUMO has: its shim's refusals, the one-simulation-per-process gate and load errors.</summary>
public sealed class InProcessSumoTests(GridFixture grid) : IClassFixture<GridFixture>
{
    private InProcessSumo Start() => InProcessSumo.Start(["-c", grid.ConfigFile, "--no-step-log", "--seed", "7"]);

    [Fact]
    public void The_shim_is_built_and_loads()
    {
        Assert.True(InProcessSumo.IsAvailable(out var reason), reason);
    }

    [Fact]
    public void Vehicle_subscriptions_end_when_the_vehicle_leaves_as_over_tcp()
    {
        using var sumo = Start();
        var client = sumo.Client;
        var batch = new TraciBatch();
        var sim = batch.Subscribe(TraciDomain.Simulation, "", TraciVar.DepartedIds, TraciVar.ArrivedIds);
        batch.Step();
        client.Execute(batch);
        var first = sim.Value(TraciVar.DepartedIds).AsStringList()[0];
        var vehicle = client.Subscribe(TraciDomain.Vehicle, first, TraciVar.LaneId, TraciVar.Speed);
        var arrived = false;
        for (var i = 0; i < 600 && !arrived; i++)
        {
            client.Step();
            arrived = sim.Value(TraciVar.ArrivedIds).AsStringList().Contains(first);
        }

        Assert.True(arrived, $"{first} never arrived");
        var last = vehicle.UpdatedAtStep;
        client.Step();
        client.Step();
        Assert.Equal(last, vehicle.UpdatedAtStep);
        Assert.True(last < client.Steps - 1);
    }

    [Fact]
    public void A_variable_it_does_not_serve_is_an_error_that_names_it_and_the_run_goes_on()
    {
        using var sumo = Start();
        var e = Assert.Throws<TraciException>(() => sumo.Client.Get(TraciDomain.Lane, TraciVar.IdList + 0x30, "left0A0_0"));
        Assert.Contains("0x30", e.Message, StringComparison.Ordinal);
        Assert.Contains("not served in-process", e.Message, StringComparison.Ordinal);
        sumo.Client.Step();
        Assert.Equal(1, sumo.Client.Get(TraciDomain.Simulation, TraciVar.Time, "").AsDouble());
    }

    [Fact]
    public void A_malformed_request_is_refused_naming_what_is_wrong_and_the_simulation_goes_on()
    {
        using var sumo = Start();
        using var transport = new InProcessSumo.LibsumoTransport();
        var reader = new TraciReader();
        var e = Assert.Throws<TraciException>(() => transport.Exchange([0, 0, 0, 9, 2, 0x02, 0], reader));
        Assert.Contains("length field 9 != 7", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<TraciException>(() => transport.Exchange([0, 0, 0, 7, 9, 0x02, 0], reader));
        Assert.Contains("bad length 9", e.Message, StringComparison.Ordinal);
        sumo.Client.Step();
        Assert.Equal(1, sumo.Client.Get(TraciDomain.Simulation, TraciVar.Time, "").AsDouble());
    }

    [Fact]
    public void A_broken_configuration_is_an_error_that_names_it_and_the_next_load_works()
    {
        var broken = Path.Combine(grid.Directory, "broken.sumocfg");
        File.WriteAllText(broken, "<configuration><input><net-file value=\"no-such.net.xml\"/></input></configuration>");
        var e = Assert.Throws<TraciException>(() => InProcessSumo.Start(["-c", broken, "--no-step-log"]));
        Assert.Contains("broken.sumocfg", e.Message, StringComparison.Ordinal);
        using var sumo = Start();
        sumo.Client.Step();
        Assert.Equal(1, sumo.Client.Get(TraciDomain.Simulation, TraciVar.Time, "").AsDouble());
    }

    [Fact]
    public void A_broken_run_is_still_closed_so_its_outputs_are_complete()
    {
        var tripinfo = Path.Combine(grid.Directory, "broken-run-tripinfo.xml");
        var sumo = InProcessSumo.Start(["-c", grid.ConfigFile, "--no-step-log", "--seed", "7", "--tripinfo-output", tripinfo]);
        sumo.Client.Step();
        sumo.Client.Dispose(); // as after a lost connection: the close command can no longer be sent
        sumo.Dispose();
        Assert.EndsWith("</tripinfos>", File.ReadAllText(tripinfo).TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_simulation_at_a_time_a_second_start_waits_for_the_first_to_close()
    {
        var first = Start();
        var second = Task.Run(Start);
        Assert.NotSame(second, await Task.WhenAny(second, Task.Delay(500)));
        first.Client.Step();
        first.Dispose();
        using var s = await second.WaitAsync(TimeSpan.FromSeconds(30));
        s.Client.Step();
        Assert.Equal(1, s.Client.Get(TraciDomain.Simulation, TraciVar.Time, "").AsDouble());
    }
}
