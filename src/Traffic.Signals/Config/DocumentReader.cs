using System.Globalization;
using System.Text.Json;

namespace Traffic.Signals.Config;

/// <summary>
/// Reads network JSON into <see cref="NetworkDocument"/> through <see cref="JsonDocument"/>, so that
/// it can report every unknown property (typos such as "minGren") and every value of the wrong type,
/// with its element path, instead of stopping at the first. Values with errors are left null; range
/// and reference checks are done later by the resolver.
/// </summary>
internal sealed class DocumentReader(ErrorSink errors)
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public NetworkDocument? Read(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            message = "JSON syntax error: " + (cut > 0 ? message[..cut] : message);
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}"), message);
            return null;
        }

        using (doc)
        {
            return Network(doc.RootElement);
        }
    }

    private NetworkDocument? Network(JsonElement e)
    {
        var o = Open(e, string.Empty, "schemaVersion", "name", "intersections", "links", "corridors");
        if (o is null)
        {
            return null;
        }

        var version = o.Int("schemaVersion");
        if (version is null && !o.Has("schemaVersion"))
        {
            errors.Missing("schemaVersion");
        }

        return new NetworkDocument
        {
            SchemaVersion = version ?? 0,
            Name = o.Str("name"),
            Intersections = o.List("intersections", Intersection),
            Links = o.List("links", Link),
            Corridors = o.List("corridors", Corridor),
        };
    }

    private IntersectionDocument? Intersection(JsonElement e, string collectionPath, int index)
    {
        var o = Open(e, ErrorSink.Item(collectionPath, "intersections", index, PeekString(e, "id")),
            "id", "name", "layout", "position", "legs", "crosswalks", "phases", "rings", "barriers", "stages", "conflicts", "detectors", "controller", "overlaps");
        if (o is null)
        {
            return null;
        }

        return new IntersectionDocument
        {
            Id = o.Str("id"),
            Name = o.Str("name"),
            Layout = o.Str("layout"),
            Position = o.Object("position", Position),
            Legs = o.List("legs", (x, p, i) => Leg(x, p, i)),
            Crosswalks = o.List("crosswalks", (x, p, i) => Crosswalk(x, p, i)),
            Phases = o.List("phases", (x, p, i) => Phase(x, p, i)),
            Rings = o.IntLists("rings"),
            Barriers = o.IntLists("barriers"),
            Stages = o.IntLists("stages"),
            Conflicts = o.IntLists("conflicts"),
            Detectors = o.List("detectors", (x, p, i) => Detector(x, p, i)),
            Controller = o.Object("controller", Controller),
            Overlaps = o.List("overlaps", (x, p, i) => Overlap(x, p, i)),
        };
    }

    private OverlapDocument? Overlap(JsonElement e, string parent, int index)
    {
        var o = Open(e, ErrorSink.Item(parent, "overlaps", index, PeekString(e, "id")),
            "id", "name", "movements", "permitted", "parents", "minGreen", "yellow", "redClearance");
        if (o is null)
        {
            return null;
        }

        return new OverlapDocument
        {
            Id = o.Str("id"),
            Name = o.Str("name"),
            Movements = o.Strings("movements"),
            Permitted = o.Strings("permitted"),
            Parents = o.Ints("parents"),
            MinGreen = o.Num("minGreen"),
            Yellow = o.Num("yellow"),
            RedClearance = o.Num("redClearance"),
        };
    }

    private PositionDocument? Position(JsonElement e, string path)
    {
        var o = Open(e, path, "x", "y");
        return o is null ? null : new PositionDocument { X = o.Num("x") ?? 0, Y = o.Num("y") ?? 0 };
    }

    private LegDocument? Leg(JsonElement e, string parent, int index)
    {
        var o = Open(e, ErrorSink.Item(parent, "legs", index, PeekString(e, "id")), "id", "bearing", "speedLimitKmh", "gradePercent", "lanes", "outboundLanes");
        if (o is null)
        {
            return null;
        }

        return new LegDocument
        {
            Id = o.Str("id"),
            Bearing = o.Num("bearing"),
            SpeedLimitKmh = o.Num("speedLimitKmh"),
            GradePercent = o.Num("gradePercent"),
            Lanes = o.List("lanes", (x, p, i) => Lane(x, ErrorSink.Item(p, "lanes", i))),
            OutboundLanes = o.Int("outboundLanes"),
        };
    }

    private LaneDocument? Lane(JsonElement e, string path)
    {
        var o = Open(e, path, "movements");
        return o is null ? null : new LaneDocument { Movements = o.Strings("movements") };
    }

    private CrosswalkDocument? Crosswalk(JsonElement e, string parent, int index)
    {
        var o = Open(e, ErrorSink.Item(parent, "crosswalks", index, PeekString(e, "id")), "id", "leg", "lengthM", "diagonal");
        if (o is null)
        {
            return null;
        }

        return new CrosswalkDocument { Id = o.Str("id"), Leg = o.Str("leg"), LengthM = o.Num("lengthM"), Diagonal = o.Bool("diagonal") ?? false };
    }

    private PhaseDocument? Phase(JsonElement e, string parent, int index)
    {
        var o = Open(e, ErrorSink.Item(parent, "phases", index, ErrorSink.PhaseLabel(PeekInt(e, "id"))),
            "id", "name", "protected", "permitted", "crosswalks", "minGreen", "maxGreen", "yellow", "redClearance", "walk", "pedClearance", "passage");
        if (o is null)
        {
            return null;
        }

        return new PhaseDocument
        {
            Id = o.Int("id"),
            Name = o.Str("name"),
            Protected = o.Strings("protected"),
            Permitted = o.Strings("permitted"),
            Crosswalks = o.Strings("crosswalks"),
            MinGreen = o.Num("minGreen"),
            MaxGreen = o.Num("maxGreen"),
            Yellow = o.Num("yellow"),
            RedClearance = o.Num("redClearance"),
            Walk = o.Num("walk"),
            PedClearance = o.Num("pedClearance"),
            Passage = o.Num("passage"),
        };
    }

    private DetectorDocument? Detector(JsonElement e, string parent, int index)
    {
        var o = Open(e, ErrorSink.Item(parent, "detectors", index, PeekString(e, "id")), "id", "kind", "leg", "lanes", "distanceM", "phases");
        if (o is null)
        {
            return null;
        }

        return new DetectorDocument
        {
            Id = o.Str("id"),
            Kind = o.Str("kind"),
            Leg = o.Str("leg"),
            Lanes = o.Ints("lanes"),
            DistanceM = o.Num("distanceM"),
            Phases = o.Ints("phases"),
        };
    }

    private ControllerDocument? Controller(JsonElement e, string path)
    {
        var o = Open(e, path, "rest", "restPhases", "dualEntry", "allowWalkTruncationOnPreempt", "startupAllRedSeconds");
        if (o is null)
        {
            return null;
        }

        return new ControllerDocument
        {
            Rest = o.Str("rest"),
            RestPhases = o.Ints("restPhases"),
            DualEntry = o.Ints("dualEntry"),
            AllowWalkTruncationOnPreempt = o.Bool("allowWalkTruncationOnPreempt"),
            StartupAllRedSeconds = o.Num("startupAllRedSeconds"),
        };
    }

    private LinkDocument? Link(JsonElement e, string collectionPath, int index)
    {
        var o = Open(e, ErrorSink.Item(collectionPath, "links", index), "from", "fromLeg", "to", "toLeg", "lengthM", "speedKmh");
        if (o is null)
        {
            return null;
        }

        return new LinkDocument
        {
            From = o.Str("from"),
            FromLeg = o.Str("fromLeg"),
            To = o.Str("to"),
            ToLeg = o.Str("toLeg"),
            LengthM = o.Num("lengthM"),
            SpeedKmh = o.Num("speedKmh"),
        };
    }

    private CorridorDocument? Corridor(JsonElement e, string collectionPath, int index)
    {
        var o = Open(e, ErrorSink.Item(collectionPath, "corridors", index, PeekString(e, "id")), "id", "name", "intersections");
        return o is null ? null : new CorridorDocument { Id = o.Str("id"), Name = o.Str("name"), Intersections = o.Strings("intersections") };
    }

    private static string? PeekString(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? PeekInt(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private JsonObject? Open(JsonElement e, string path, params string[] known)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path.Length == 0 ? "(root)" : path, $"expected an object, found {Describe(e)}");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (!seen.Add(p.Name))
            {
                errors.Add(ErrorSink.Field(path, p.Name), "property is given twice");
            }
            else if (Array.IndexOf(known, p.Name) < 0)
            {
                var hint = Closest(p.Name, known);
                errors.Add(ErrorSink.Field(path, p.Name), hint is null
                    ? $"unknown property \"{p.Name}\" (expected one of: {string.Join(", ", known)})"
                    : $"unknown property \"{p.Name}\" (did you mean \"{hint}\"?)");
            }
        }

        return new JsonObject(errors, e, path);
    }

    private static string? Closest(string name, string[] known)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var k in known)
        {
            var d = string.Equals(k, name, StringComparison.OrdinalIgnoreCase) ? 0 : Levenshtein(k, name);
            if (d < bestDistance)
            {
                best = k;
                bestDistance = d;
            }
        }

        return best;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"a string (\"{e.GetString()}\")",
        JsonValueKind.Number => $"a number ({e.GetRawText()})",
        JsonValueKind.True or JsonValueKind.False => $"a boolean ({e.GetRawText()})",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>Typed access to the properties of one JSON object; wrong types are reported and read as null.</summary>
    private sealed class JsonObject(ErrorSink errors, JsonElement element, string path)
    {
        private ErrorSink Errors => errors;

        public bool Has(string name) => element.TryGetProperty(name, out _);

        public string? Str(string name) => Value(name, "a string", JsonValueKind.String, (v, _) => v.GetString());

        public double? Num(string name) => Value<double?>(name, "a number", JsonValueKind.Number, (v, _) => v.GetDouble());

        public int? Int(string name) => Value<int?>(name, "a whole number", JsonValueKind.Number, (v, p) => WholeNumber(v, p));

        public bool? Bool(string name)
        {
            if (!TryGet(name, out var v))
            {
                return null;
            }

            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return v.GetBoolean();
            }

            Errors.Add(ErrorSink.Field(path, name), $"expected true or false, found {Describe(v)}");
            return null;
        }

        public T? Object<T>(string name, Func<JsonElement, string, T?> read)
            where T : class => TryGet(name, out var v) ? read(v, ErrorSink.Field(path, name)) : null;

        /// <summary>An array of items; <paramref name="read"/> gets the item, the parent path and the index.</summary>
        public List<T>? List<T>(string name, Func<JsonElement, string, int, T?> read)
            where T : class
        {
            if (!TryGetArray(name, out var array))
            {
                return null;
            }

            var list = new List<T>();
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var value = read(item, path, i++);
                if (value is not null)
                {
                    list.Add(value);
                }
            }

            return list;
        }

        public List<string>? Strings(string name) => Items(name, "a string", JsonValueKind.String, (v, _) => v.GetString());

        public List<int>? Ints(string name) => Items<int?>(name, "a whole number", JsonValueKind.Number, (v, p) => WholeNumber(v, p))?.ConvertAll(i => i!.Value);

        public List<List<int>>? IntLists(string name)
        {
            if (!TryGetArray(name, out var array))
            {
                return null;
            }

            var result = new List<List<int>>();
            var i = 0;
            foreach (var inner in array.EnumerateArray())
            {
                var innerPath = string.Create(CultureInfo.InvariantCulture, $"{ErrorSink.Field(path, name)}[{i++}]");
                if (inner.ValueKind != JsonValueKind.Array)
                {
                    Errors.Add(innerPath, $"expected an array of phase ids, found {Describe(inner)}");
                    continue;
                }

                var list = new List<int>();
                var j = 0;
                foreach (var v in inner.EnumerateArray())
                {
                    var itemPath = string.Create(CultureInfo.InvariantCulture, $"{innerPath}[{j++}]");
                    var n = v.ValueKind == JsonValueKind.Number ? WholeNumber(v, itemPath) : Wrong(v, itemPath, "a whole number");
                    if (n is not null)
                    {
                        list.Add(n.Value);
                    }
                }

                result.Add(list);
            }

            return result;
        }

        private int? WholeNumber(JsonElement v, string at)
        {
            if (v.TryGetInt32(out var i))
            {
                return i;
            }

            Errors.Add(at, $"expected a whole number, found {Describe(v)}");
            return null;
        }

        private int? Wrong(JsonElement v, string at, string expected)
        {
            Errors.Add(at, $"expected {expected}, found {Describe(v)}");
            return null;
        }

        private T? Value<T>(string name, string expected, JsonValueKind kind, Func<JsonElement, string, T?> get)
        {
            if (!TryGet(name, out var v))
            {
                return default;
            }

            var at = ErrorSink.Field(path, name);
            if (v.ValueKind != kind)
            {
                Errors.Add(at, $"expected {expected}, found {Describe(v)}");
                return default;
            }

            return get(v, at);
        }

        private List<T>? Items<T>(string name, string expected, JsonValueKind kind, Func<JsonElement, string, T?> get)
        {
            if (!TryGetArray(name, out var array))
            {
                return null;
            }

            var list = new List<T>();
            var i = 0;
            foreach (var v in array.EnumerateArray())
            {
                var at = string.Create(CultureInfo.InvariantCulture, $"{ErrorSink.Field(path, name)}[{i++}]");
                if (v.ValueKind != kind)
                {
                    Errors.Add(at, $"expected {expected}, found {Describe(v)}");
                    continue;
                }

                var value = get(v, at);
                if (value is not null)
                {
                    list.Add(value);
                }
            }

            return list;
        }

        private bool TryGetArray(string name, out JsonElement array)
        {
            if (!TryGet(name, out array))
            {
                return false;
            }

            if (array.ValueKind == JsonValueKind.Array)
            {
                return true;
            }

            Errors.Add(ErrorSink.Field(path, name), $"expected an array, found {Describe(array)}");
            return false;
        }

        private bool TryGet(string name, out JsonElement value) =>
            element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
