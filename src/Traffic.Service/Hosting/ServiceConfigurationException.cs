namespace Traffic.Service.Hosting;

/// <summary>The service cannot start with its configuration (file, network, port, broker); the message says what and where. Exit code 2.</summary>
public sealed class ServiceConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
