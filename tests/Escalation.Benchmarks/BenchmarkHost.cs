using Escalation.Host.Infrastructure;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Escalation.Benchmarks;

/// <summary>The real host on a PostgreSQL cluster of its own, provisioned as the tests do but durable (fsync on).</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly string _folder;
    private readonly LocalPostgres _cluster;

    private BenchmarkHost(string folder, LocalPostgres cluster, WebApplicationFactory<Program> factory)
    {
        _folder = folder;
        _cluster = cluster;
        Factory = factory;
    }

    public WebApplicationFactory<Program> Factory { get; }
    public IServiceProvider Services => Factory.Services;
    public string ConnectionString => _cluster.ConnectionString;

    public static async Task<BenchmarkHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("escalation-bench-").FullName;
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { Directory = folder });
        JasperFxEnvironment.AutoStartHost = true;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Escalation", cluster.ConnectionString);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
        });
        _ = factory.Services;
        return new BenchmarkHost(folder, cluster, factory);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
