using Traffic.Signals.Config;
using Traffic.Signals.Model;

namespace Traffic.Service;

/// <summary>Reads and loads a network file, turning every problem into an error that names the file.</summary>
internal static class NetworkFile
{
    /// <summary>Loads the file; on failure writes every error to <paramref name="stderr"/> and returns null.</summary>
    public static Network? Load(string path, TextWriter stderr)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stderr.WriteLine($"{path}: cannot read: {e.Message}");
            return null;
        }

        var result = NetworkLoader.Load(text, Path.GetFileName(path));
        if (result.Ok)
        {
            return result.Network;
        }

        foreach (var error in result.Errors)
        {
            stderr.WriteLine(error);
        }

        stderr.WriteLine($"{path}: {result.Errors.Count} error{(result.Errors.Count == 1 ? "" : "s")}");
        return null;
    }

    /// <summary>The first positional argument (the file), and the remaining options.</summary>
    public static (string File, IReadOnlyList<string> Options) SplitFile(IReadOnlyList<string> args, string what = "a network file")
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"{what} is required as the first argument");
        }

        return (args[0], args.Skip(1).ToList());
    }
}
