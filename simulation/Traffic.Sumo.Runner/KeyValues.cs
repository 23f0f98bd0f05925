using System.Globalization;

namespace Traffic.Sumo.Runner;

/// <summary>The "key=number,key=number" text of the tuning options (--adaptive, --arrival).</summary>
internal static class KeyValues
{
    /// <summary>
    /// Applies each pair of <paramref name="text"/> to <paramref name="settings"/> with <paramref name="set"/>, which
    /// returns null for a key it does not know; errors name <paramref name="option"/> and the pair.
    /// </summary>
    public static T Apply<T>(string text, string option, T settings, Func<T, string, double, T?> set)
        where T : class
    {
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new ArgumentException($"{option}: '{pair}' is not key=number");
            }

            settings = set(settings, parts[0], v) ?? throw new ArgumentException($"{option}: unknown setting '{parts[0]}'");
        }

        return settings;
    }
}
