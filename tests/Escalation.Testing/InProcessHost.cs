using JasperFx.CommandLine;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Escalation.Testing;

/// <summary>
/// The real host in this process, as the integration tests and the in-process benchmarks run it: the host's own
/// Program through <see cref="WebApplicationFactory{TEntryPoint}"/>, on the database given, with settings laid over its
/// configuration and services replaced where a caller needs (a fake clock).
/// </summary>
public static class InProcessHost
{
    public static WebApplicationFactory<Program> Create(
        string connectionString, IEnumerable<(string Key, string Value)> settings, Action<IServiceCollection>? services = null)
    {
        // Program ends in RunJasperFxCommands, which must start the host when a test server drives it.
        JasperFxEnvironment.AutoStartHost = true;
        return new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Escalation", connectionString);
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
            web.ConfigureTestServices(replaced =>
            {
                replaced.AddSingleton<IWolverineExtension, HostAssembly>();
                services?.Invoke(replaced);
            });
        });
    }

    /// <summary>
    /// Wolverine may take the process's entry assembly (a benchmark) as the application whose handlers it scans, and
    /// then the host's own (the timers') go unfound: name the host's assembly, whoever runs it.
    /// </summary>
    private sealed class HostAssembly : IWolverineExtension
    {
        public void Configure(WolverineOptions options) => options.ApplicationAssembly = typeof(Program).Assembly;
    }
}
