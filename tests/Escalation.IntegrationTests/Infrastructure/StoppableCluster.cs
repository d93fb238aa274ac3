using System.Diagnostics;
using Escalation.Host.Infrastructure;

namespace Escalation.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test class's own, provisioned as the host provisions its built-in database (durable), that the
/// test stops abruptly (<c>pg_ctl stop -m immediate</c>, as a crash would) and starts again on the same port, so the
/// host's connection string stays right. The shared <see cref="TestCluster"/> is never stopped.
/// </summary>
public sealed class StoppableCluster : IAsyncDisposable
{
    private readonly LocalPostgres _cluster;
    private readonly string _folder;
    private readonly string _pgCtl;
    private readonly string? _runAs = Environment.IsPrivilegedProcess ? new LocalPostgresOptions().ServiceAccount : null;

    private StoppableCluster(LocalPostgres cluster, string folder, string pgCtl)
    {
        _cluster = cluster;
        _folder = folder;
        _pgCtl = pgCtl;
    }

    public string ConnectionString => _cluster.ConnectionString;
    public int Port => _cluster.Port;

    public static async Task<StoppableCluster> StartAsync(string name)
    {
        var folder = TestCluster.FolderFor(name);
        var bin = LocalPostgres.FindBinDirectory(Environment.GetEnvironmentVariable("PATH"))
            ?? throw new InvalidOperationException("No PostgreSQL server binaries on PATH or in /usr/lib/postgresql/*/bin.");
        // Durable, unlike the shared cluster: with asynchronous commit an immediate stop loses the last commits, which a
        // crash of a real deployment's database (synchronous_commit on) does not.
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { Directory = folder, BinDirectory = bin, Database = name });
        return new StoppableCluster(cluster, folder, Path.Combine(bin, "pg_ctl"));
    }

    /// <summary>Kills the server at once: open connections break mid-stream, new ones are refused.</summary>
    public Task StopImmediatelyAsync() => PgCtlAsync("stop", "-D", Data, "-m", "immediate", "-w", "-t", "60");

    /// <summary>Starts the server again on its port, and returns once it accepts connections.</summary>
    public Task StartAgainAsync() =>
        PgCtlAsync("start", "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o", $"-p {Port}");

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    private string Data => Path.Combine(_folder, "data");

    private async Task PgCtlAsync(params string[] args)
    {
        var info = new ProcessStartInfo { FileName = _runAs is null ? _pgCtl : "runuser", RedirectStandardOutput = true, RedirectStandardError = true };
        if (_runAs is not null)
        {
            foreach (var a in (string[])["-u", _runAs, "--", _pgCtl])
                info.ArgumentList.Add(a);
        }
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', args)} failed: {await output}{await error}");
    }
}
