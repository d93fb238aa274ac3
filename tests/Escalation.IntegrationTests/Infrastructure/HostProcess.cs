using System.Diagnostics;
using System.Text;
using Escalation.Testing;

namespace Escalation.IntegrationTests.Infrastructure;

/// <summary>Runs the built host as a process, as an operator would from the command line.</summary>
public static class HostProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithOutputAsync(
        string[] args, params (string Name, string Value)[] environment)
    {
        var info = HostCommand.StartInfo(HostCommand.BuiltHost, args, environment);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the service and returns once it has exited (it must refuse to start for that).</summary>
    public static async Task<(int ExitCode, string Stderr)> RunAsync(params (string Name, string Value)[] environment)
    {
        var (exitCode, _, stderr) = await RunWithOutputAsync(["--urls", "http://127.0.0.1:0"], environment);
        return (exitCode, stderr);
    }

    /// <summary>Starts the service and leaves it running until the returned host is disposed.</summary>
    public static RunningHost Start(string[] args, params (string Name, string Value)[] environment) =>
        new(Process.Start(HostCommand.StartInfo(HostCommand.BuiltHost, args, environment))!);
}

/// <summary>A host process started by <see cref="HostProcess.Start"/>: its output so far, and its pid for /proc.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    internal RunningHost(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
