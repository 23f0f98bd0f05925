namespace Traffic.Signals.Config.Generation;

/// <summary>
/// Builds the IntersectionDocument of each standard layout from a <see cref="LayoutSpec"/>. Every
/// template follows the agreed conflict rules (docs/config.md): a through movement never runs with
/// a crosswalk across its entry or exit leg; a turn that runs with pedestrians or with opposing
/// traffic is Permitted; phases that can run together (different rings, same barrier group) share no
/// hard conflict. Timings and conflicts are left to the loader's defaults. Roles (A, B, C, D) are
/// explained on <see cref="LayoutSpec"/>: A and C are the main street, B and D the side street, and
/// from A the left turn goes to B, the right turn to D.
/// </summary>
public static class LayoutTemplates
{
    public const string Nema8 = "nema8";
    public const string TwoPhase = "twophase";
    public const string Tee = "tee";
    public const string FiveLeg = "fiveleg";
    public const string OneWay = "oneway";
    public const string Midblock = "midblock";
    public const string Scramble = "scramble";

    /// <summary>Every layout name, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Nema8, TwoPhase, Tee, FiveLeg, OneWay, Midblock, Scramble];

    public static IntersectionDocument Build(string layout, LayoutSpec spec) => layout switch
    {
        Nema8 => BuildNema8(spec),
        TwoPhase => BuildTwoPhase(spec),
        Tee => BuildTee(spec),
        FiveLeg => BuildFiveLeg(spec),
        OneWay => BuildOneWay(spec),
        Midblock => BuildMidblock(spec),
        Scramble => BuildScramble(spec),
        _ => throw new ArgumentException($"unknown layout '{layout}'; expected one of {string.Join(", ", Names)}", nameof(layout)),
    };

    /// <summary>A network file holding one example intersection of a layout, no links, no corridors.</summary>
    public static NetworkDocument Example(string layout)
    {
        var spec = layout == Nema8
            ? LayoutSpec.Example("I001", "Example nema8", mainLanes: 3, sideLanes: 2) with
            {
                North = new LegSpec(0, 50, 2),
                South = new LegSpec(180, 50, 2),
            }
            : LayoutSpec.Example("I001", "Example " + layout);
        return new NetworkDocument
        {
            Name = "layout " + layout,
            Intersections = [Build(layout, spec)],
            Links = [],
            Corridors = [],
        };
    }

    /// <summary>
    /// Dual-ring eight-phase NEMA: protected lefts 1, 3, 5, 7, throughs 2, 4, 6, 8 (2 and 6 main street)
    /// with permitted right turns. Each through phase walks the crosswalk on its right-hand side (the
    /// one its own right turn crosses), because the opposing protected left, which runs with it, turns
    /// across the other one.
    /// </summary>
    public static IntersectionDocument BuildNema8(LayoutSpec spec)
    {
        var (a, b, c, d) = Roles.Of(spec);
        var t = new TemplateBuilder(spec, Nema8);
        foreach (var leg in new[] { a, b, c, d })
        {
            t.Leg(leg, PocketLanes(leg.Spec.Lanes), leg.Spec.Lanes);
        }

        var (xa, xb, xc, xd) = (t.Crosswalk(a), t.Crosswalk(b), t.Crosswalk(c), t.Crosswalk(d));
        t.Phase(1, Bound(c) + " left", [c.Move("L")]);
        t.Phase(2, Bound(a) + " through", [a.Move("T")], [a.Move("R")], [xd]);
        t.Phase(3, Bound(b) + " left", [b.Move("L")]);
        t.Phase(4, Bound(d) + " through", [d.Move("T")], [d.Move("R")], [xc]);
        t.Phase(5, Bound(a) + " left", [a.Move("L")]);
        t.Phase(6, Bound(c) + " through", [c.Move("T")], [c.Move("R")], [xb]);
        t.Phase(7, Bound(d) + " left", [d.Move("L")]);
        t.Phase(8, Bound(b) + " through", [b.Move("T")], [b.Move("R")], [xa]);
        t.Rings([[1, 2, 3, 4], [5, 6, 7, 8]], [[1, 2, 5, 6], [3, 4, 7, 8]]);
        t.RestGreen([2, 6], [2, 4, 6, 8]);
        t.StandardDetectors();
        return t.Build();
    }

    /// <summary>Two stages, permitted lefts: main street (2) with the side-street crosswalks, then side street (4) with the main-street crosswalks.</summary>
    public static IntersectionDocument BuildTwoPhase(LayoutSpec spec)
    {
        var (a, b, c, d) = Roles.Of(spec);
        var t = new TemplateBuilder(spec, TwoPhase);
        FourSharedLegs(t, a, b, c, d);
        var (xa, xb, xc, xd) = (t.Crosswalk(a), t.Crosswalk(b), t.Crosswalk(c), t.Crosswalk(d));
        StreetPhase(t, 2, "main street", a, c, [xb, xd]);
        StreetPhase(t, 4, "side street", b, d, [xa, xc]);
        t.Stages([[2], [4]]);
        t.RestGreen([2]);
        t.StandardDetectors();
        return t.Build();
    }

    /// <summary>
    /// Three legs, side street D. Ring 1: protected left C into the side street (1), through A with its
    /// right turn (2, walks the side-street crosswalk), side street (4, both turns permitted, walks both
    /// main-street crosswalks). Ring 2: through C (6), beside 1 and 2.
    /// </summary>
    public static IntersectionDocument BuildTee(LayoutSpec spec)
    {
        var (a, _, c, d) = Roles.Of(spec);
        var t = new TemplateBuilder(spec, Tee);
        t.Leg(a, SharedLanes(a.Spec.Lanes, left: false, right: true), a.Spec.Lanes);
        var cLanes = new List<string[]> { new[] { "L" } };
        cLanes.AddRange(Enumerable.Repeat(new[] { "T" }, c.Spec.Lanes));
        t.Leg(c, cLanes, c.Spec.Lanes);
        t.Leg(d, d.Spec.Lanes == 1 ? [["L", "R"]] : [["L"], ["R"]], Math.Min(d.Spec.Lanes, 2));
        var (xa, xc, xd) = (t.Crosswalk(a), t.Crosswalk(c), t.Crosswalk(d));
        t.Phase(1, Bound(c) + " left", [c.Move("L")]);
        t.Phase(2, Bound(a) + " through", [a.Move("T")], [a.Move("R")], [xd]);
        t.Phase(4, "side street", [], [d.Move("L"), d.Move("R")], [xa, xc]);
        t.Phase(6, Bound(c) + " through", [c.Move("T")]);
        t.Rings([[1, 2, 4], [6]], [[1, 2, 6], [4]]);
        t.RestGreen([2, 6], [2, 6]);
        t.StandardDetectors();
        return t.Build();
    }

    /// <summary>
    /// Four legs and a diagonal X (60 degrees clockwise from B). Stages: main street (2, walks the side
    /// and diagonal crosswalks), diagonal approach alone (3), side street (4, walks the main-street
    /// crosswalks). The diagonal road has no turns from or to the other legs' left and right.
    /// </summary>
    public static IntersectionDocument BuildFiveLeg(LayoutSpec spec)
    {
        var roles = Roles.Of(spec);
        var (a, b, c, d) = roles;
        var x = roles.Diagonal(spec);
        var t = new TemplateBuilder(spec, FiveLeg);
        FourSharedLegs(t, a, b, c, d);
        t.Leg(x, SharedLanes(x.Spec.Lanes, left: true, right: true), x.Spec.Lanes);
        var (xa, xb, xc, xd, xx) = (t.Crosswalk(a), t.Crosswalk(b), t.Crosswalk(c), t.Crosswalk(d), t.Crosswalk(x));
        StreetPhase(t, 2, "main street", a, c, [xb, xd, xx]);
        t.Phase(3, Bound(x), [x.Move("L"), x.Move("T"), x.Move("R")]);
        StreetPhase(t, 4, "side street", b, d, [xa, xc]);
        t.Stages([[2], [3], [4]]);
        t.RestGreen([2]);
        t.StandardDetectors();
        return t.Build();
    }

    /// <summary>
    /// Two one-way streets: the main street flows A to C, the side street B to D. Stage 2: main through
    /// and permitted right, walks across B and D; stage 4: side through and permitted left, walks across A and C.
    /// </summary>
    public static IntersectionDocument BuildOneWay(LayoutSpec spec)
    {
        var (a, b, c, d) = Roles.Of(spec);
        var t = new TemplateBuilder(spec, OneWay);
        t.Leg(a, SharedLanes(a.Spec.Lanes, left: false, right: true), 0);
        t.Leg(b, SharedLanes(b.Spec.Lanes, left: true, right: false), 0);
        t.Leg(c, [], a.Spec.Lanes);
        t.Leg(d, [], b.Spec.Lanes);
        var (xa, xb, xc, xd) = (t.Crosswalk(a), t.Crosswalk(b), t.Crosswalk(c), t.Crosswalk(d));
        t.Phase(2, Bound(a) + " one-way", [a.Move("T")], [a.Move("R")], [xb, xd]);
        t.Phase(4, Bound(b) + " one-way", [b.Move("T")], [b.Move("L")], [xa, xc]);
        t.Stages([[2], [4]]);
        t.RestGreen([2]);
        t.StandardDetectors();
        return t.Build();
    }

    /// <summary>Mid-block pedestrian crossing on legs A and C: vehicles (2) and a pedestrian-only phase (4).</summary>
    public static IntersectionDocument BuildMidblock(LayoutSpec spec)
    {
        var (a, _, c, _) = Roles.Of(spec);
        var t = new TemplateBuilder(spec, Midblock);
        t.Leg(a, ThroughLanes(a.Spec.Lanes), c.Spec.Lanes);
        t.Leg(c, ThroughLanes(c.Spec.Lanes), a.Spec.Lanes);
        var xc = t.Crosswalk(c);
        t.Phase(2, "vehicles", [a.Move("T"), c.Move("T")]);
        t.Phase(4, "pedestrian crossing", [], walks: [xc]);
        t.Stages([[2], [4]]);
        t.RestGreen([2]);
        t.StandardDetectors();
        return t.Build();
    }

    /// <summary>Pedestrian scramble: main street (2) and side street (4) with permitted turns and no walks, then every crosswalk, diagonals too (9).</summary>
    public static IntersectionDocument BuildScramble(LayoutSpec spec)
    {
        var (a, b, c, d) = Roles.Of(spec);
        var t = new TemplateBuilder(spec, Scramble);
        FourSharedLegs(t, a, b, c, d);
        string[] walks = [t.Crosswalk(a), t.Crosswalk(b), t.Crosswalk(c), t.Crosswalk(d), t.DiagonalCrosswalk("XD1", a, b), t.DiagonalCrosswalk("XD2", b, c)];
        StreetPhase(t, 2, "main street", a, c, []);
        StreetPhase(t, 4, "side street", b, d, []);
        t.Phase(9, "pedestrian scramble", [], walks: walks);
        t.Stages([[2], [4], [9]]);
        t.RestGreen([2]);
        t.StandardDetectors();
        return t.Build();
    }

    /// <summary>Both directions of one street: throughs protected, lefts and rights permitted.</summary>
    private static void StreetPhase(TemplateBuilder t, int id, string name, RoleLeg one, RoleLeg other, string[] walks) =>
        t.Phase(
            id,
            name,
            [one.Move("T"), other.Move("T")],
            [one.Move("L"), other.Move("L"), one.Move("R"), other.Move("R")],
            walks);

    private static void FourSharedLegs(TemplateBuilder t, RoleLeg a, RoleLeg b, RoleLeg c, RoleLeg d)
    {
        foreach (var leg in new[] { a, b, c, d })
        {
            t.Leg(leg, SharedLanes(leg.Spec.Lanes, left: true, right: true), leg.Spec.Lanes);
        }
    }

    /// <summary>A left-turn pocket, then the through lanes, the kerb lane shared with the right turn.</summary>
    private static List<string[]> PocketLanes(int throughLanes)
    {
        var lanes = new List<string[]> { new[] { "L" } };
        lanes.AddRange(SharedLanes(throughLanes, left: false, right: true));
        return lanes;
    }

    /// <summary>Through lanes; the median lane shares the left turn, the kerb lane the right turn.</summary>
    private static List<string[]> SharedLanes(int lanes, bool left, bool right)
    {
        var list = new List<string[]>();
        for (var i = 0; i < lanes; i++)
        {
            var moves = new List<string>();
            if (left && i == 0)
            {
                moves.Add("L");
            }

            moves.Add("T");
            if (right && i == lanes - 1)
            {
                moves.Add("R");
            }

            list.Add([.. moves]);
        }

        return list;
    }

    private static List<string[]> ThroughLanes(int lanes) => SharedLanes(lanes, left: false, right: false);

    /// <summary>Direction of travel of traffic entering from a leg: from the west leg it is eastbound.</summary>
    private static string Bound(RoleLeg leg) => leg.Id switch
    {
        "N" => "southbound",
        "E" => "westbound",
        "S" => "northbound",
        "W" => "eastbound",
        _ => leg.Id + " approach",
    };
}
