using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Escalation.Host.Infrastructure;

/// <summary>Where and how the built-in PostgreSQL cluster runs.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>The cluster's folder (it holds data/, the superuser password and server.log); null: the default under local application data.</summary>
    public string? Directory { get; init; }

    /// <summary>The folder holding initdb, pg_ctl and postgres; null: looked up on PATH, then in /usr/lib/postgresql/*/bin.</summary>
    public string? BinDirectory { get; init; }

    public string Database { get; init; } = "escalation";

    /// <summary>The account that owns and runs the cluster when this process is root (PostgreSQL refuses to run as root).</summary>
    public string ServiceAccount { get; init; } = "postgres";

    /// <summary>For throw-away clusters (tests): no fsync, no durable commit. Never for data you keep.</summary>
    public bool Ephemeral { get; init; }
}

/// <summary>
/// A PostgreSQL cluster this process provisions from the machine's binaries, starts on a free loopback
/// port and stops when disposed. The data persists in its folder between runs.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string Superuser = "escalation";

    /// <summary>The role the service connects with: it owns the service's database and schema, and is no superuser.</summary>
    public const string ServiceRole = "escalation_service";

    private readonly string _pgCtl;
    private readonly string? _runAs;
    private readonly string _dataDirectory;
    private bool _stopped;

    private LocalPostgres(string pgCtl, string? runAs, string dataDirectory, int port, string password, string database)
    {
        _pgCtl = pgCtl;
        _runAs = runAs;
        _dataDirectory = dataDirectory;
        Port = port;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port,
            Username = Superuser,
            Password = password,
            Database = "postgres",
        }.ConnectionString;
        ConnectionString = ConnectionStringFor(database);
    }

    public int Port { get; }

    /// <summary>The service's connection: as <see cref="ServiceRole"/> to the service's database (the superuser's to the maintenance database <c>postgres</c>).</summary>
    public string ConnectionString { get; private set; }
    public string AdminConnectionString { get; }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    public static string DefaultDirectory(bool runningAsRoot, string serviceAccount)
    {
        // A server running as the service account cannot traverse root's home (mode 700), so under root
        // the cluster lives in the service account's own local application data.
        var root = runningAsRoot
            ? Path.Combine(HomeOf(serviceAccount), ".local", "share")
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(root, "Escalation", "postgres");
    }

    /// <summary>The first folder on <paramref name="pathVariable"/> with the server binaries, else the newest under <paramref name="debianRoot"/>.</summary>
    public static string? FindBinDirectory(string? pathVariable, string debianRoot = "/usr/lib/postgresql")
    {
        var onPath = (pathVariable ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasServerBinaries);
        if (onPath is not null || !System.IO.Directory.Exists(debianRoot))
            return onPath;
        return System.IO.Directory.GetDirectories(debianRoot)
            .Select(d => (Dir: Path.Combine(d, "bin"), Major: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(x => HasServerBinaries(x.Dir))
            .OrderByDescending(x => x.Major)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, CancellationToken ct = default)
    {
        var bin = options.BinDirectory ?? FindBinDirectory(Environment.GetEnvironmentVariable("PATH"))
            ?? throw new StartupException(
                "No database: ConnectionStrings:Escalation is not set and no PostgreSQL server binaries (initdb, pg_ctl, postgres) " +
                "were found on PATH or in /usr/lib/postgresql/*/bin. Install PostgreSQL (Debian: apt-get install postgresql) " +
                "or set ConnectionStrings:Escalation to a PostgreSQL database.");
        if (!HasServerBinaries(bin))
            throw new StartupException($"Escalation:LocalDatabase:BinDirectory '{bin}' holds no initdb, pg_ctl and postgres.");

        var runAs = Environment.IsPrivilegedProcess ? options.ServiceAccount : null;
        var directory = Path.GetFullPath(options.Directory ?? DefaultDirectory(runAs is not null, options.ServiceAccount));
        var data = Path.Combine(directory, "data");
        var passwordFile = Path.Combine(directory, "superuser.password");
        var log = Path.Combine(directory, "server.log");
        var binaryMajor = await MajorVersionOfAsync(bin, ct);

        if (!IsEmptyOrMissing(data))
            CheckExistingDataDirectory(data, binaryMajor, bin);
        else
            await InitializeAsync(bin, runAs, directory, data, passwordFile, options.Ephemeral, ct);

        if (!File.Exists(passwordFile))
            throw new StartupException(
                $"The built-in database folder '{directory}' has a cluster but no superuser.password file; it was left untouched. " +
                "Move it away or set Escalation:LocalDatabase:Directory to another folder.");
        var password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
        var pgCtl = Path.Combine(bin, "pg_ctl");
        var port = RunningPort(data) ?? await StartServerAsync(pgCtl, runAs, data, log, ct);
        var cluster = new LocalPostgres(pgCtl, runAs, data, port, password, options.Database);
        await cluster.CreateDatabaseAsync(options.Database, ct);
        if (options.Database != "postgres")
            await cluster.HandOverAsync(options.Database, Path.Combine(directory, "service.password"), ct);
        return cluster;
    }

    public async Task CreateDatabaseAsync(string database, CancellationToken ct = default, string? template = null)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null)
            return;
        var create = $"create database {QuoteIdentifier(database)}" + (template is null ? "" : $" template {QuoteIdentifier(template)}");
        await using var command = new NpgsqlCommand(create, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Makes <see cref="ServiceRole"/> (its password kept beside the superuser's, mode 600) the owner of the service's
    /// database, of its schema <c>escalation</c> and of everything in it, and connects the service as that role. A cluster
    /// made before the role existed has its objects handed over on its next start.
    /// </summary>
    private async Task HandOverAsync(string database, string passwordFile, CancellationToken ct)
    {
        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), ct);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        // Hexadecimal, so it can stand in the statement as a literal (CREATE ROLE takes no parameters).
        var password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
        if (!password.All(char.IsAsciiHexDigit))
            throw new StartupException($"The built-in database's {passwordFile} is not the hexadecimal password this host wrote; it was left untouched.");

        await ExecuteAsync(AdminConnectionString,
            $"do $$ begin if not exists (select from pg_roles where rolname = '{ServiceRole}') then " +
            $"create role {ServiceRole} login nosuperuser nocreatedb nocreaterole password '{password}'; " +
            $"else alter role {ServiceRole} login nosuperuser nocreatedb nocreaterole password '{password}'; end if; end $$;" +
            $"alter database {QuoteIdentifier(database)} owner to {ServiceRole};", ct);
        await ExecuteAsync(ConnectionStringFor(database),
            $$"""
            do $$
            declare item record;
            begin
              if not exists (select from pg_namespace where nspname = 'escalation') then
                execute 'create schema escalation authorization {{ServiceRole}}';
                return;
              end if;
              execute 'alter schema escalation owner to {{ServiceRole}}';
              -- Tables first: a table's own sequences follow it, and may not be handed over alone.
              for item in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = 'escalation' and c.relkind in ('r', 'p', 'v', 'm', 'f') and pg_get_userbyid(c.relowner) <> '{{ServiceRole}}' loop
                execute format('alter table %s owner to {{ServiceRole}}', item.name);
              end loop;
              for item in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = 'escalation' and c.relkind = 'S' and pg_get_userbyid(c.relowner) <> '{{ServiceRole}}' loop
                execute format('alter sequence %s owner to {{ServiceRole}}', item.name);
              end loop;
              for item in select p.oid::regprocedure as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                  where n.nspname = 'escalation' and pg_get_userbyid(p.proowner) <> '{{ServiceRole}}' loop
                execute format('alter routine %s owner to {{ServiceRole}}', item.name);
              end loop;
            end $$;
            """, ct);
        ConnectionString = new NpgsqlConnectionStringBuilder(ConnectionStringFor(database)) { Username = ServiceRole, Password = password }.ConnectionString;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        await RunAsync(_pgCtl, _runAs, ["stop", "-D", _dataDirectory, "-m", "fast", "-w", "-t", "60"], CancellationToken.None);
    }

    private static async Task InitializeAsync(
        string bin, string? runAs, string directory, string data, string passwordFile, bool ephemeral, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (runAs is not null)
            await ChangeOwnerAsync(runAs, directory, ct);

        List<string> args =
        [
            "-D", data, "-U", Superuser, "--pwfile", passwordFile, "-E", "UTF8", "--no-locale",
            "--auth-host=scram-sha-256", "--auth-local=peer",
        ];
        if (ephemeral)
            args.Add("--no-sync");
        var init = await RunAsync(Path.Combine(bin, "initdb"), runAs, args, ct);
        if (init.ExitCode != 0)
            throw new StartupException($"initdb failed for the built-in database in '{data}': {Tail(init.Output)}");

        // Loopback TCP only: no Unix socket, so no dependency on /var/run/postgresql existing or being writable.
        var settings = "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n" +
            (ephemeral ? "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" : "");
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), settings, ct);
    }

    private static void CheckExistingDataDirectory(string data, int binaryMajor, string bin)
    {
        var versionFile = Path.Combine(data, "PG_VERSION");
        if (!File.Exists(versionFile))
            throw new StartupException(
                $"The built-in database folder '{data}' is not empty but holds no PostgreSQL cluster (no PG_VERSION); it may be corrupt. " +
                "It was left untouched: move it away or set Escalation:LocalDatabase:Directory to another folder.");
        var text = File.ReadAllText(versionFile).Trim();
        if (!int.TryParse(text, out var dataMajor) || dataMajor != binaryMajor)
            throw new StartupException(
                $"The built-in database folder '{data}' was created by PostgreSQL {text}, but the binaries in '{bin}' are PostgreSQL {binaryMajor}. " +
                $"It was left untouched: use PostgreSQL {text}'s binaries (Escalation:LocalDatabase:BinDirectory), " +
                "upgrade it with pg_upgrade, or set Escalation:LocalDatabase:Directory to another folder.");
    }

    private static async Task<int> StartServerAsync(string pgCtl, string? runAs, string data, string log, CancellationToken ct)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var start = await RunAsync(pgCtl, runAs, ["start", "-D", data, "-l", log, "-w", "-t", "60", "-o", $"-p {port}"], ct);
            if (start.ExitCode == 0)
                return port;
            var serverLog = File.Exists(log) ? Tail(await File.ReadAllTextAsync(log, ct)) : "";
            // Another process may take the free port between our check and the server's bind: try another.
            if (attempt < attempts && serverLog.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
                continue;
            throw new StartupException(
                $"The built-in PostgreSQL could not start on '{data}' (it may be corrupt or in use); the folder was left untouched. " +
                $"pg_ctl: {Tail(start.Output)} Server log: {serverLog}");
        }
    }

    /// <summary>A server left running on this folder (a host that crashed) is adopted rather than started twice.</summary>
    private static int? RunningPort(string data)
    {
        var pidFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(pidFile))
            return null;
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port))
            return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : port;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static async Task<int> MajorVersionOfAsync(string bin, CancellationToken ct)
    {
        var result = await RunAsync(Path.Combine(bin, "postgres"), null, ["--version"], ct);
        // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
        var version = result.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.Split('.')[0])
            .Select(head => int.TryParse(head, out var major) ? major : (int?)null)
            .FirstOrDefault(major => major is not null);
        return version ?? throw new StartupException($"Could not read the PostgreSQL version from '{bin}/postgres --version': {result.Output}");
    }

    private static async Task ChangeOwnerAsync(string account, string directory, CancellationToken ct)
    {
        var chown = await RunAsync("chown", null, ["-R", $"{account}:", directory], ct);
        if (chown.ExitCode != 0)
            throw new StartupException(
                $"Running as root, the built-in database must belong to the account '{account}' " +
                $"(Escalation:LocalDatabase:ServiceAccount), but chown failed: {Tail(chown.Output)}");
    }

    private static string HomeOf(string account)
    {
        var entry = File.ReadLines("/etc/passwd").Select(line => line.Split(':')).FirstOrDefault(f => f.Length >= 6 && f[0] == account);
        return entry?[5] is { Length: > 0 } home && System.IO.Directory.Exists(home)
            ? home
            : throw new StartupException(
                $"Running as root, the built-in database runs as the account '{account}', which does not exist or has no home folder. " +
                "Create it (useradd --system --create-home postgres), name another with Escalation:LocalDatabase:ServiceAccount, " +
                "or set Escalation:LocalDatabase:Directory.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string? runAs, IEnumerable<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo
        {
            FileName = runAs is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var a in (string[])["-u", runAs, "--", file])
                info.ArgumentList.Add(a);
        }
        foreach (var a in args)
            info.ArgumentList.Add(a);

        using var process = Process.Start(info) ?? throw new StartupException($"Could not run '{file}'.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) &&
        File.Exists(Path.Combine(directory, "pg_ctl")) &&
        File.Exists(Path.Combine(directory, "postgres"));

    private static bool IsEmptyOrMissing(string directory) =>
        !System.IO.Directory.Exists(directory) || !System.IO.Directory.EnumerateFileSystemEntries(directory).Any();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Tail(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(6)).Trim();
}
