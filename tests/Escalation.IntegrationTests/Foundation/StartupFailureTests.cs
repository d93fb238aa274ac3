using System.Net;
using System.Net.Sockets;
using Escalation.Host.Features.Integrity;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Escalation.IntegrationTests.Foundation;

/// <summary>The host refuses to start on bad database or digest settings with one clear message and a non-zero exit code.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("escalation-startup-").FullName;

    [Fact]
    public async Task a_malformed_connection_string_names_the_setting()
    {
        var (exitCode, stderr) = await HostProcess.RunAsync(("ConnectionStrings__Escalation", "Host=127.0.0.1;Colour=blue"));

        exitCode.ShouldNotBe(0);
        stderr.ShouldContain("ConnectionStrings:Escalation is malformed");
        stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task an_unreachable_database_names_the_setting_and_the_address()
    {
        var port = ClosedLoopbackPort();

        var (exitCode, stderr) = await HostProcess.RunAsync(
            ("ConnectionStrings__Escalation", $"Host=127.0.0.1;Port={port};Username=x;Password=y;Database=z;Timeout=3"));

        exitCode.ShouldNotBe(0);
        stderr.ShouldContain("ConnectionStrings:Escalation names a database that cannot be reached");
        stderr.ShouldContain($"port {port}");
    }

    [Fact]
    public async Task a_connection_string_without_a_digest_folder_names_the_setting()
    {
        var database = await TestCluster.CreateDatabaseAsync("nodigests");

        var (exitCode, stderr) = await HostProcess.RunAsync(("ConnectionStrings__Escalation", database));

        exitCode.ShouldNotBe(0);
        stderr.ShouldContain("Escalation:Integrity:DigestFolder must name the folder");
        stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public void the_built_in_databases_digests_sit_beside_its_cluster_folder()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Escalation:LocalDatabase:Directory"] = Path.Combine(_folder, "postgres") })
            .Build();

        DigestFile.ResolveFolder(configuration).ShouldBe(Path.Combine(_folder, "digests"));
    }

    [Fact]
    public async Task a_data_folder_of_another_postgres_version_is_refused_and_left_untouched()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "PG_VERSION"), "9\n");
        await File.WriteAllTextAsync(Path.Combine(data, "base"), "precious");

        var (exitCode, stderr) = await HostProcess.RunAsync(("Escalation__LocalDatabase__Directory", _folder));

        exitCode.ShouldNotBe(0);
        stderr.ShouldContain("was created by PostgreSQL 9");
        Directory.GetFileSystemEntries(data).Length.ShouldBe(2);
        (await File.ReadAllTextAsync(Path.Combine(data, "base"))).ShouldBe("precious");
    }

    [Fact]
    public async Task a_data_folder_that_is_not_a_cluster_is_refused_and_left_untouched()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "notes.txt"), "not a cluster");

        var (exitCode, stderr) = await HostProcess.RunAsync(("Escalation__LocalDatabase__Directory", _folder));

        exitCode.ShouldNotBe(0);
        stderr.ShouldContain("holds no PostgreSQL cluster");
        Directory.GetFileSystemEntries(data).ShouldBe([Path.Combine(data, "notes.txt")]);
    }

    [Fact]
    public async Task a_broken_reference_data_file_names_the_code_at_fault()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "sample-county.json"));
        var broken = Path.Combine(_folder, "county.json");
        await File.WriteAllTextAsync(broken, sample.Replace("\"parentCode\": \"SC-T01\"}", "\"parentCode\": \"SC-T99\"}", StringComparison.Ordinal));

        var (exitCode, stderr) = await HostProcess.RunAsync(("Escalation__ReferenceData", broken));

        exitCode.ShouldNotBe(0);
        stderr.ShouldContain("Escalation:ReferenceData");
        stderr.ShouldContain("SC-T99");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
