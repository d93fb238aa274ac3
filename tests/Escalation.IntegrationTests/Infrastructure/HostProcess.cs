using System.Diagnostics;
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
}
