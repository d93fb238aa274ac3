using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.ReadModels;

/// <summary>The auditors' replay: the ticket as it stood at a version or at a moment of the case's time.</summary>
public sealed class ReplayTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");
    private readonly HttpClient _county = app.ClientFor("disp-SC");
    private readonly HttpClient _auditor = app.ClientFor("aud-01");

    [Fact]
    public async Task each_version_replays_to_the_ticket_as_it_stood_after_that_command()
    {
        var (id, seen) = await LongCaseAsync();

        seen.Count.ShouldBeGreaterThan(12);
        foreach (var (version, ticket) in seen)
            (await StateAsync(id, $"version={version}")).ShouldBe(ticket, $"version {version}");
    }

    [Fact]
    public async Task as_of_a_moment_of_case_time_replays_the_events_up_to_it()
    {
        var (id, seen) = await LongCaseAsync();
        var reportedAt = DateTimeOffset.Parse(JsonDocument.Parse(seen[seen.Keys.Min()]).RootElement.GetProperty("reportedAt").GetString()!);
        string AfterCommand(int commands) => seen.OrderBy(s => s.Key).ElementAt(commands).Value;

        // Each command came ten minutes after the one before, by the host's clock: the store's own timestamps are today's.
        (await StateAsync(id, AsOf(reportedAt))).ShouldBe(AfterCommand(0));
        (await StateAsync(id, AsOf(reportedAt.AddMinutes(25)))).ShouldBe(AfterCommand(2));
        (await StateAsync(id, AsOf(reportedAt.AddMinutes(30).ToOffset(TimeSpan.Zero)))).ShouldBe(AfterCommand(3));
        (await StateAsync(id, AsOf(reportedAt.AddDays(30)))).ShouldBe(seen[seen.Keys.Max()]);
    }

    [Fact]
    public async Task an_unencoded_plus_in_the_offset_is_read_as_a_plus()
    {
        var (id, seen) = await LongCaseAsync();
        var reportedAt = DateTimeOffset.Parse(JsonDocument.Parse(seen[seen.Keys.Min()]).RootElement.GetProperty("reportedAt").GetString()!);

        (await StateAsync(id, $"asOf={reportedAt.AddMinutes(5):yyyy-MM-ddTHH:mm:ss}+08:00")).ShouldBe(seen[seen.Keys.Min()]);
    }

    [Theory]
    [InlineData("", "version")]
    [InlineData("version=2&asOf=2026-11-23T10:00:00%2B08:00", "version")]
    [InlineData("version=0", "version")]
    [InlineData("version=-1", "version")]
    [InlineData("version=abc", "version")]
    [InlineData("version=99999999999999999999", "version")]
    [InlineData("version=40", "version")]
    [InlineData("asOf=yesterday", "asOf")]
    [InlineData("asOf=2026-11-23T10:00:00", "asOf")]
    [InlineData("asOf=2000-01-01T00:00:00Z", "asOf")]
    public async Task a_bad_version_or_time_is_400_naming_the_field(string query, string field)
    {
        var id = await _operator.ReportAsync();

        var response = await _auditor.GetAsync($"/api/tickets/{id}/state?{query}");

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task a_ticket_the_caller_may_not_see_or_that_does_not_exist_is_404()
    {
        var id = await _operator.ReportAsync();

        await (await app.ClientFor("disp-SC-T02").GetAsync($"/api/tickets/{id}/state?version=1")).ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        await (await app.ClientFor("op-02").GetAsync($"/api/tickets/{id}/state?version=1")).ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        await (await _auditor.GetAsync($"/api/tickets/{Guid.NewGuid()}/state?version=1")).ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Through escalation, a whistle, a transfer, a return, an unsatisfied rating and a second resolution, ten minutes
    /// between commands; the live view as the auditor saw it after each command, by version (a rating appends two events).
    /// </summary>
    private async Task<(Guid Id, Dictionary<long, string> Seen)> LongCaseAsync()
    {
        var id = await _operator.ReportAsync();
        var seen = new Dictionary<long, string>();
        async Task See()
        {
            var live = await _auditor.TicketAsync(id);
            seen[live.GetProperty("version").GetInt64()] = live.GetRawText();
        }
        async Task Do(HttpClient client, string command, object? body = null)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            await client.DoAsync(id, command, body);
            await See();
        }

        await See();

        await Do(_township, "triage", new { categoryCode = "M-LE-01" });
        await Do(_village, "escalate", new { reason = "beyond-powers" });
        await Do(_township, "accept");
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var whistleId = (await _township.DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM", "D-MR" }, reason = "占道经营" })).GetProperty("whistleId").GetGuid();
        await See();
        await Do(app.ClientFor("dept-D-UM"), $"whistles/{whistleId}/report-in", new { onSite = true });
        await Do(_township, "escalate", new { reason = "beyond-powers" });
        await Do(_county, "accept");
        await Do(_county, "transfer", new { departmentCode = "D-UM" });
        await Do(app.ClientFor("dept-D-UM"), "return", new { reason = "需县里统筹" });
        await Do(_county, "resolve", new { summary = "县城管局牵头清理" });
        await Do(_operator, "rating", new { rating = "unsatisfied" });
        await Do(_county, "resolve", new { summary = "设置固定疏导点" });
        await Do(_operator, "rating", new { rating = "satisfied" });
        await Do(_county, "close");
        return (id, seen);
    }

    private async Task<string> StateAsync(Guid id, string query)
    {
        var response = await _auditor.GetAsync($"/api/tickets/{id}/state?{query}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetRawText();
    }

    private static string AsOf(DateTimeOffset moment) => "asOf=" + Uri.EscapeDataString(moment.ToString("O"));
}
