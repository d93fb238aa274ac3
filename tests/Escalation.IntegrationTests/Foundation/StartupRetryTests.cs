using System.Net;
using System.Net.Sockets;
using Escalation.IntegrationTests.Infrastructure;
using Npgsql;

namespace Escalation.IntegrationTests.Foundation;

/// <summary>
/// A restart that meets a transient database fault as it starts (after a crash: a lock the dead process's transaction
/// still holds, a deadlock on Wolverine's envelopes) starts again instead of leaving the service down.
/// </summary>
public sealed class StartupRetryTests
{
    [Fact]
    public async Task a_start_that_times_out_on_a_lock_of_the_envelopes_starts_again_and_becomes_ready()
    {
        // Every connection of the host gives up on a lock after 1 s, as a deadlock victim gives up on its own.
        var database = new NpgsqlConnectionStringBuilder(await TestCluster.CreateDatabaseAsync("startretry")) { Options = "-c lock_timeout=1000" }.ConnectionString;
        var digests = Directory.CreateTempSubdirectory("escalation-startretry-digests").FullName;
        await using (var first = Start(database, digests, out var firstAddress))
            await WaitUntilReadyAsync(firstAddress, first);

        await using var blocker = new NpgsqlConnection(database);
        await blocker.OpenAsync();
        await using var holding = await blocker.BeginTransactionAsync();
        // As a transaction of a killed host that PostgreSQL has not yet ended: Wolverine's start updates every envelope.
        await using (var lockEnvelopes = new NpgsqlCommand("lock table escalation.wolverine_incoming_envelopes in share mode", blocker, holding))
            await lockEnvelopes.ExecuteNonQueryAsync();

        await using var host = Start(database, digests, out var address);
        await WaitForAsync(() => host.Output.Contains("failed on a transient database fault", StringComparison.Ordinal), host);
        await holding.RollbackAsync();

        await WaitUntilReadyAsync(address, host);
        host.Output.ShouldContain("Start 1 of 10 failed on a transient database fault");
    }

    private static RunningHost Start(string database, string digests, out Uri address)
    {
        address = new Uri($"http://127.0.0.1:{FreePort()}");
        return HostProcess.Start([],
        [
            ("ASPNETCORE_URLS", address.ToString().TrimEnd('/')),
            ("ConnectionStrings__Escalation", database),
            ("Escalation__Integrity__DigestFolder", digests),
        ]);
    }

    private static async Task WaitUntilReadyAsync(Uri address, RunningHost host)
    {
        using var client = new HttpClient { BaseAddress = address };
        await WaitForAsync(async () =>
        {
            try
            {
                using var ready = await client.GetAsync("/health/ready");
                return ready.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, host);
    }

    private static Task WaitForAsync(Func<bool> condition, RunningHost host) => WaitForAsync(() => Task.FromResult(condition()), host);

    private static async Task WaitForAsync(Func<Task<bool>> condition, RunningHost host)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (host.HasExited)
                throw new InvalidOperationException($"The host exited:\n{host.Output}");
            if (DateTime.UtcNow > giveUp)
                throw new TimeoutException($"Waited 90 s:\n{host.Output}");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
