using System.Globalization;
using Escalation.Host.Infrastructure;
using Npgsql;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>
/// The benchmark's own durable PostgreSQL cluster (fsync and synchronous commit on, as the built-in database runs),
/// provisioned with <see cref="LocalPostgres"/> in a temporary folder and removed at the end. Two settings differ
/// from a fresh cluster, both set before the first measurement: more connections (the host's pool and the baseline's
/// together) and, for the profile, pg_stat_statements.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    public const string ProductDatabase = "escalation";
    public const string TimersDatabase = "timers";
    public const string RebuildDatabase = "rebuild";

    private readonly string _folder;
    private readonly LocalPostgresOptions _options;
    private LocalPostgres _cluster;

    private BenchCluster(string folder, LocalPostgresOptions options, LocalPostgres cluster)
    {
        _folder = folder;
        _options = options;
        _cluster = cluster;
    }

    public string ConnectionString => _cluster.ConnectionString;
    public bool Statements { get; private set; }
    public string Version { get; private set; } = "";
    public string Settings { get; private set; } = "";

    public string ConnectionStringFor(string database) => _cluster.ConnectionStringFor(database);

    /// <summary>The connection string with a run's experimental options appended (none: as it is).</summary>
    public string ConnectionStringWith(string options) => options.Length == 0 ? ConnectionString : $"{ConnectionString};{options}";

    /// <param name="statements">pg_stat_statements on top-level statements (a small cost).</param>
    /// <param name="profile">Also the statements inside functions and the time spent planning (a larger cost: for finding out why, not for the figures).</param>
    public static async Task<BenchCluster> StartAsync(bool statements, bool profile)
    {
        statements |= profile;
        var folder = Directory.CreateTempSubdirectory("escalation-busy-day-").FullName;
        var options = new LocalPostgresOptions { Directory = folder, Database = ProductDatabase };
        var bench = new BenchCluster(folder, options, await LocalPostgres.StartAsync(options));
        try
        {
            await bench.ConfigureAsync(statements, profile);
            return bench;
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    /// <summary>The cluster's temporary folder (removed at the end).</summary>
    public string Folder => _folder;

    private async Task ConfigureAsync(bool statements, bool profile)
    {
        await ExecuteAsync("alter system set max_connections = 300");
        if (statements)
        {
            await ExecuteAsync("alter system set shared_preload_libraries = 'pg_stat_statements'");
            await ExecuteAsync("alter system set track_io_timing = on");
            await ExecuteAsync("alter system set track_wal_io_timing = on");
        }
        await _cluster.DisposeAsync();
        _cluster = await LocalPostgres.StartAsync(_options);
        if (statements)
            await ExecuteAsync("create extension if not exists pg_stat_statements");
        if (profile)
        {
            // The library's settings exist only once it is loaded.
            await ExecuteAsync("alter system set pg_stat_statements.track = 'all'");
            await ExecuteAsync("alter system set pg_stat_statements.track_planning = on");
            await ExecuteAsync("select pg_reload_conf()");
        }
        Statements = statements;
        Version = (string)(await ScalarAsync("select version()"))!;
        Settings = string.Join(", ", await RowsAsync(
            "select name || '=' || setting || coalesce(unit, '') from pg_settings where name in " +
            "('fsync','synchronous_commit','full_page_writes','wal_level','shared_buffers','max_wal_size','checkpoint_timeout','max_connections') order by name",
            r => r.GetString(0)));
    }

    /// <summary>The postmaster's process id, from its pid file.</summary>
    public int? PostmasterPid()
    {
        var file = Path.Combine(_folder, "data", "postmaster.pid");
        try
        {
            return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async Task CreateDatabaseAsync(string database) => await _cluster.CreateDatabaseAsync(database);

    /// <summary>The write-ahead log's current position, in bytes.</summary>
    public async Task<long> WalPositionAsync() =>
        Convert.ToInt64(await ScalarAsync("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"), CultureInfo.InvariantCulture);

    /// <summary>Sessions opened (server processes started for new connections) and transactions committed in the product's database so far.</summary>
    public async Task<(long Sessions, long Commits)> DatabaseCountersAsync()
    {
        var rows = await RowsAsync(
            $"select sessions, xact_commit from pg_stat_database where datname = '{ProductDatabase}'", r => (r.GetInt64(0), r.GetInt64(1)));
        return rows[0];
    }

    /// <summary>WAL records, full-page images, bytes, writes and syncs since the cluster started (pg_stat_wal).</summary>
    public async Task<WalCounters> WalCountersAsync()
    {
        var rows = await RowsAsync(
            "select wal_records, wal_fpi, wal_bytes::bigint, wal_write, wal_sync, wal_sync_time from pg_stat_wal",
            r => new WalCounters(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetDouble(5)));
        return rows[0];
    }

    public async Task ResetStatementsAsync()
    {
        if (Statements)
            await ExecuteAsync("select pg_stat_statements_reset()");
    }

    /// <summary>The statements that took the most server time since the last reset.</summary>
    public async Task<IReadOnlyList<StatementTime>> TopStatementsAsync(int count) => !Statements ? [] : await RowsAsync(
        "select left(regexp_replace(query, '\\s+', ' ', 'g'), 160), calls, total_exec_time, mean_exec_time, rows, total_plan_time, toplevel " +
        $"from pg_stat_statements order by total_exec_time + total_plan_time desc limit {count}",
        r => new StatementTime(
            r.GetString(0), r.GetInt64(1), Math.Round(r.GetDouble(2)), Math.Round(r.GetDouble(3), 3), r.GetInt64(4), Math.Round(r.GetDouble(5)), r.GetBoolean(6)));

    public async Task<object?> ScalarAsync(string sql, string database = ProductDatabase)
    {
        await using var connection = new NpgsqlConnection(_cluster.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteScalarAsync();
    }

    public async Task ExecuteAsync(string sql, string database = ProductDatabase)
    {
        await using var connection = new NpgsqlConnection(_cluster.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read, string database = ProductDatabase)
    {
        await using var connection = new NpgsqlConnection(_cluster.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(read(reader));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed record WalCounters(long Records, long FullPageImages, long Bytes, long Writes, long Syncs, double SyncMs);

/// <summary>A statement's server time: executing (including lock and I/O waits), and planning when the profile tracks it.</summary>
public sealed record StatementTime(string Query, long Calls, double TotalMs, double MeanMs, long Rows, double PlanMs, bool TopLevel);
