using Traffic.Signals.Model;
using Traffic.Signals.Sequencing;
using Traffic.Sumo.Import;

namespace Traffic.Sumo.Tests;

public sealed class ImportTests(GridFixture grid) : IClassFixture<GridFixture>
{
    [Fact]
    public void A_grid_light_becomes_two_phases_with_the_programme_timings()
    {
        var net = SumoNet.Load(grid.NetFile);
        var signals = SumoSignalImporter.ImportAll(net);
        Assert.Equal(["A0", "A1", "B0", "B1"], signals.Select(s => s.TlsId));
        var a0 = signals[0];
        var x = a0.Intersection;
        Assert.Equal(2, x.Phases.Count);
        Assert.Equal([[1, 2]], x.Structure.Rings.Select(r => r.ToArray()));
        Assert.Equal([[1], [2]], x.Structure.BarrierGroups.Select(r => r.ToArray()));
        var t = x.Phase(1).Timings;
        Assert.Equal((3.0, 1.0, 5.0, 42.0), (t.Yellow, t.RedClearance, t.MinGreen, t.MaxGreen));

        // Phase 1 is the north-south programme phase: A1A0 comes from the north, bottom0A0 from the south.
        var modes = x.Phase(1).Movements.ToDictionary(m => m.MovementId, m => m.Mode);
        Assert.Equal(MovementMode.Protected, modes["A1A0.T"]);
        Assert.Equal(MovementMode.Permitted, modes["A1A0.L"]);
        Assert.Equal(MovementMode.Protected, modes["bottom0A0.T"]);
        Assert.DoesNotContain("left0A0.T", modes.Keys);
        Assert.Contains("left0A0.T", x.Phase(2).Movements.Select(m => m.MovementId));
        Assert.Equal(0, x.Leg("A1A0").BearingDeg, 1);
        Assert.Equal(270, x.Leg("left0A0").BearingDeg, 1);
        Assert.Equal(2, x.Leg("A1A0").OutboundLanes); // A0A1 runs back north on the same road

        Assert.True(x.Conflicts[0, 1], "north-south and east-west phases must conflict");
        Assert.Equal(8, x.Detectors.Count);
        Assert.All(x.Detectors, d => Assert.NotEmpty(d.Phases));
        Assert.Empty(a0.Warnings);
    }

    [Fact]
    public void State_strings_reproduce_the_programme_green_and_yellow()
    {
        var a0 = SumoSignalImporter.Import(SumoNet.Load(grid.NetFile), "A0");
        Assert.Equal("GGGggrrrrrGGGggrrrrr", a0.BuildState([Indication.Green, Indication.Red]));
        Assert.Equal("yyyyyrrrrryyyyyrrrrr", a0.BuildState([Indication.Yellow, Indication.Red]));
        Assert.Equal("rrrrrGGGggrrrrrGGGgg", a0.BuildState([Indication.Red, Indication.Green]));
        Assert.Equal("rrrrrrrrrrrrrrrrrrrr", a0.BuildState([Indication.Red, Indication.Red]));
    }

    [Fact]
    public void Permissive_pairs_are_only_those_the_programme_runs_together()
    {
        var net = SumoNet.Load(grid.NetFile);
        var a0 = SumoSignalImporter.Import(net, "A0");

        // Link 3 (A1A0 left, 'g') and link 11 (bottom0A0 through, 'G') are foes that the programme runs together.
        Assert.False(a0.HardConflict(3, 11));

        // Link 1 (A1A0 through) and link 6 (B0A0 through) cross and never run together.
        Assert.True(a0.HardConflict(1, 6));
        Assert.True(a0.HardConflict(6, 1));
    }

    [Fact]
    public void Links_green_in_two_programme_phases_become_an_overlap_that_stays_green_between_them()
    {
        // gneJ207: A GGgGrGGG, B GGGrrrrr, C rrrGGGrr. Links 3 and 5 are green in A and C: overlap A with parents 1 and 3.
        // Links 0-2 are green in A and B, but B would keep nothing of its own: they stay movements of both.
        var signal = SumoSignalImporter.Import(SumoNet.Load(TestData.Scenario("ingolstadt1", "net.xml")), "gneJ207");
        var x = signal.Intersection;
        var o = Assert.Single(x.Overlaps);
        Assert.Equal([1, 3], o.Parents);
        Assert.Equal(2, o.Movements.Count); // one per incoming edge (east and south right turns)
        var oa = x.SignalGroups.Single(g => g.IsOverlap).Index;
        Assert.Equal(3, oa);
        Assert.Equal([3, 5], signal.Links.Where(l => l.OverlapGroup == oa).Select(l => l.Index));
        Assert.All(x.Phase(2).Movements, m => Assert.Contains(m.MovementId, x.Phase(1).Movements.Select(a => a.MovementId)));
        Assert.DoesNotContain(x.Phase(3).Movements, m => o.Movements.Contains(m));
        Assert.Equal("GGgGrGGG", signal.BuildState([Indication.Green, Indication.Red, Indication.Red, Indication.Green]));
        Assert.Equal("rrrGGGrr", signal.BuildState([Indication.Red, Indication.Red, Indication.Green, Indication.Green]));
        Assert.Equal("yyyGrGyy", signal.BuildState([Indication.Yellow, Indication.Red, Indication.Red, Indication.Green]));

        // Driven A -> C by calls and force-offs: links 3 and 5 never leave green on the way.
        var c = new SignalController(x);
        c.PlaceCall(1);
        while (!c.IsGreen(1))
        {
            c.Step();
        }

        c.AdvanceTo(c.Now + SignalTime.FromSeconds(6));
        c.SetOmit(2, true);
        c.PlaceCall(3);
        c.ForceOff(1);
        var states = new List<string>();
        while (!c.IsGreen(3))
        {
            c.Step();
            states.Add(signal.BuildState(c.Indications));
        }

        Assert.Null(c.Fault);
        Assert.Contains(states, st => st == "yyyGrGyy");
        Assert.All(states, st => Assert.Equal(('G', 'G'), (st[3], st[5])));
    }

    [Theory]
    [InlineData("grid")]
    [InlineData("ingolstadt1")]
    [InlineData("ingolstadt7")]
    public void Under_random_control_no_two_foe_links_are_ever_active_together(string network)
    {
        var path = network == "grid" ? grid.NetFile : TestData.Scenario(network, "net.xml");
        var signals = SumoSignalImporter.ImportAll(SumoNet.Load(path));
        Assert.NotEmpty(signals);
        var random = new Random(12345);
        foreach (var signal in signals)
        {
            var x = signal.Intersection;
            var programme = SumoNet.Load(path).TlLogics.First(t => t.Id == signal.TlsId);
            var allowed = AllowedTogether(programme);
            var controller = new SignalController(x);
            string? fault = null;
            controller.Faulted += v => fault = v.Message;
            var phasesSeen = new HashSet<int>();
            for (var tick = 0; tick < 20_000; tick++)
            {
                controller.Step();
                if (random.Next(20) == 0)
                {
                    controller.PlaceCall(x.Phases[random.Next(x.Phases.Count)].Id);
                }

                foreach (var p in x.Phases)
                {
                    if (controller.IsGreen(p.Id))
                    {
                        phasesSeen.Add(p.Id);
                        if (random.Next(30) == 0)
                        {
                            controller.ForceOff(p.Id);
                        }
                    }
                }

                var state = signal.BuildState(controller.Indications);
                Assert.Empty(signal.ConflictingActiveLinks(state));
                for (var a = 0; a < state.Length; a++)
                {
                    for (var b = a + 1; b < state.Length; b++)
                    {
                        if (IsActive(state[a]) && IsActive(state[b]) && !allowed[a, b] && signal.HardConflict(a, b))
                        {
                            Assert.Fail($"{network} {signal.TlsId} tick {tick}: links {a} and {b} active together in {state}");
                        }
                    }
                }
            }

            Assert.Null(fault);
            Assert.Equal(x.Phases.Count, phasesSeen.Count);
        }
    }

    [Theory]
    [InlineData("ingolstadt1")]
    [InlineData("ingolstadt7")]
    public void Every_foe_pair_of_the_real_maps_is_hard_or_run_together_by_the_programme(string network)
    {
        var net = SumoNet.Load(TestData.Scenario(network, "net.xml"));
        var signals = SumoSignalImporter.ImportAll(net);
        Assert.Equal(network == "ingolstadt1" ? 1 : 7, signals.Count);
        var hardPairs = 0;
        foreach (var signal in signals)
        {
            var allowed = AllowedTogether(net.TlLogics.First(t => t.Id == signal.TlsId));
            var n = signal.Links.Count;
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n; b++)
                {
                    if (signal.HardConflict(a, b))
                    {
                        hardPairs++;
                        Assert.False(allowed[a, b], $"{signal.TlsId}: links {a},{b} are hard foes but the programme shows them green together");
                    }
                }
            }

            // Two phases conflict exactly when a hard pair spans them.
            var x = signal.Intersection;
            foreach (var p in x.Phases)
            {
                foreach (var q in x.Phases.Where(q => q.Id != p.Id))
                {
                    var expected = signal.Links.Any(la => la.Groups.Contains(p.Id - 1)
                        && signal.Links.Any(lb => lb.Groups.Contains(q.Id - 1) && signal.HardConflict(la.Index, lb.Index)));
                    Assert.Equal(expected, x.Conflicts[p.Id - 1, q.Id - 1]);
                }
            }
        }

        Assert.True(hardPairs > 0);
    }

    /// <summary>Link pairs some green phase of the programme shows green together (so SUMO's own programme allows them).</summary>
    private static bool[,] AllowedTogether(SumoTlLogic programme)
    {
        var n = programme.Phases[0].State.Length;
        var allowed = new bool[n, n];
        foreach (var phase in programme.Phases)
        {
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    if (IsActive(phase.State[a]) && IsActive(phase.State[b]))
                    {
                        allowed[a, b] = true;
                    }
                }
            }
        }

        return allowed;
    }

    private static bool IsActive(char c) => c is 'G' or 'g' or 'y' or 'Y';
}
