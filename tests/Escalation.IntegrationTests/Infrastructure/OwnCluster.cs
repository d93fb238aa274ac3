using System.Diagnostics;
using Escalation.Host.Infrastructure;

namespace Escalation.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own, which the test may crash (<c>pg_ctl stop -m immediate</c>) and start
/// again on the same port, as an operator or a failing machine would, without touching the shared test cluster.
/// </summary>
public sealed class OwnCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _pgCtl;
    private readonly LocalPostgres _cluster;

    private OwnCluster(string folder, string pgCtl, LocalPostgres cluster)
    {
        _folder = folder;
        _pgCtl = pgCtl;
        _cluster = cluster;
    }

    public string ConnectionString => _cluster.ConnectionString;

    public static async Task<OwnCluster> StartAsync(string database)
    {
        var folder = Directory.CreateTempSubdirectory("escalation-outage-").FullName;
        var bin = LocalPostgres.FindBinDirectory(Environment.GetEnvironmentVariable("PATH"))
            ?? throw new InvalidOperationException("No PostgreSQL server binaries.");
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { Directory = folder, Ephemeral = true, Database = database });
        return new OwnCluster(folder, Path.Combine(bin, "pg_ctl"), cluster);
    }

    /// <summary>Kills the server at once: no checkpoint, every connection dropped; the next start recovers from the log.</summary>
    public Task CrashAsync() => PgCtlAsync("stop", "-D", Data, "-m", "immediate", "-w");

    public Task StartAgainAsync() =>
        PgCtlAsync("start", "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o", $"-p {_cluster.Port}");

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>As the cluster's own account when this process is root, as <see cref="LocalPostgres"/> runs it.</summary>
    private async Task PgCtlAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "runuser" : _pgCtl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var arg in (string[])["-u", "postgres", "--", _pgCtl])
                info.ArgumentList.Add(arg);
        }
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', args)} failed: {await output}{await error}");
    }
}
