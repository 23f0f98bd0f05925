namespace Traffic.Service;

/// <summary>
/// The `traffic` command line: `traffic &lt;verb&gt; [options]`. Each verb is an <see cref="ICommand"/>
/// in its own file; add it to <see cref="Commands"/>. With no arguments it runs `serve`. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class Cli
{
    private static readonly IReadOnlyList<ICommand> Commands =
    [
        new ServeCommand(),
        new ValidateCommand(),
        new TimingsCommand(),
        new FuzzCommand(),
        new GenerateCommand(),
        new ScenarioCommand(),
        new CompareCommand(),
        new FieldCommand(),
        new ReplayCommand(),
    ];

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0)
        {
            args = ["serve"]; // `traffic` alone runs the service
        }

        var verb = args[0];
        if (verb is "help" or "--help" or "-h")
        {
            if (args.Count > 1)
            {
                var named = Find(args[1]);
                if (named is null)
                {
                    stderr.WriteLine($"traffic: unknown verb '{args[1]}'");
                    PrintUsage(stderr);
                    return ExitCodes.BadInput;
                }

                stdout.WriteLine(named.Usage);
                return ExitCodes.Ok;
            }

            PrintUsage(stdout);
            return ExitCodes.Ok;
        }

        var command = Find(verb);
        if (command is null)
        {
            stderr.WriteLine($"traffic: unknown verb '{verb}'");
            PrintUsage(stderr);
            return ExitCodes.BadInput;
        }

        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            stdout.WriteLine(command.Usage);
            return ExitCodes.Ok;
        }

        try
        {
            return command.Run(rest, stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"traffic {command.Name}: {e.Message}");
            stderr.WriteLine(command.Usage);
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"traffic {command.Name}: internal error: {e}");
            return ExitCodes.Failure;
        }
    }

    private static ICommand? Find(string verb) => Commands.FirstOrDefault(c => c.Name == verb);

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: traffic <verb> [options]");
        writer.WriteLine();
        writer.WriteLine("verbs:");
        foreach (var command in Commands)
        {
            writer.WriteLine($"  {command.Name,-12}{command.Summary}");
        }

        writer.WriteLine($"  {"help",-12}this text; `traffic help <verb>` for a verb's options");
    }
}
