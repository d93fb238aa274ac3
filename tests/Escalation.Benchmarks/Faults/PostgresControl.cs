using System.Diagnostics;
using Escalation.Benchmarks.BusyDay;
using Escalation.Host.Infrastructure;
using Npgsql;

namespace Escalation.Benchmarks.Faults;

/// <summary>
/// Stops the benchmark's cluster as a crash would (<c>pg_ctl stop -m immediate</c>: no checkpoint, crash recovery on
/// the next start) and starts it again on the same port, so the host's connection string stays valid.
/// </summary>
public sealed class PostgresControl(BenchCluster cluster)
{
    private readonly string _pgCtl = Path.Combine(
        LocalPostgres.FindBinDirectory(Environment.GetEnvironmentVariable("PATH")) ?? throw new InvalidOperationException("No PostgreSQL binaries."),
        "pg_ctl");
    private readonly string _data = Path.Combine(cluster.Folder, "data");
    private readonly int _port = new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Port;

    public async Task StopImmediatelyAsync() =>
        await RunAsync(["stop", "-D", _data, "-m", "immediate", "-w", "-t", "60"]);

    public async Task StartAsync()
    {
        await RunAsync(["start", "-D", _data, "-l", Path.Combine(cluster.Folder, "server.log"), "-w", "-t", "120", "-o", $"-p {_port}"]);
        // This process's pooled connections died with the server.
        NpgsqlConnection.ClearAllPools();
    }

    private async Task RunAsync(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "runuser" : _pgCtl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var a in (string[])["-u", "postgres", "--", _pgCtl])
                info.ArgumentList.Add(a);
        }
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', info.ArgumentList)} failed: {output.Trim()}");
    }
}
