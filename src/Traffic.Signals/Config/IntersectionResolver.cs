using System.Globalization;
using Traffic.Signals.Geometry;
using Traffic.Signals.Model;

namespace Traffic.Signals.Config;

/// <summary>
/// Turns one <see cref="IntersectionDocument"/> into a validated <see cref="Intersection"/>, reporting
/// every error it finds (it carries on past errors, skipping only what depends on a broken element).
/// </summary>
internal sealed partial class IntersectionResolver
{
    public const double MinLegSeparationDeg = 10.0;

    private readonly ErrorSink errors;
    private readonly IntersectionDocument doc;
    private readonly string path;
    private readonly Dictionary<string, Leg> legs = new(StringComparer.Ordinal);
    private readonly List<Leg> legOrder = [];
    private readonly List<Lane> lanes = [];
    private readonly Dictionary<string, Movement> movements = new(StringComparer.Ordinal);
    private readonly List<string> movementOrder = [];
    private readonly Dictionary<string, string> movementPaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> laneCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Crosswalk> crosswalks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> crosswalkPaths = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, Phase> phases = [];

    // Elements that exist but have their own errors: references to them are not reported again.
    private readonly HashSet<string> brokenMovements = new(StringComparer.Ordinal);
    private readonly HashSet<string> brokenCrosswalks = new(StringComparer.Ordinal);

    /// <summary>Set when a leg's id or bearing is broken: exits cannot be resolved, so movement checks are skipped.</summary>
    private bool geometryIncomplete;
    private readonly Dictionary<int, string> phasePaths = [];

    public IntersectionResolver(ErrorSink errors, IntersectionDocument doc, string path)
    {
        this.errors = errors;
        this.doc = doc;
        this.path = path;
    }

    public Intersection? Resolve()
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(doc.Id))
        {
            errors.Missing(At("id"));
        }

        ResolveLegs();
        ResolveCrosswalks();
        ResolvePhases();
        var structure = ResolveStructure();
        var analysis = ResolveConflicts(structure);
        var overlaps = ResolveOverlaps(structure, ref analysis);
        var detectors = ResolveDetectors();
        var options = ResolveController(structure);

        if (errors.Count > before || structure is null || analysis is null)
        {
            return null;
        }

        var resolvedMovements = movementOrder.ConvertAll(id => movements[id] with { Lanes = laneCounts[id] });
        return new Intersection(
            doc.Id!,
            doc.Name ?? doc.Id!,
            doc.Position?.X ?? 0,
            doc.Position?.Y ?? 0,
            legOrder,
            lanes,
            resolvedMovements,
            [.. crosswalks.Values],
            [.. phases.Values],
            structure,
            analysis.Groups,
            analysis.Matrix,
            detectors,
            options)
        {
            Layout = doc.Layout ?? string.Empty,
            Overlaps = overlaps,
        };
    }

    private string At(string field) => ErrorSink.Field(path, field);

    private static bool ValidId(string id) => id.Length is > 0 and <= 16 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private void ResolveLegs()
    {
        if (doc.Legs is null)
        {
            errors.Missing(At("legs"));
            return;
        }

        if (doc.Legs.Count < 2)
        {
            errors.Add(At("legs"), string.Create(CultureInfo.InvariantCulture, $"an intersection needs at least 2 legs, found {doc.Legs.Count}"));
        }

        var accepted = new List<(Leg Leg, LegDocument Doc, string Path)>();
        for (var i = 0; i < doc.Legs.Count; i++)
        {
            var l = doc.Legs[i];
            var lp = ErrorSink.Item(path, "legs", i, l.Id);
            var ok = CheckId(l.Id, lp, "leg", legs.ContainsKey);
            ok &= Range(l.Bearing, ErrorSink.Field(lp, "bearing"), 0, 360, "degrees", required: true);
            var inbound = l.Lanes?.Count ?? 0;
            var outbound = l.OutboundLanes ?? Math.Max(1, inbound);
            ok &= Range(outbound, ErrorSink.Field(lp, "outboundLanes"), 0, 10, "lanes", required: false);
            if (inbound + outbound == 0)
            {
                errors.Add(lp, "leg has neither approach lanes nor outbound lanes");
                ok = false;
            }

            // A bad speed or grade does not break the geometry: carry on with a placeholder so that
            // later checks still run (the intersection is rejected anyway).
            var speedOk = Range(l.SpeedLimitKmh, ErrorSink.Field(lp, "speedLimitKmh"), 20, 120, "km/h", required: true);
            var gradeOk = Range(l.GradePercent, ErrorSink.Field(lp, "gradePercent"), -10, 10, "%", required: false);
            geometryIncomplete |= !ok;
            if (ok)
            {
                var leg = new Leg(l.Id!, TurnGeometry.Normalize(l.Bearing!.Value), speedOk ? l.SpeedLimitKmh!.Value : 50, gradeOk ? l.GradePercent ?? 0 : 0, inbound, outbound);
                legs.Add(leg.Id, leg);
                legOrder.Add(leg);
                accepted.Add((leg, l, lp));
            }
        }

        for (var i = 0; i < accepted.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var gap = Math.Abs(TurnGeometry.Normalize(accepted[i].Leg.BearingDeg - accepted[j].Leg.BearingDeg + 180) - 180);
                if (gap < MinLegSeparationDeg)
                {
                    errors.Add(ErrorSink.Field(accepted[i].Path, "bearing"), string.Create(CultureInfo.InvariantCulture,
                        $"bearing {accepted[i].Leg.BearingDeg:0.#} is within {MinLegSeparationDeg:0} degrees of leg {accepted[j].Leg.Id} ({accepted[j].Leg.BearingDeg:0.#})"));
                }
            }
        }

        if (geometryIncomplete)
        {
            return;
        }

        foreach (var (leg, l, lp) in accepted)
        {
            for (var j = 0; j < (l.Lanes?.Count ?? 0); j++)
            {
                ResolveLane(leg, l.Lanes![j], ErrorSink.Item(lp, "lanes", j), j + 1);
            }
        }
    }

    private void ResolveLane(Leg leg, LaneDocument lane, string lanePath, int index)
    {
        var ids = new List<string>();
        if (lane.Movements is null || lane.Movements.Count == 0)
        {
            errors.Add(ErrorSink.Field(lanePath, "movements"), "a lane needs at least one movement (L, T, R, U or T:EXITLEG)");
        }

        for (var k = 0; k < (lane.Movements?.Count ?? 0); k++)
        {
            var code = lane.Movements![k];
            var mp = string.Create(CultureInfo.InvariantCulture, $"{lanePath}.movements[{k}]");
            var movement = ResolveMovement(leg, code, mp);
            if (movement is null)
            {
                brokenMovements.Add($"{leg.Id}.{code}");
                continue;
            }

            if (ids.Contains(movement.Id))
            {
                errors.Add(mp, $"{movement.Id} is listed twice in this lane");
                continue;
            }

            ids.Add(movement.Id);
            if (movements.ContainsKey(movement.Id))
            {
                laneCounts[movement.Id]++;
                continue;
            }

            var samePath = movements.Values.FirstOrDefault(m => m.FromLeg == movement.FromLeg && m.ToLeg == movement.ToLeg);
            if (samePath is not null)
            {
                errors.Add(mp, $"{movement.Id} is the same path as {samePath.Id} ({movement.FromLeg} to {movement.ToLeg})");
                continue;
            }

            movements.Add(movement.Id, movement);
            movementOrder.Add(movement.Id);
            movementPaths.Add(movement.Id, mp);
            laneCounts.Add(movement.Id, 1);
        }

        lanes.Add(new Lane(leg.Id, index, ids));
    }

    private Movement? ResolveMovement(Leg from, string code, string at)
    {
        var parts = code.Split(':');
        var turn = parts.Length <= 2 ? TurnGeometry.Parse(parts[0]) : null;
        if (turn is null)
        {
            errors.Add(at, $"unknown movement \"{code}\" (expected L, T, R, U, or a turn with an explicit exit leg such as T:NE)");
            return null;
        }

        var name = TurnName(turn.Value);
        Leg? exit;
        if (parts.Length == 2)
        {
            if (!legs.TryGetValue(parts[1], out exit))
            {
                errors.Add(at, $"unknown exit leg \"{parts[1]}\" in \"{code}\"");
                return null;
            }

            if (!TurnGeometry.Fits(turn.Value, from, exit))
            {
                errors.Add(at, string.Create(CultureInfo.InvariantCulture,
                    $"leg {exit.Id} is not a {name} from leg {from.Id} (turn angle {TurnGeometry.TurnAngle(from.BearingDeg, exit.BearingDeg):0.#} degrees)"));
                return null;
            }
        }
        else
        {
            exit = TurnGeometry.ResolveExit(legOrder, from, turn.Value);
            if (exit is null)
            {
                var (_, lo, hi) = TurnGeometry.Window(turn.Value);
                errors.Add(at, string.Create(CultureInfo.InvariantCulture,
                    $"no leg for a {name} from leg {from.Id}: no leg at a turn angle of {lo:0}..{hi:0} degrees"));
                return null;
            }
        }

        if (exit.OutboundLanes == 0)
        {
            errors.Add(at, $"{name} from leg {from.Id} would exit to leg {exit.Id}, which has no outbound lanes (one-way towards the intersection)");
            return null;
        }

        return new Movement($"{from.Id}.{code}", from.Id, exit.Id, turn.Value, 0);
    }

    private static string TurnName(Turn turn) => turn switch
    {
        Turn.Left => "left turn",
        Turn.Right => "right turn",
        Turn.Through => "through movement",
        _ => "U-turn",
    };

    private void ResolveCrosswalks()
    {
        for (var i = 0; i < (doc.Crosswalks?.Count ?? 0); i++)
        {
            var c = doc.Crosswalks![i];
            var cp = ErrorSink.Item(path, "crosswalks", i, c.Id);
            var ok = CheckId(c.Id, cp, "crosswalk", crosswalks.ContainsKey);
            ok &= Range(c.LengthM, ErrorSink.Field(cp, "lengthM"), 2, 100, "m", required: true);
            if (c.Diagonal && c.Leg is not null)
            {
                errors.Add(cp, "give either leg or diagonal: true, not both");
                ok = false;
            }
            else if (!c.Diagonal && c.Leg is null)
            {
                errors.Add(ErrorSink.Field(cp, "leg"), "is required (the leg it crosses), or set diagonal: true");
                ok = false;
            }
            else if (c.Leg is not null && !legs.ContainsKey(c.Leg))
            {
                if (!geometryIncomplete)
                {
                    errors.Add(ErrorSink.Field(cp, "leg"), $"unknown leg \"{c.Leg}\"{Known(legs.Keys)}");
                }

                ok = false;
            }

            if (!ok && c.Id is not null && !crosswalks.ContainsKey(c.Id))
            {
                brokenCrosswalks.Add(c.Id);
            }

            if (ok)
            {
                crosswalks.Add(c.Id!, new Crosswalk(c.Id!, c.Leg, c.LengthM!.Value, c.Diagonal));
                crosswalkPaths.Add(c.Id!, cp);
            }
        }
    }

    private void ResolvePhases()
    {
        if (doc.Phases is null || doc.Phases.Count == 0)
        {
            errors.Add(At("phases"), "at least one phase is required");
            return;
        }

        var timing = new PhaseTimingResolver(errors, legs, movements, crosswalks);
        for (var i = 0; i < doc.Phases.Count; i++)
        {
            var p = doc.Phases[i];
            var pp = ErrorSink.Item(path, "phases", i, ErrorSink.PhaseLabel(p.Id));
            var ok = true;
            if (p.Id is null)
            {
                errors.Missing(ErrorSink.Field(pp, "id"));
                ok = false;
            }
            else if (p.Id is < 1 or > 16)
            {
                errors.Add(ErrorSink.Field(pp, "id"), string.Create(CultureInfo.InvariantCulture, $"phase id {p.Id} is outside 1..16"));
                ok = false;
            }
            else if (phases.ContainsKey(p.Id.Value) || phasePaths.ContainsKey(p.Id.Value))
            {
                errors.Add(ErrorSink.Field(pp, "id"), string.Create(CultureInfo.InvariantCulture, $"duplicate phase id {p.Id}"));
                ok = false;
            }

            var served = new List<PhaseMovement>();
            ServedMovements(p.Protected, MovementMode.Protected, ErrorSink.Field(pp, "protected"), served);
            ServedMovements(p.Permitted, MovementMode.Permitted, ErrorSink.Field(pp, "permitted"), served);
            var walks = new List<string>();
            for (var k = 0; k < (p.Crosswalks?.Count ?? 0); k++)
            {
                var c = p.Crosswalks![k];
                var at = string.Create(CultureInfo.InvariantCulture, $"{pp}.crosswalks[{k}]");
                if (brokenCrosswalks.Contains(c) && !crosswalks.ContainsKey(c))
                {
                    continue;
                }

                if (!crosswalks.ContainsKey(c))
                {
                    errors.Add(at, $"unknown crosswalk \"{c}\"{Known(crosswalks.Keys)}");
                }
                else if (walks.Contains(c))
                {
                    errors.Add(at, $"crosswalk {c} is listed twice");
                }
                else
                {
                    walks.Add(c);
                }
            }

            if ((p.Protected?.Count ?? 0) + (p.Permitted?.Count ?? 0) + (p.Crosswalks?.Count ?? 0) == 0)
            {
                errors.Add(pp, "phase serves no movement and no crosswalk");
                ok = false;
            }

            var timings = timing.Resolve(p, pp, served, walks);
            if (p.Id is { } id)
            {
                phasePaths.TryAdd(id, pp);
            }

            if (ok)
            {
                phases.Add(p.Id!.Value, new Phase(p.Id.Value, p.Name ?? $"Phase {p.Id}", served, walks, timings));
            }
        }

        if (geometryIncomplete)
        {
            return;
        }

        var inOverlaps = (doc.Overlaps ?? []).SelectMany(o => (o?.Movements ?? []).Concat(o?.Permitted ?? [])).ToHashSet(StringComparer.Ordinal);
        foreach (var id in movementOrder.Where(m => !inOverlaps.Contains(m) && !phases.Values.Any(p => p.Movements.Any(x => x.MovementId == m))))
        {
            errors.Add(movementPaths[id], $"movement {id} is served by no phase or overlap");
        }

        foreach (var id in crosswalks.Keys.Where(c => !phases.Values.Any(p => p.Crosswalks.Contains(c))))
        {
            errors.Add(crosswalkPaths[id], $"crosswalk {id} walks with no phase");
        }
    }

    private void ServedMovements(List<string>? ids, MovementMode mode, string listPath, List<PhaseMovement> served)
    {
        for (var k = 0; k < (ids?.Count ?? 0); k++)
        {
            var id = ids![k];
            var at = string.Create(CultureInfo.InvariantCulture, $"{listPath}[{k}]");
            if (!movements.ContainsKey(id) && (geometryIncomplete || brokenMovements.Contains(id)))
            {
                continue;
            }

            if (!movements.ContainsKey(id))
            {
                var leg = id.Split('.')[0];
                var hint = legs.ContainsKey(leg)
                    ? $" (leg {leg} has {string.Join(", ", movementOrder.Where(m => movements[m].FromLeg == leg).DefaultIfEmpty("no movements"))})"
                    : Known(legs.Keys, "legs");
                errors.Add(at, $"unknown movement \"{id}\"{hint}");
            }
            else if (served.Exists(m => m.MovementId == id))
            {
                errors.Add(at, $"movement {id} is listed twice in this phase (protected and permitted are exclusive)");
            }
            else
            {
                served.Add(new PhaseMovement(id, mode));
            }
        }
    }

    private bool CheckId(string? id, string itemPath, string what, Func<string, bool> exists)
    {
        var at = ErrorSink.Field(itemPath, "id");
        if (id is null)
        {
            errors.Missing(at);
            return false;
        }

        if (!ValidId(id))
        {
            errors.Add(at, $"{what} id \"{id}\" must be 1 to 16 letters, digits, '_' or '-'");
            return false;
        }

        if (exists(id))
        {
            errors.Add(at, $"duplicate {what} id \"{id}\"");
            return false;
        }

        return true;
    }

    private bool Range(double? value, string at, double min, double max, string unit, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Missing(at);
            }

            return !required;
        }

        if (double.IsNaN(value.Value) || value < min || value > max)
        {
            errors.Add(at, string.Create(CultureInfo.InvariantCulture, $"{value:0.###} is outside {min:0.###}..{max:0.###} {unit}"));
            return false;
        }

        return true;
    }

    private static string Known(IEnumerable<string> ids, string what = "known") =>
        ids.Any() ? $" ({what}: {string.Join(", ", ids)})" : string.Empty;
}
