using Npgsql;

namespace Escalation.Host.Infrastructure;

/// <summary>
/// The database the host runs on: the configured <c>ConnectionStrings:Escalation</c>, checked before anything
/// else starts, or else the built-in cluster, started here and stopped when this is disposed.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    public const string ConnectionStringName = "Escalation";
    private const string Setting = "ConnectionStrings:" + ConnectionStringName;

    private readonly LocalPostgres? _local;

    private Database(string connectionString, LocalPostgres? local)
    {
        ConnectionString = connectionString;
        _local = local;
    }

    public string ConnectionString { get; }

    /// <summary>
    /// For the <c>codegen</c> command, which builds the host without starting it: a database that is never opened.
    /// Its port has no listener, so anything that tried to connect would fail at once rather than provision a database.
    /// </summary>
    public static Database Unopened { get; } = new("Host=127.0.0.1;Port=1;Database=escalation", null);

    public static async Task<Database> OpenAsync(IConfiguration configuration, CancellationToken ct = default)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await CheckReachableAsync(configured, ct);
            return new Database(configured, null);
        }

        var options = configuration.GetSection("Escalation:LocalDatabase").Get<LocalPostgresOptions>() ?? new LocalPostgresOptions();
        var local = await LocalPostgres.StartAsync(options, ct);
        return new Database(local.ConnectionString, local);
    }

    public async ValueTask DisposeAsync()
    {
        if (_local is not null)
            await _local.DisposeAsync();
    }

    private static async Task CheckReachableAsync(string connectionString, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new StartupException($"{Setting} is malformed: {e.Message}");
        }

        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            throw new StartupException(
                $"{Setting} names a database that cannot be reached (host '{builder.Host}', port {builder.Port}, database '{builder.Database}'): {e.Message}");
        }
    }
}
