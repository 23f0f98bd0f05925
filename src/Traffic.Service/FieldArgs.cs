using System.Globalization;
using Traffic.Mqtt.Transport;

namespace Traffic.Service;

/// <summary>Options the field and replay verbs share: the broker address and the speed.</summary>
internal static class FieldArgs
{
    /// <summary>"host:port" (port 1..65535) as connection options.</summary>
    public static MqttConnectionOptions Broker(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new UsageException($"option --broker: '{text}' is not host:port (for example 127.0.0.1:1883)");
        }

        return new MqttConnectionOptions { Host = text[..colon], Port = port };
    }

    /// <summary>"max" (as fast as possible: infinity) or a positive factor ("1", "10", "0.5").</summary>
    public static double Speed(string? text, double fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        if (text == "max")
        {
            return double.PositiveInfinity;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && speed > 0 && double.IsFinite(speed)
            ? speed
            : throw new UsageException($"option --speed: '{text}' is neither max nor a positive number");
    }

    public static double Positive(CommandArgs options, string name, double fallback)
    {
        var text = options.Value(name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
            ? value
            : throw new UsageException($"option --{name}: '{text}' is not a number >= 0");
    }

    /// <summary>Runs <paramref name="run"/> with a token that Ctrl+C cancels.</summary>
    public static T WithCancelKey<T>(Func<CancellationToken, Task<T>> run)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += handler;
        try
        {
            return run(cts.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }
    }
}
