namespace Traffic.Service;

/// <summary>Bad command-line input; the message says what and where.</summary>
internal sealed class UsageException(string message) : Exception(message);
