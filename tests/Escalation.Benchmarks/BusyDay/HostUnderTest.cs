using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Escalation.Testing;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>
/// The real host as an operator runs it: <c>dotnet Escalation.Host.dll --urls http://127.0.0.1:port</c>, a process of
/// its own on Kestrel, on the given database, with the given signing key and logging at Warning. Its output goes to a
/// log file, whose tail is shown when it fails.
/// </summary>
public sealed class HostUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _disposed;

    private HostUnderTest(Process process, StreamWriter log, Uri address, string logPath)
    {
        _process = process;
        _log = log;
        Address = address;
        LogPath = logPath;
    }

    public Uri Address { get; }
    public string LogPath { get; }
    public int Pid => _process.Id;
    public bool HasExited => _disposed || _process.HasExited;

    /// <param name="port">The port to listen on (a host restarted after a crash keeps its address); null: a free one.</param>
    public static HostUnderTest Start(
        string hostDll, string connectionString, string signingKey, string logPath, IReadOnlyList<string> environment, int? port = null)
    {
        if (!File.Exists(hostDll))
            throw new FileNotFoundException($"The host to run, '{hostDll}', does not exist: build it, or name it with --host.");
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        (string, string)[] settings =
        [
            ("ConnectionStrings__Escalation", connectionString),
            // The daily integrity digests, beside the log.
            ("Escalation__Integrity__DigestFolder", Path.Combine(Path.GetDirectoryName(Path.GetFullPath(logPath))!, "digests")),
            ("Escalation__Auth__SigningKey", signingKey),
            ("Logging__LogLevel__Default", "Warning"),
            .. environment.Select(setting => setting.Split('=', 2) is [var name, var value]
                ? (name, value)
                : throw new ArgumentException($"--host-env: '{setting}' is not NAME=value.")),
        ];
        var info = HostCommand.StartInfo(hostDll, ["--urls", address.ToString().TrimEnd('/')], settings);

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HostUnderTest(process, log, address, logPath);
    }

    /// <summary>Peak (VmHWM) and current (VmRSS) resident memory of the host process, in MiB, from /proc.</summary>
    public Memory ReadMemory()
    {
        var status = $"/proc/{_process.Id}/status";
        if (HasExited || !File.Exists(status))
            return new Memory(double.NaN, double.NaN);
        var lines = File.ReadAllLines(status);
        double MiB(string key) =>
            lines.FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal)) is { } line
                ? double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024
                : double.NaN;
        return new Memory(Math.Round(MiB("VmHWM"), 1), Math.Round(MiB("VmRSS"), 1));
    }

    /// <summary>The last lines of the host's output.</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return string.Join(Environment.NewLine, reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }

    /// <summary>Kills the host with SIGKILL, as a power cut or the OOM killer would: no shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            await SignalAsync("-KILL");
            await _process.WaitForExitAsync();
        }
        await DisposeAsync();
    }

    /// <summary>
    /// Stops the host's process (SIGSTOP) for a while and lets it go on (SIGCONT), as a paused virtual machine would:
    /// its code stays compiled, so what it does next is what a warm host does.
    /// </summary>
    public async Task FreezeAsync(TimeSpan duration)
    {
        await SignalAsync("-STOP");
        await Task.Delay(duration);
        await SignalAsync("-CONT");
    }

    private async Task SignalAsync(string signal)
    {
        using var process = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await process.WaitForExitAsync();
    }

    /// <summary>Stops the host as a service manager would (SIGTERM), waiting for a graceful shutdown, else kills it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
        {
            await SignalAsync("-TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // the host's last words after it was stopped
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed record Memory(double PeakMiB, double ResidentMiB);
