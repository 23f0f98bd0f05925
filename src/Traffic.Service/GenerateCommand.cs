using System.Text.Json;
using Traffic.Signals.Config;
using Traffic.Signals.Config.Generation;

namespace Traffic.Service;

/// <summary>`traffic generate`: writes generated network files (see docs/network.md).</summary>
internal sealed class GenerateCommand : ICommand
{
    private static readonly string[] ValueOptions = ["seed", "count", "corridors", "out", "layouts"];
    private static readonly string[] FlagOptions = ["sample"];

    public string Name => "generate";

    public string Summary => "write a generated network, the sample corridor or the layout examples";

    public string Usage =>
        """
        usage:
          traffic generate --seed <int> [--count <n>] [--corridors <n>] --out <file>
              the synthetic arterial network (count 1..2000, default 250; corridors 10..14,
              default drawn from the seed)
          traffic generate --sample --out <file>
              five intersections on one corridor: nema8, twophase, tee, midblock, nema8
          traffic generate --layouts <dir>
              one single-intersection network file per layout: <dir>/<layout>.json
        example:
          traffic generate --seed 42 --out config/networks/daegu-250.json
        """;

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandArgs.Parse(args, ValueOptions, FlagOptions);
        var modes = new[] { "seed", "sample", "layouts" }.Count(options.Has);
        if (modes != 1)
        {
            throw new UsageException("give exactly one of --seed, --sample, --layouts");
        }

        if (options.Value("layouts") is { } directory)
        {
            Reject(options, "out", "count", "corridors");
            foreach (var layout in LayoutTemplates.Names)
            {
                Write(Path.Combine(directory, layout + ".json"), LayoutTemplates.Example(layout), stdout);
            }

            return ExitCodes.Ok;
        }

        var output = options.Required("out");
        if (options.Flag("sample"))
        {
            Reject(options, "count", "corridors");
            Write(output, NetworkGenerator.SampleCorridor(), stdout);
            return ExitCodes.Ok;
        }

        var generatorOptions = new GeneratorOptions
        {
            Seed = options.Int("seed", int.MinValue, int.MaxValue)!.Value,
            IntersectionCount = options.Int("count", 1, 2000) ?? 250,
            CorridorCount = options.Int("corridors", GeneratorOptions.MinCorridors, GeneratorOptions.MaxCorridors),
        };
        NetworkDocument network;
        try
        {
            network = NetworkGenerator.Generate(generatorOptions);
        }
        catch (GeneratorOptionsException e)
        {
            throw new UsageException(e.Message);
        }

        Write(output, network, stdout);
        return ExitCodes.Ok;
    }

    private static void Reject(CommandArgs options, params string[] names)
    {
        foreach (var name in names)
        {
            if (options.Has(name))
            {
                throw new UsageException($"option --{name} does not go with this mode");
            }
        }
    }

    private static void Write(string path, NetworkDocument network, TextWriter stdout)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(network, ConfigJsonContext.Default.NetworkDocument) + "\n");
        stdout.WriteLine(
            $"wrote {path}: {network.Intersections?.Count ?? 0} intersections, " +
            $"{network.Links?.Count ?? 0} links, {network.Corridors?.Count ?? 0} corridors");
    }
}
