using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Privacy;

/// <summary>Every answer or page that shows a citizen's name, phone (unmasked) or address is logged: who, when, which ticket, which fields.</summary>
public sealed class PersonalDataViewTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _auditor = app.ClientFor("aud-01");

    public sealed record Viewed(Guid TicketId, string UserId, string Role, string UnitCode, DateTimeOffset At, string[] Fields, string Via)
    {
        /// <summary>Two entries are equal when they say the same, their fields in the same order.</summary>
        public bool Equals(Viewed? other) =>
            other is not null && (TicketId, UserId, Role, UnitCode, At, string.Join(",", Fields), Via) == (other.TicketId, other.UserId, other.Role, other.UnitCode, other.At, string.Join(",", other.Fields), other.Via);

        public override int GetHashCode() => HashCode.Combine(TicketId, UserId, At, Via);
    }

    [Fact]
    public async Task who_saw_the_citizen_unmasked_or_the_address_is_logged_with_the_fields_shown()
    {
        var id = await _operator.ReportAsync();
        await app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-06" });
        await app.ClientFor("disp-SC-T01").DoAsync(id, "accept");
        await app.ClientFor("disp-SC-T01").DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM" }, reason = "违建" });
        var at = app.Clock.GetUtcNow();

        (await app.ClientFor("disp-SC-T01").GetAsync($"/api/tickets/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ClientFor("dept-D-UM").GetAsync($"/api/tickets/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ClientFor("disp-SC-T01").GetAsync($"/api/tickets/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var console = await WebConsole.ConsoleClient.SignedInAsync(app, "disp-SC-T01");
        (await console.GetAsync($"/tickets/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ViewsAsync(id)).ShouldBe(
        [
            new Viewed(id, "disp-SC-T01", "dispatcher", "SC-T01", at, ["name", "phone", "address"], "console"),
            new Viewed(id, "disp-SC-T01", "dispatcher", "SC-T01", at, ["address"], "history"),
            new Viewed(id, "dept-D-UM", "department", "D-UM", at, ["address"], "api"),
            new Viewed(id, "disp-SC-T01", "dispatcher", "SC-T01", at, ["name", "phone", "address"], "api"),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task once_erased_a_ticket_shows_no_personal_data_and_no_view_is_logged()
    {
        var id = await _operator.ReportAsync();
        await app.ClientFor("admin").DoAsync(id, "erase-citizen-data");

        (await _operator.GetAsync($"/api/tickets/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _operator.GetAsync($"/api/tickets/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ViewsAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task only_auditors_and_the_administrator_read_the_log()
    {
        var id = await _operator.ReportAsync();
        await _operator.GetAsync($"/api/tickets/{id}");

        foreach (var user in new[] { "op-01", "disp-SC", "dept-D-UM" })
            (await app.ClientFor(user).GetAsync($"/api/privacy/views?ticket={id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        var byUser = await (await app.ClientFor("admin").GetAsync("/api/privacy/views?user=op-01")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        byUser.GetProperty("items").EnumerateArray().ShouldContain(v => v.GetProperty("ticketId").GetGuid() == id);
        byUser.GetProperty("items").EnumerateArray().ShouldAllBe(v => v.GetProperty("userId").GetString() == "op-01");
        var bad = await _auditor.GetAsync("/api/privacy/views?page=0");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("page");
    }

    [Fact]
    public async Task the_console_lists_who_saw_a_ticket_by_its_number_for_auditors_only()
    {
        var id = await _operator.ReportAsync();
        await _operator.GetAsync($"/api/tickets/{id}");
        var number = (await _operator.TicketAsync(id)).GetProperty("number").GetString()!;

        var auditor = await WebConsole.ConsoleClient.SignedInAsync(app, "aud-01");
        var page = await auditor.GetAsync($"/privacy/views?ticket={number}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain($">{number}</a>");
        html.ShouldContain("姓名、电话、地址");
        html.ShouldContain("接口：工单");

        var dispatcher = await WebConsole.ConsoleClient.SignedInAsync(app, "disp-SC-T01");
        var denied = await dispatcher.GetAsync("/privacy/views");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldBe("/denied", StringCompareShould.IgnoreCase);
    }

    private async Task<Viewed[]> ViewsAsync(Guid id)
    {
        var response = await _auditor.GetAsync($"/api/privacy/views?ticket={id}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        return page.GetProperty("items").Deserialize<Viewed[]>(Api.Json)!;
    }
}
