using Escalation.Host.Infrastructure;
using Escalation.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Escalation.Benchmarks;

/// <summary>
/// The real host in-process, on a PostgreSQL cluster of its own provisioned as the tests do but durable (fsync on),
/// or on a database it is given.
/// </summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly (string Folder, LocalPostgres Cluster)? _owned;

    private BenchmarkHost(WebApplicationFactory<Program> factory, string connectionString, (string, LocalPostgres)? owned)
    {
        Factory = factory;
        ConnectionString = connectionString;
        _owned = owned;
    }

    public WebApplicationFactory<Program> Factory { get; }
    public IServiceProvider Services => Factory.Services;
    public string ConnectionString { get; }

    public static async Task<BenchmarkHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("escalation-bench-").FullName;
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { Directory = folder });
        return Start(cluster.ConnectionString, (folder, cluster), settings);
    }

    /// <summary>The host on a database that outlives it.</summary>
    public static BenchmarkHost StartOn(string connectionString, params (string Key, string Value)[] settings) =>
        Start(connectionString, null, settings);

    private static BenchmarkHost Start(string connectionString, (string, LocalPostgres)? owned, (string Key, string Value)[] settings)
    {
        // The host's content (appsettings.json, Data/) is copied beside the benchmark: without this, the factory looks for
        // it relative to the current directory, and a benchmark started from the repository's root would not find it.
        const string contentRoot = "ASPNETCORE_TEST_CONTENTROOT_ESCALATION_HOST";
        if (Environment.GetEnvironmentVariable(contentRoot) is null)
            Environment.SetEnvironmentVariable(contentRoot, AppContext.BaseDirectory);
        var factory = InProcessHost.Create(connectionString,
        [
            ("Logging:LogLevel:Default", "Warning"),
            // Its warning that the benchmark, not the host, is the application assembly: InProcessHost names the host's.
            ("Logging:LogLevel:Wolverine.Runtime.WolverineRuntime", "Error"),
            .. settings,
        ]);
        _ = factory.Services;
        return new BenchmarkHost(factory, connectionString, owned);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_owned is (var folder, var cluster))
        {
            await cluster.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
