using System.Globalization;

namespace Traffic.Service;

/// <summary>A plain-text table with aligned columns: numbers right-aligned, text left-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public int Count => rows.Count;

    public void Add(params object[] cells) =>
        rows.Add(cells.Select(c => c switch
        {
            double d => d.ToString("0.0", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => c.ToString() ?? string.Empty,
        }).ToArray());

    public void Write(TextWriter w, string indent = "  ")
    {
        var widths = headers.Select((h, i) => rows.Select(r => i < r.Length ? r[i].Length : 0).Append(h.Length).Max()).ToArray();
        w.WriteLine(indent + string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        w.WriteLine(indent + string.Join("  ", widths.Select(x => new string('-', x))));
        foreach (var r in rows)
        {
            var cells = r.Select((c, i) => IsNumber(c) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
            w.WriteLine(indent + string.Join("  ", cells).TrimEnd());
        }
    }

    private static bool IsNumber(string s) =>
        s.Length > 0 && double.TryParse(s.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
