using System.Globalization;
using Traffic.Signals.Model;

namespace Traffic.Signals.Config;

/// <summary>
/// Loads a network file (docs/config.md) into a validated <see cref="Network"/>. Every error of the
/// file is reported at once, each with the file, the element path and what is wrong; the network
/// is null when there is any error. Knows nothing of files: callers read the text.
/// </summary>
public static class NetworkLoader
{
    public const int SchemaVersion = 1;

    /// <summary>Parses and resolves network JSON. <paramref name="fileName"/> is only used in error messages.</summary>
    public static LoadResult Load(string json, string fileName)
    {
        var errors = new ErrorSink(fileName);
        var doc = new DocumentReader(errors).Read(json);
        return doc is null ? new LoadResult(null, errors.Errors) : Resolve(doc, errors);
    }

    /// <summary>Resolves a document built in memory (for example by the network generator).</summary>
    public static LoadResult Load(NetworkDocument document, string fileName) => Resolve(document, new ErrorSink(fileName));

    private static LoadResult Resolve(NetworkDocument doc, ErrorSink errors)
    {
        if (doc.SchemaVersion != SchemaVersion && !errors.Errors.Any(e => e.Element == "schemaVersion"))
        {
            errors.Add("schemaVersion", string.Create(CultureInfo.InvariantCulture, $"schema version {doc.SchemaVersion} is not supported (expected {SchemaVersion})"));
        }

        if (string.IsNullOrWhiteSpace(doc.Name))
        {
            errors.Missing("name");
        }

        var intersections = new List<Intersection>();
        var known = new Dictionary<string, IntersectionDocument>(StringComparer.Ordinal);
        if (doc.Intersections is null || doc.Intersections.Count == 0)
        {
            errors.Add("intersections", "at least one intersection is required");
        }

        for (var i = 0; i < (doc.Intersections?.Count ?? 0); i++)
        {
            var d = doc.Intersections![i];
            var path = ErrorSink.Item(string.Empty, "intersections", i, d.Id);
            if (d.Id is not null && !known.TryAdd(d.Id, d))
            {
                errors.Add(ErrorSink.Field(path, "id"), $"duplicate intersection id \"{d.Id}\"");
            }

            var resolved = new IntersectionResolver(errors, d, path).Resolve();
            if (resolved is not null)
            {
                intersections.Add(resolved);
            }
        }

        var links = new LinkResolver(errors, known).Resolve(doc.Links, doc.Corridors, out var corridors);
        return errors.Count > 0
            ? new LoadResult(null, errors.Errors)
            : new LoadResult(new Network(doc.Name!, intersections, links, corridors), errors.Errors);
    }
}
