using System.Globalization;

namespace Traffic.Signals.Config;

/// <summary>Collects the errors of one file, and builds element paths the same way for every stage.</summary>
internal sealed class ErrorSink(string file)
{
    private readonly List<ConfigError> errors = [];

    public IReadOnlyList<ConfigError> Errors => errors;

    public int Count => errors.Count;

    public void Add(string element, string message) => errors.Add(new ConfigError(file, element, message));

    /// <summary>Reports a missing required field, unless that field already has an error (wrong type, say).</summary>
    public void Missing(string element)
    {
        if (!errors.Exists(e => e.Element == element))
        {
            Add(element, "is required but missing");
        }
    }

    public static string Field(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Item(string parent, string collection, int index, string? label = null)
    {
        var item = string.Create(CultureInfo.InvariantCulture, $"{Field(parent, collection)}[{index}]");
        return label is null ? item : $"{item} ({label})";
    }

    public static string? PhaseLabel(int? id) => id is null ? null : string.Create(CultureInfo.InvariantCulture, $"id {id}");

    /// <summary>Seconds with one decimal, invariant culture ("3.8").</summary>
    public static string S(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
