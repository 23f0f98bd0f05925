using System.Globalization;
using System.Net;
using System.Text;
using Traffic.Simulation;

namespace Traffic.Service;

/// <summary>
/// The chart of `traffic compare`: one panel per measure, one bar per policy at the mean over seeds,
/// an error bar from the lowest to the highest seed, the mean written above the bar. Plain SVG.
/// </summary>
internal static class CompareChart
{
    private const int PanelWidth = 300;
    private const int PanelHeight = 230;
    private const int Columns = 3;
    private static readonly string[] Colours = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"];

    public static string Svg(string title, IReadOnlyList<string> policies, IReadOnlyList<RunMetrics> runs)
    {
        var measures = CompareReport.Measures.Where(m => m.InChart).ToList();
        var rows = (measures.Count + Columns - 1) / Columns;
        var width = Columns * PanelWidth;
        var height = 70 + (rows * PanelHeight);
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n"));
        sb.Append(Inv($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        sb.Append(Inv($"<text x=\"{width / 2}\" y=\"24\" font-size=\"16\" text-anchor=\"middle\" font-weight=\"bold\">{Esc(title)}</text>\n"));
        var legendX = 20.0;
        for (var p = 0; p < policies.Count; p++)
        {
            sb.Append(Inv($"<rect x=\"{legendX}\" y=\"38\" width=\"14\" height=\"14\" fill=\"{Colours[p % Colours.Length]}\"/>"));
            sb.Append(Inv($"<text x=\"{legendX + 20}\" y=\"50\" font-size=\"13\">{Esc(policies[p])}</text>\n"));
            legendX += 40 + (8 * policies[p].Length);
        }

        sb.Append(Inv($"<text x=\"{width - 20}\" y=\"50\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">bar: mean over seeds; whisker: lowest to highest seed</text>\n"));
        for (var k = 0; k < measures.Count; k++)
        {
            Panel(sb, measures[k], policies, runs, (k % Columns) * PanelWidth, 65 + ((k / Columns) * PanelHeight));
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void Panel(StringBuilder sb, Measure measure, IReadOnlyList<string> policies, IReadOnlyList<RunMetrics> runs, double x0, double y0)
    {
        const double left = 55, top = 30, bottom = 30, right = 15;
        var plotW = PanelWidth - left - right;
        var plotH = PanelHeight - top - bottom;
        var stats = policies.Select(p =>
        {
            var v = runs.Where(r => r.Policy == p).Select(measure.Value).ToList();
            return v.Count == 0 ? (Mean: 0.0, Min: 0.0, Max: 0.0) : (Mean: v.Average(), Min: v.Min(), Max: v.Max());
        }).ToList();
        var top0 = NiceCeiling(Math.Max(1e-9, stats.Max(s => s.Max)));
        double Y(double v) => y0 + top + plotH - (plotH * v / top0);

        sb.Append(Inv($"<text x=\"{x0 + (PanelWidth / 2.0)}\" y=\"{y0 + 18}\" font-size=\"13\" text-anchor=\"middle\" font-weight=\"bold\">{Esc(measure.Header)}</text>\n"));
        for (var t = 0; t <= 4; t++)
        {
            var v = top0 * t / 4;
            var y = Y(v);
            sb.Append(Inv($"<line x1=\"{x0 + left}\" y1=\"{y:F1}\" x2=\"{x0 + left + plotW}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>"));
            sb.Append(Inv($"<text x=\"{x0 + left - 5}\" y=\"{y + 4:F1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#444\">{Tick(v)}</text>\n"));
        }

        sb.Append(Inv($"<line x1=\"{x0 + left}\" y1=\"{Y(0):F1}\" x2=\"{x0 + left + plotW}\" y2=\"{Y(0):F1}\" stroke=\"#333\"/>\n"));
        var slot = plotW / policies.Count;
        var barW = Math.Min(60, slot * 0.6);
        for (var p = 0; p < policies.Count; p++)
        {
            var (mean, min, max) = stats[p];
            var cx = x0 + left + (slot * (p + 0.5));
            sb.Append(Inv($"<rect x=\"{cx - (barW / 2):F1}\" y=\"{Y(mean):F1}\" width=\"{barW:F1}\" height=\"{Y(0) - Y(mean):F1}\" fill=\"{Colours[p % Colours.Length]}\"/>"));
            sb.Append(Inv($"<line x1=\"{cx:F1}\" y1=\"{Y(min):F1}\" x2=\"{cx:F1}\" y2=\"{Y(max):F1}\" stroke=\"black\" stroke-width=\"1.5\"/>"));
            sb.Append(Inv($"<line x1=\"{cx - 8:F1}\" y1=\"{Y(min):F1}\" x2=\"{cx + 8:F1}\" y2=\"{Y(min):F1}\" stroke=\"black\" stroke-width=\"1.5\"/>"));
            sb.Append(Inv($"<line x1=\"{cx - 8:F1}\" y1=\"{Y(max):F1}\" x2=\"{cx + 8:F1}\" y2=\"{Y(max):F1}\" stroke=\"black\" stroke-width=\"1.5\"/>"));
            sb.Append(Inv($"<text x=\"{cx + (barW / 2) + 3:F1}\" y=\"{Math.Min(Y(mean), Y(max)) - 4:F1}\" font-size=\"11\" text-anchor=\"middle\">{mean.ToString(measure.Format, CultureInfo.InvariantCulture)}</text>"));
            sb.Append(Inv($"<text x=\"{cx:F1}\" y=\"{Y(0) + 16:F1}\" font-size=\"11\" text-anchor=\"middle\">{Esc(policies[p])}</text>\n"));
        }
    }

    /// <summary>1, 2, 2.5 or 5 times a power of ten, at or above <paramref name="v"/>.</summary>
    private static double NiceCeiling(double v)
    {
        var p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (m * p >= v)
            {
                return m * p;
            }
        }

        return 10 * p;
    }

    private static string Tick(double v) => v >= 100 || v == Math.Floor(v) ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
