using System.Net;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.IntegrationTests.WebConsole;
using Npgsql;

namespace Escalation.IntegrationTests.Foundation;

/// <summary>
/// The database goes away under a running host (its own cluster, killed with <c>pg_ctl stop -m immediate</c>) and
/// comes back: meanwhile every read and write, on the API and the console's pages, is a 503 with problem details and
/// Retry-After, and <c>/health/ready</c> is 503 without naming the database; once it is back, all of it works again.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private StoppableCluster _cluster = null!;
    private EscalationApp _app = null!;

    public async Task InitializeAsync()
    {
        _cluster = await StoppableCluster.StartAsync("outage");
        _app = await EscalationApp.StartAsync(_cluster.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task while_the_database_is_down_reads_and_writes_are_503_with_retry_after_and_work_again_once_it_is_back()
    {
        var operatorApi = _app.ClientFor("op-01");
        var township = _app.ClientFor("disp-SC-T01");
        var id = await operatorApi.ReportAsync();
        var console = await ConsoleClient.SignedInAsync(_app, "disp-SC-T01");
        var token = await console.FormTokenAsync($"/tickets/{id}");

        await _cluster.StopImmediatelyAsync();

        Func<Task<HttpResponseMessage>>[] requests =
        [
            () => township.GetAsync($"/api/tickets/{id}"),
            () => township.GetAsync("/api/tickets"),
            () => township.GetAsync($"/api/tickets/{id}/history"),
            () => township.GetAsync("/api/board"),
            () => township.GetAsync("/api/stats"),
            () => operatorApi.SendAsync(Api.Request(HttpMethod.Post, "/api/tickets", Api.NewTicket())),
            () => township.CommandAsync(id, "triage", new { categoryCode = "M-LE-01" }),
            () => console.GetAsync("/inbox"),
            () => console.GetAsync($"/tickets/{id}"),
            () => console.PostFormAsync($"/tickets/{id}?handler=triage", new() { ["version"] = "1", ["categoryCode"] = "M-LE-01" }, token),
        ];
        foreach (var request in requests)
            await ShouldBeUnavailableAsync(await request());

        var ready = await _app.Client.GetAsync("/health/ready");
        await ready.ShouldHaveStatusAsync(HttpStatusCode.ServiceUnavailable);
        ready.Headers.RetryAfter.ShouldNotBeNull();
        var report = await ready.Content.ReadAsStringAsync();
        JsonDocument.Parse(report).RootElement.GetProperty("status").GetString().ShouldBe("Unhealthy");
        ShouldNameNoDatabase(report);

        await _cluster.StartAgainAsync();

        await (await _app.Client.GetAsync("/health/ready")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await township.TicketAsync(id)).GetProperty("id").GetGuid().ShouldBe(id);
        await township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await operatorApi.ReportAsync();
        await (await console.GetAsync("/inbox")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await _app.ClientFor("aud-01").HistoryAsync(id)).ShouldBe(["TicketReported", "TicketTriaged"]);
    }

    private async Task ShouldBeUnavailableAsync(HttpResponseMessage response)
    {
        await response.ShouldHaveStatusAsync(HttpStatusCode.ServiceUnavailable);
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";
        response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(5), what);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", what);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(503, what);
        problem.RootElement.GetProperty("type").GetString().ShouldBe("https://escalation.example/problems/database-unavailable", what);
        ShouldNameNoDatabase(body);
    }

    private void ShouldNameNoDatabase(string body)
    {
        var database = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString);
        body.ShouldNotContain(database.Host!);
        body.ShouldNotContain($":{database.Port}");
        body.ShouldNotContain($"port {database.Port}", Case.Insensitive);
        body.ShouldNotContain(database.Database!);
        body.ShouldNotContain("Npgsql");
    }
}
