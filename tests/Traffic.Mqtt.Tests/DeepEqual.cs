using System.Collections;
using System.Reflection;

namespace Traffic.Mqtt.Tests;

/// <summary>
/// Structural equality for wire records: public instance properties compared recursively, lists
/// element by element. Records compare lists by reference, which is useless for round trips.
/// </summary>
internal static class DeepEqual
{
    public static bool Check(object? expected, object? actual, out string difference)
    {
        difference = Compare(expected, actual, "$") ?? "";
        return difference.Length == 0;
    }

    private static string? Compare(object? a, object? b, string path)
    {
        if (a is null || b is null)
        {
            return a is null && b is null ? null : $"{path}: {Show(a)} vs {Show(b)}";
        }

        if (a.GetType() != b.GetType() && !(a is IEnumerable && b is IEnumerable))
        {
            return $"{path}: type {a.GetType().Name} vs {b.GetType().Name}";
        }

        if (a is string || a.GetType().IsPrimitive || a.GetType().IsEnum || a is DateTimeOffset or decimal)
        {
            return a.Equals(b) ? null : $"{path}: {Show(a)} vs {Show(b)}";
        }

        if (a is IEnumerable ea && b is IEnumerable eb)
        {
            var la = ea.Cast<object?>().ToList();
            var lb = eb.Cast<object?>().ToList();
            if (la.Count != lb.Count)
            {
                return $"{path}: {la.Count} items vs {lb.Count}";
            }

            for (var k = 0; k < la.Count; k++)
            {
                if (Compare(la[k], lb[k], $"{path}[{k}]") is { } d)
                {
                    return d;
                }
            }

            return null;
        }

        foreach (var p in a.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"
                && Compare(p.GetValue(a), p.GetValue(b), $"{path}.{p.Name}") is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static string Show(object? x) => x?.ToString() ?? "null";
}
