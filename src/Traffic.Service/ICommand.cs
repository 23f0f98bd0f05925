namespace Traffic.Service;

/// <summary>One verb of the command line.</summary>
internal interface ICommand
{
    /// <summary>The verb, e.g. "generate".</summary>
    string Name { get; }

    /// <summary>One line for the verb list.</summary>
    string Summary { get; }

    /// <summary>The full usage text of the verb.</summary>
    string Usage { get; }

    /// <summary>
    /// Runs the verb on the arguments after it. Throw <see cref="UsageException"/> for bad input
    /// (the dispatcher prints it with the usage and exits 2); return an <see cref="ExitCodes"/> value.
    /// </summary>
    int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr);
}
