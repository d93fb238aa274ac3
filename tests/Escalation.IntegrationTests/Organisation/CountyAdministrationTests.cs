using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Escalation.Domain;
using Escalation.Domain.Organisation;
using Escalation.Domain.Reference;
using Escalation.Host.Organisation;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.IntegrationTests.WebConsole;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Escalation.IntegrationTests.Organisation;

/// <summary>The county's organisation changed at runtime, through the console and the API, on the real host and PostgreSQL.</summary>
public sealed partial class CountyAdministrationTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private HttpClient Admin => app.ClientFor("admin");

    [Fact]
    public async Task an_administrator_adds_a_village_and_its_grid_worker_in_the_console_who_opens_a_ticket_there_at_once()
    {
        var console = await ConsoleClient.SignedInAsync(app, "admin");
        var page = await (await console.GetAsync("/county")).Content.ReadAsStringAsync();
        var shown = long.Parse(Shown().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var village = await console.PostFormAsync("/county", "/county?handler=Unit", new()
        {
            ["shown"] = $"{shown}", ["code"] = "SC-T03-V90", ["nameZh"] = "新设村", ["nameEn"] = "New Village", ["kind"] = "village",
            ["parentCode"] = "SC-T03", ["why"] = "两村合并后新设",
        });
        village.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var worker = await console.PostFormAsync("/county", "/county?handler=User", new()
        {
            ["shown"] = $"{shown + 1}", ["id"] = "gw-SC-T03-V90", ["nameZh"] = "赵网格", ["nameEn"] = "Zhao Grid", ["role"] = "dispatcher",
            ["unitCode"] = "SC-T03-V90", ["why"] = "新村的网格员",
        });
        worker.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // No restart: the new user signs in with the console's picker, and opens a ticket in the new village at intake.
        var gridWorker = await ConsoleClient.SignedInAsync(app, "gw-SC-T03-V90");
        var opened = await gridWorker.PostFormAsync("/intake", "/intake", new()
        {
            ["Form.Key"] = Guid.NewGuid().ToString("N"), ["Form.Channel"] = "grid-worker", ["Form.Urgency"] = "normal",
            ["Form.CitizenName"] = "钱大妈", ["Form.CitizenPhone"] = "13912345678", ["Form.Place"] = "SC-T03-V90", ["Form.Address"] = "新设村一组",
            ["Form.Category"] = "M-LE-01", ["Form.Description"] = "村口占道经营",
        });
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ticket = Guid.Parse(opened.Headers.Location!.OriginalString.Split("created=")[1]);
        (await Admin.TicketAsync(ticket)).GetProperty("villageCode").GetString().ShouldBe("SC-T03-V90");

        var history = await (await Admin.GetAsync($"/api/tickets/{ticket}/history")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        history.EnumerateArray().Select(e => e.GetProperty("reference").GetString()).Distinct().ShouldBe([$"{shown + 2}"]);
        var audit = await (await console.GetAsync($"/audit/{ticket}?version=1")).Content.ReadAsStringAsync();
        audit.ShouldContain($"data-testid=\"as-of-reference\"><a href=\"/county?version={shown + 2}\">{shown + 2}</a>");

        var county = ReferenceDataParser.Parse(await Admin.GetStringAsync($"/api/county?version={shown + 2}"));
        county.FindUnit("SC-T03-V90").ShouldBe(new Unit("SC-T03-V90", "新设村", "New Village", UnitKind.Village, "SC-T03"));
        county.FindUser("gw-SC-T03-V90").ShouldBe(new User("gw-SC-T03-V90", "赵网格", "Zhao Grid", Role.Dispatcher, "SC-T03-V90"));
        ReferenceDataParser.Parse(await Admin.GetStringAsync($"/api/county?version={shown}")).FindUnit("SC-T03-V90").ShouldBeNull();

        var changes = await (await Admin.GetAsync("/api/county/history")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        changes.EnumerateArray().Where(c => c.GetProperty("version").GetInt64() > shown)
            .Select(c => (c.GetProperty("type").GetString(), c.GetProperty("by").GetProperty("userId").GetString(), c.GetProperty("why").GetString()))
            .ShouldBe([("UnitAdded", "admin", "两村合并后新设"), ("UserAdded", "admin", "新村的网格员")]);
        var after = await (await console.GetAsync("/county")).Content.ReadAsStringAsync();
        after.ShouldContain($"data-version=\"{shown + 2}\"");
    }

    [Fact]
    public async Task a_change_that_would_leave_matters_no_department_can_handle_is_422_with_the_start_up_checks_words()
    {
        var response = await Admin.PutAsJsonAsync("/api/county/departments/D-UM",
            new { code = "D-UM", nameZh = "县城市管理综合行政执法局", nameEn = "Urban Management", powers = Array.Empty<string>(), why = "试一试" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        problem.GetProperty("code").GetString().ShouldBe(RuleCodes.CountyInvalid);
        problem.GetProperty("errors").GetProperty("catalogue").EnumerateArray().Select(e => e.GetString())
            .ShouldContain("matter M-LE-01: no department has power over it");
    }

    [Fact]
    public async Task a_change_without_a_reason_or_with_a_bad_kind_is_400_naming_the_fields()
    {
        var response = await Admin.PostAsJsonAsync("/api/county/units", new { code = "SC-T03-V91", nameZh = "村", nameEn = "V", kind = "hamlet", parentCode = "SC-T03" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Order().ShouldBe(["kind", "why"]);
    }

    [Fact]
    public async Task only_an_administrator_changes_the_county_and_only_auditors_and_administrators_read_its_history()
    {
        var change = await app.ClientFor("disp-SC").PostAsJsonAsync("/api/county/units", new { code = "X", nameZh = "X", nameEn = "X", kind = "village", parentCode = "SC-T01", why = "x" });
        await change.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        (await app.ClientFor("disp-SC").GetAsync("/api/county/history")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.ClientFor("aud-01").GetAsync("/api/county/history")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_change_sent_against_an_earlier_version_of_the_county_is_412()
    {
        var current = (await Admin.GetAsync("/api/county")).Headers.ETag!.Tag;
        var first = await SendAsync(HttpMethod.Put, "/api/county/users/op-02", new { nameEn = "Li Hong (night shift)", why = "夜班" }, current);
        await first.ShouldHaveStatusAsync(HttpStatusCode.OK);

        var second = await SendAsync(HttpMethod.Put, "/api/county/users/op-02", new { nameEn = "Li Hong (day shift)", why = "白班" }, current);

        await second.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task a_change_racing_another_administrators_is_a_conflict_and_keeps_nothing()
    {
        var store = app.Services.GetRequiredService<CountyStore>();
        var admin = new Actor("admin", "administrator", "SC");
        var now = app.Clock.GetUtcNow();

        var result = await store.ChangeAsync(snapshot =>
        {
            // The other administrator's change commits after this one was read and before it is appended.
            Task.Run(async () =>
            {
                await using var other = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
                other.Events.Append(CountyStore.StreamId, new UserChanged(snapshot.Reference.FindUser("op-01")! with { NameEn = "Wang Li (1)" }, admin, now, "first"));
                await other.SaveChangesAsync();
            }).GetAwaiter().GetResult();
            return [new UserChanged(snapshot.Reference.FindUser("op-01")! with { NameEn = "Wang Li (2)" }, admin, now, "second")];
        }, null, CancellationToken.None);

        result.ShouldBeOfType<CountyResult.Conflict>();
        await store.RefreshAsync(CancellationToken.None);
        app.Services.GetRequiredService<ReferenceData>().FindUser("op-01")!.NameEn.ShouldBe("Wang Li (1)");
    }

    [Fact]
    public async Task a_unit_with_open_tickets_cannot_be_removed()
    {
        await app.ClientFor("op-01").ReportAsync(Api.NewTicket(villageCode: "SC-T04-V01"));

        var response = await Admin.PostAsJsonAsync("/api/county/units/SC-T04-V01/remove", new { why = "撤村" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("code").GetString().ShouldBe(RuleCodes.UnitHasOpenTickets);
    }

    [Fact]
    public async Task a_disabled_user_can_no_longer_use_the_api_nor_pick_themselves_at_sign_in()
    {
        var dispatcher = app.ClientFor("disp-SC-T05");
        (await dispatcher.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var disabled = await Admin.PostAsJsonAsync("/api/county/users/disp-SC-T05/disable", new { why = "调离" });
        await disabled.ShouldHaveStatusAsync(HttpStatusCode.OK);

        (await dispatcher.GetAsync("/api/tickets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var signIn = await ConsoleClient.For(app).PostFormAsync("/signin", "/signin", new() { ["userId"] = "disp-SC-T05" });
        signIn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        signIn.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task users_from_a_csv_sheet_and_an_xlsx_workbook_join_the_county_and_a_known_id_is_changed()
    {
        var csv = "id,nameZh,nameEn,role,unitCode\ncb-03,回访三,Callback Three,callback,SC\naud-02,审计二,Auditor Two (renamed),auditor,SC\n";
        var fromCsv = await Admin.PostAsync("/api/county/users/import?why=" + Uri.EscapeDataString("新招回访员"), new StringContent(csv, Encoding.UTF8, "text/csv"));
        await fromCsv.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await fromCsv.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("events").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["UserAdded", "UserChanged"]);

        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new[] { new { id = "op-03", nameZh = "话务三", nameEn = "Operator Three", role = "operator", unitCode = "SC" } });
        var xlsx = new ByteArrayContent(workbook.ToArray());
        xlsx.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Escalation.Host.Features.Organisation.UserSheet.XlsxType);
        var fromXlsx = await Admin.PostAsync("/api/county/users/import?why=" + Uri.EscapeDataString("新话务员"), xlsx);
        await fromXlsx.ShouldHaveStatusAsync(HttpStatusCode.OK);

        var county = app.Services.GetRequiredService<ReferenceData>();
        county.FindUser("cb-03").ShouldBe(new User("cb-03", "回访三", "Callback Three", Role.Callback, "SC"));
        county.FindUser("aud-02")!.NameEn.ShouldBe("Auditor Two (renamed)");
        county.FindUser("op-03").ShouldBe(new User("op-03", "话务三", "Operator Three", Role.Operator, "SC"));
    }

    [Fact]
    public async Task a_sheet_row_with_a_bad_role_is_400_naming_its_row_and_nothing_is_kept()
    {
        var csv = "id,nameZh,nameEn,role,unitCode\nop-09,话务九,Operator Nine,operator,SC\nop-10,话务十,Operator Ten,boss,SC\n";

        var response = await Admin.PostAsync("/api/county/users/import?why=x", new StringContent(csv, Encoding.UTF8, "text/csv"));

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["row 3.role"]);
        app.Services.GetRequiredService<ReferenceData>().FindUser("op-09").ShouldBeNull();
    }

    [Fact]
    public async Task the_county_file_exported_and_imported_again_with_a_change_is_the_county()
    {
        var file = System.Text.Json.Nodes.JsonNode.Parse(await Admin.GetStringAsync("/api/county"))!;
        file["units"]!.AsArray().First(u => (string?)u!["code"] == "SC-T06")!["nameEn"] = "Sixth Town (renamed)";

        var response = await Admin.PostAsync("/api/county/import?why=" + Uri.EscapeDataString("年度核对"), new StringContent(file.ToJsonString(), Encoding.UTF8, "application/json"));

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        app.Services.GetRequiredService<ReferenceData>().FindUnit("SC-T06")!.NameEn.ShouldBe("Sixth Town (renamed)");
        var changes = await (await Admin.GetAsync("/api/county/history")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        changes.EnumerateArray().Last().GetProperty("type").GetString().ShouldBe("CountyImported");
    }

    [Fact]
    public async Task new_time_limits_apply_to_the_next_decision()
    {
        var limits = await Admin.PutAsJsonAsync("/api/county/time-limits", new { timeLimits = new { accept = new { normal = "45 minutes" } }, why = "签收时限放宽" });
        await limits.ShouldHaveStatusAsync(HttpStatusCode.OK);

        var ticket = await app.ClientFor("op-01").ReportAsync(Api.NewTicket(villageCode: "SC-T07-V01"));
        await app.ClientFor("disp-SC-T07").DoAsync(ticket, "triage", new { categoryCode = "M-LE-01" });

        var history = await (await Admin.GetAsync($"/api/tickets/{ticket}/history")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        var accept = history.EnumerateArray().Select(e => e.GetProperty("data"))
            .Last(data => data.TryGetProperty("clock", out var clock) && clock.GetString() == "accept");
        (accept.GetProperty("deadline").GetDateTimeOffset() - accept.GetProperty("at").GetDateTimeOffset()).ShouldBe(TimeSpan.FromMinutes(45));
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Admin.SendAsync(request);
    }

    [GeneratedRegex("name=\"shown\" value=\"(\\d+)\"")]
    private static partial Regex Shown();
}
