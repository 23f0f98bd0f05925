using System.Globalization;

namespace Traffic.Service;

/// <summary>
/// Parsed options of one verb: `--name value`, `--name=value` and `--flag`. Only the options a verb
/// declares are accepted; anything else is a <see cref="UsageException"/>.
/// </summary>
internal sealed class CommandArgs
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private CommandArgs()
    {
    }

    /// <param name="args">The arguments after the verb.</param>
    /// <param name="valueOptions">Options that take a value, without the leading "--".</param>
    /// <param name="flagOptions">Options without a value, without the leading "--".</param>
    public static CommandArgs Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        var parsed = new CommandArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            if (flagOptions.Contains(name))
            {
                if (inline is not null)
                {
                    throw new UsageException($"option --{name} takes no value");
                }

                parsed.flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"option --{name} needs a value"));
                if (!parsed.values.TryAdd(name, value))
                {
                    throw new UsageException($"option --{name} given twice");
                }
            }
            else
            {
                throw new UsageException($"unknown option --{name}");
            }
        }

        return parsed;
    }

    public bool Flag(string name) => flags.Contains(name);

    public bool Has(string name) => values.ContainsKey(name) || flags.Contains(name);

    public string? Value(string name) => values.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new UsageException($"option --{name} is required");

    /// <summary>An integer option within [min, max], or null when absent.</summary>
    public int? Int(string name, int min, int max)
    {
        var text = Value(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"option --{name}: '{text}' is not an integer");
        }

        return value < min || value > max
            ? throw new UsageException($"option --{name}: {value} is outside {min}..{max}")
            : value;
    }

    /// <summary>A number option within [min, max], or null when absent.</summary>
    public double? Double(string name, double min, double max)
    {
        var text = Value(name);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new UsageException($"option --{name}: '{text}' is not a number");
        }

        return value < min || value > max
            ? throw new UsageException($"option --{name}: {value.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}")
            : value;
    }
}
