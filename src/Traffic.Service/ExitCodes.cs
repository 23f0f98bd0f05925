namespace Traffic.Service;

/// <summary>Process exit codes of the command line.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Internal error: an exception the verb did not expect, a file it could not write.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: unknown verb or option, missing or malformed value, invalid file.</summary>
    public const int BadInput = 2;
}
