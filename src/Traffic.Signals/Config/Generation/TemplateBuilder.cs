namespace Traffic.Signals.Config.Generation;

/// <summary>Collects the parts of one IntersectionDocument for a template.</summary>
internal sealed class TemplateBuilder
{
    private const double AdvanceDetectorM = 60;

    private readonly IntersectionDocument doc;
    private readonly List<LegDocument> legs = [];
    private readonly List<CrosswalkDocument> crosswalks = [];
    private readonly List<PhaseDocument> phases = [];

    public TemplateBuilder(LayoutSpec spec, string layout)
    {
        doc = new IntersectionDocument
        {
            Id = spec.Id,
            Name = spec.Name,
            Layout = layout,
            Position = new PositionDocument { X = Math.Round(spec.X, 1), Y = Math.Round(spec.Y, 1) },
        };
    }

    /// <summary>Adds a leg; <paramref name="lanes"/> lists approach lanes left to right (empty = one-way out).</summary>
    public void Leg(RoleLeg leg, IReadOnlyList<string[]> lanes, int outboundLanes)
    {
        legs.Add(new LegDocument
        {
            Id = leg.Id,
            Bearing = Math.Round(Bearing.Normalize(leg.Spec.BearingDeg), 1),
            SpeedLimitKmh = leg.Spec.SpeedKmh,
            GradePercent = leg.Spec.GradePercent == 0 ? null : leg.Spec.GradePercent,
            Lanes = lanes.Count == 0 ? null : lanes.Select(l => new LaneDocument { Movements = [.. l] }).ToList(),
            OutboundLanes = outboundLanes,
        });
    }

    /// <summary>A crosswalk across a leg already added: (approach + outbound lanes) * 3.5 m + 1 m.</summary>
    public string Crosswalk(RoleLeg leg)
    {
        var legDoc = legs.Single(l => l.Id == leg.Id);
        var lanes = (legDoc.Lanes?.Count ?? 0) + (legDoc.OutboundLanes ?? 0);
        var id = "X" + leg.Id;
        crosswalks.Add(new CrosswalkDocument { Id = id, Leg = leg.Id, LengthM = CrosswalkLength(lanes) });
        return id;
    }

    /// <summary>A diagonal (scramble) crosswalk from the corner between two legs to the opposite corner.</summary>
    public string DiagonalCrosswalk(string id, RoleLeg first, RoleLeg second)
    {
        var w1 = CarriagewayM(first.Id);
        var w2 = CarriagewayM(second.Id);
        crosswalks.Add(new CrosswalkDocument { Id = id, Diagonal = true, LengthM = Math.Round(Math.Sqrt((w1 * w1) + (w2 * w2)) + 1, 1) });
        return id;
    }

    public void Phase(int id, string name, string[] protectedMoves, string[]? permitted = null, string[]? walks = null)
    {
        phases.Add(new PhaseDocument
        {
            Id = id,
            Name = name,
            Protected = protectedMoves.Length == 0 ? null : [.. protectedMoves],
            Permitted = permitted is null || permitted.Length == 0 ? null : [.. permitted],
            Crosswalks = walks is null || walks.Length == 0 ? null : [.. walks],
        });
    }

    public void Rings(List<List<int>> rings, List<List<int>> barriers)
    {
        doc.Rings = rings;
        doc.Barriers = barriers;
    }

    public void Stages(List<List<int>> stages) => doc.Stages = stages;

    public void RestGreen(List<int> restPhases, List<int>? dualEntry = null) =>
        doc.Controller = new ControllerDocument { Rest = "green", RestPhases = restPhases, DualEntry = dualEntry };

    /// <summary>
    /// For every leg with approach lanes: a stop-bar detector per lane group (consecutive lanes that are
    /// all left-only, all right-only, or carry through traffic), an advance detector 60 m upstream over
    /// the through lanes, and one CCTV zone over the whole approach. Phases are left to the loader.
    /// </summary>
    public void StandardDetectors()
    {
        var detectors = new List<DetectorDocument>();
        foreach (var leg in legs)
        {
            if (leg.Lanes is null)
            {
                continue;
            }

            var groupStart = 0;
            for (var i = 1; i <= leg.Lanes.Count; i++)
            {
                if (i == leg.Lanes.Count || GroupKey(leg.Lanes[i]) != GroupKey(leg.Lanes[groupStart]))
                {
                    detectors.Add(new DetectorDocument
                    {
                        Id = $"SB-{leg.Id}-{GroupKey(leg.Lanes[groupStart])}",
                        Kind = "stopbar",
                        Leg = leg.Id,
                        Lanes = LaneNumbers(groupStart, i),
                        DistanceM = 0,
                    });
                    groupStart = i;
                }
            }

            var through = new List<int>();
            for (var i = 0; i < leg.Lanes.Count; i++)
            {
                if (leg.Lanes[i].Movements!.Contains("T"))
                {
                    through.Add(i + 1);
                }
            }

            if (through.Count > 0)
            {
                detectors.Add(new DetectorDocument { Id = $"AD-{leg.Id}", Kind = "advance", Leg = leg.Id, Lanes = through, DistanceM = AdvanceDetectorM });
            }

            detectors.Add(new DetectorDocument { Id = $"CCTV-{leg.Id}", Kind = "cctv", Leg = leg.Id });
        }

        doc.Detectors = detectors;
    }

    public IntersectionDocument Build()
    {
        doc.Legs = [.. legs.OrderBy(l => l.Bearing!.Value)];
        doc.Crosswalks = crosswalks;
        doc.Phases = [.. phases.OrderBy(p => p.Id!.Value)];
        return doc;
    }

    private static double CrosswalkLength(int lanes) => Math.Round((lanes * Geometry.Constants.LaneWidthM) + 1, 1);

    private double CarriagewayM(string legId)
    {
        var legDoc = legs.Single(l => l.Id == legId);
        return ((legDoc.Lanes?.Count ?? 0) + (legDoc.OutboundLanes ?? 0)) * Geometry.Constants.LaneWidthM;
    }

    private static string GroupKey(LaneDocument lane)
    {
        var moves = lane.Movements!;
        if (moves.Contains("T"))
        {
            return "T";
        }

        return moves.Count == 1 ? moves[0] : string.Join(string.Empty, moves);
    }

    private static List<int> LaneNumbers(int from, int toExclusive)
    {
        var list = new List<int>();
        for (var i = from; i < toExclusive; i++)
        {
            list.Add(i + 1);
        }

        return list;
    }
}
