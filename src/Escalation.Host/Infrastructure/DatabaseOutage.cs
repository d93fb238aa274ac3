using System.Net.Sockets;
using Escalation.Host.Api;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Escalation.Host.Infrastructure;

/// <summary>
/// A request that failed because PostgreSQL cannot be reached (stopped, restarting, refusing connections, a broken
/// socket, a timeout) is answered 503 with problem details and Retry-After, on the API and the console's pages alike.
/// Any other failure is left to the default handler: a 500 with problem details, never mistaken for an outage.
/// </summary>
public sealed partial class DatabaseOutage(NpgsqlDataSource dataSource, ILogger<DatabaseOutage> logger) : IExceptionHandler
{
    // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, shutting down, in recovery).
    private static readonly HashSet<string> ShutdownStates = ["57P01", "57P02", "57P03"];

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsOutage(exception))
            return false;
        LogOutage(logger, http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
        // Npgsql hands out pooled connections without checking them: after a restart each idle one the server dropped
        // would fail one more request. Drop them all now; new ones are opened once the database answers.
        dataSource.Clear();
        http.Response.Headers.RetryAfter = Problems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Problems.DatabaseUnavailable().ExecuteAsync(http);
        return true;
    }

    /// <summary>
    /// Whether the exception, or one it wraps (Marten's <c>MartenCommandException</c>, Wolverine's and JasperFx's
    /// wrappers, an <see cref="AggregateException"/>), is a connection-level or transient database fault: Npgsql's
    /// <c>Failed to connect</c> (a <see cref="SocketException"/> inside), <c>Exception while reading from stream</c>
    /// (a connection the server dropped), a PostgreSQL shutdown or start-up state, a timeout.
    /// A query PostgreSQL refuses for what it says (a bad value, a constraint) is not one.
    /// </summary>
    public static bool IsOutage(Exception? exception) => exception switch
    {
        null => false,
        PostgresException postgres => postgres.IsTransient || ShutdownStates.Contains(postgres.SqlState),
        NpgsqlException { IsTransient: true } or SocketException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsOutage),
        _ => IsOutage(exception.InnerException),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the database cannot be reached ({Reason})")]
    private static partial void LogOutage(ILogger logger, string method, string path, string reason);
}
