namespace Escalation.Host.Infrastructure;

/// <summary>A problem the operator must fix before the host can start; its message says what and how, and is all that is printed.</summary>
public sealed class StartupException(string message) : Exception(message);
