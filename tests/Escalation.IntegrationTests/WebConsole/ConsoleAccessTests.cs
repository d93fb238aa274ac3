using System.Net;
using System.Text;
using Escalation.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Escalation.IntegrationTests.WebConsole;

/// <summary>Who sees what in the console, and that its forms go through the same rules and the same outbox as the API.</summary>
public sealed class ConsoleAccessTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task a_page_asks_who_you_are_first()
    {
        var answer = await ConsoleClient.For(app).GetAsync("/inbox");

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldBe("http://localhost/signin?ReturnUrl=%2Finbox");
    }

    [Fact]
    public async Task an_operator_may_not_open_the_board()
    {
        var console = await ConsoleClient.SignedInAsync(app, "op-01");

        var answer = await console.GetAsync("/board");

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldBe("/denied");
    }

    [Fact]
    public async Task a_department_never_summoned_finds_no_such_ticket_and_cannot_act_on_it()
    {
        var id = await app.ClientFor("op-01").ReportAsync();
        await app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        var department = await ConsoleClient.SignedInAsync(app, "dept-D-EE");

        var page = await department.GetAsync($"/tickets/{id}");
        var accept = await department.PostFormAsync("/inbox", $"/tickets/{id}?handler=accept", new() { ["version"] = "3" });

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).ShouldContain("找不到工单");
        accept.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.ClientFor("aud-01").HistoryAsync(id)).ShouldBe(["TicketReported", "TicketTriaged"]);
    }

    [Fact]
    public async Task another_townships_dispatcher_does_not_see_the_ticket_in_the_inbox()
    {
        var id = await app.ClientFor("op-01").ReportAsync();
        var own = await ConsoleClient.SignedInAsync(app, "disp-SC-T01");
        var other = await ConsoleClient.SignedInAsync(app, "disp-SC-T02");

        (await (await own.GetAsync("/inbox")).Content.ReadAsStringAsync()).ShouldContain(id.ToString());
        (await (await other.GetAsync("/inbox")).Content.ReadAsStringAsync()).ShouldNotContain(id.ToString());
    }

    [Fact]
    public async Task a_command_from_the_console_stores_its_timers_in_the_same_transaction()
    {
        var id = await app.ClientFor("op-01").ReportAsync();
        var township = await ConsoleClient.SignedInAsync(app, "disp-SC-T01");

        var triage = await township.PostFormAsync("/inbox", $"/tickets/{id}?handler=triage", new() { ["version"] = "3", ["categoryCode"] = "M-LE-01" });

        triage.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ClientFor("aud-01").HistoryAsync(id)).ShouldBe(["TicketReported", "TicketTriaged"]);
        (await ScheduledTimersAsync(id)).ShouldBe(6, "the yellow and red timers of intake's clocks (to triage, the whole case) and of the accept limit");
    }

    [Fact]
    public async Task a_form_sent_against_an_old_version_is_a_conflict_that_changes_nothing()
    {
        var id = await app.ClientFor("op-01").ReportAsync();
        var township = await ConsoleClient.SignedInAsync(app, "disp-SC-T01");
        await app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });

        var triage = await township.PostFormAsync("/inbox", $"/tickets/{id}?handler=triage", new() { ["version"] = "1", ["categoryCode"] = "M-LE-02" });

        triage.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await triage.Content.ReadAsStringAsync();
        page.ShouldContain("有人先一步处理了这张工单");
        page.ShouldContain("先行处理（分类派单），工单现为“待签收”");
        page.ShouldNotContain("data-action=\"triage\"");
        (await app.ClientFor("aud-01").HistoryAsync(id)).ShouldBe(["TicketReported", "TicketTriaged"]);
    }

    [Fact]
    public async Task the_auditor_sees_where_the_hash_chain_breaks()
    {
        var id = await app.ClientFor("op-01").ReportAsync();
        await app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        var auditor = await ConsoleClient.SignedInAsync(app, "aud-01");
        (await (await auditor.GetAsync($"/audit/{id}")).Content.ReadAsStringAsync()).ShouldContain("data-valid=\"true\"");

        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand(
                $"update escalation.mt_events set data = jsonb_set(data, '{{Description}}', '\"无事\"') where stream_id = '{id}' and version = 1", connection);
            await tamper.ExecuteNonQueryAsync();
        }
        var page = await (await auditor.GetAsync($"/audit/{id}")).Content.ReadAsStringAsync();

        page.ShouldContain("data-valid=\"false\"");
        page.ShouldContain("哈希链断裂：第 1 个事件");
    }

    [Fact]
    public async Task the_auditor_is_told_a_case_whose_events_were_all_archived_has_nothing_left_to_replay()
    {
        var id = await app.ClientFor("op-01").ReportAsync();
        await app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        var auditor = await ConsoleClient.SignedInAsync(app, "aud-01");

        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand($"update escalation.mt_events set is_archived = true where stream_id = '{id}'", connection);
            (await tamper.ExecuteNonQueryAsync()).ShouldBeGreaterThan(1);
        }
        var response = await auditor.GetAsync($"/audit/{id}");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("data-reason=\"archived\"");
        page.ShouldContain("哈希链断裂：第 1 个事件（ticket_reported）被归档，历史和回放中已看不到。");
        page.ShouldNotContain("data-testid=\"timeline\"");
    }

    private async Task<long> ScheduledTimersAsync(Guid ticketId)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*) from {store.Options.DatabaseSchemaName}.wolverine_incoming_envelopes where status = 'Scheduled' and position(@id in body) > 0",
            connection);
        command.Parameters.AddWithValue("id", Encoding.UTF8.GetBytes(ticketId.ToString()));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
