using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.IntegrationTests.WebConsole;

namespace Escalation.IntegrationTests.ApiTests;

/// <summary>
/// Hostile requests that found a 500 (or a problem in .NET's words) after the fuzz: the all-zero ticket id, numbers and
/// days at the ends of their types, text that is not Unicode, values of the wrong JSON type, a lost race. Each is
/// refused as problem details that name the field, in the API's words.
/// </summary>
public sealed class HostileInputTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private const string Zero = "00000000-0000-0000-0000-000000000000";

    [Theory]
    [InlineData("disp-SC-T01", "triage", """{"categoryCode":"M-LE-01"}""")]
    [InlineData("disp-SC", "accept", "{}")]
    [InlineData("disp-SC-T01-V01", "return", """{"reason":"不属本村"}""")]
    [InlineData("disp-SC-T01-V01", "escalate", """{"reason":"by-hand"}""")]
    [InlineData("disp-SC", "transfer", """{"departmentCode":"D-UM"}""")]
    [InlineData("disp-SC-T01", "whistles", """{"departmentCodes":["D-UM"],"reason":"占道经营"}""")]
    [InlineData("dept-D-UM", $"whistles/{Zero}/report-in", """{"onSite":true}""")]
    [InlineData("dept-D-MR", $"whistles/{Zero}/return", """{"reason":"不归本部门"}""")]
    [InlineData("disp-SC-T01", "progress", """{"note":"已到现场"}""")]
    [InlineData("disp-SC-T01", "resolve", """{"summary":"已修复"}""")]
    [InlineData("disp-SC", "urge", """{"note":"快办"}""")]
    [InlineData("op-01", "rating", """{"rating":"satisfied"}""")]
    [InlineData("disp-SC-T01-V01", "reopen", """{"reason":"未修好"}""")]
    [InlineData("disp-SC-T01-V01", "close", "{}")]
    [InlineData("disp-SC-T01", "merge", """{"intoTicketId":"{master}"}""")]
    [InlineData("op-01", "withdraw", """{"reason":"市民已自行解决"}""")]
    [InlineData("admin", "erase-citizen-data", "{}")]
    public async Task a_command_on_the_all_zero_ticket_id_is_404_like_any_missing_ticket(string user, string command, string body)
    {
        var master = await app.ClientFor("op-01").ReportAsync();

        var response = await app.ClientFor(user).PostAsync(
            $"/api/tickets/{Zero}/{command}", Json(body.Replace("{master}", master.ToString(), StringComparison.Ordinal)));

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await ProblemAsync(response)).GetProperty("type").GetString().ShouldBe("https://escalation.example/problems/no-such-ticket");
    }

    [Theory]
    [InlineData("/api/tickets?page=2147483647", "page")]
    [InlineData("/api/tickets?page=10737419", "page")]
    [InlineData("/api/stats?from=0001-01-01&to=0001-01-02", "from")]
    [InlineData("/api/stats?to=0001-01-01", "to")]
    [InlineData("/api/stats?from=9999-12-30&to=9999-12-31", "to")]
    [InlineData("/api/stats?from=9999-12-01&to=9999-12-30&period=week", "from")]
    public async Task a_query_value_at_the_end_of_its_type_is_400_naming_the_field(string path, string field)
    {
        var response = await app.ClientFor("disp-SC").GetAsync(path);

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task the_last_page_postgres_can_offset_is_an_empty_page()
    {
        var response = await app.ClientFor("disp-SC").GetAsync("/api/tickets?page=10737418&pageSize=200");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        page.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("op-01", "", """{"channel":"hotline","description":"\ud800","location":{"villageCode":"SC-T01-V01"}}""", "description")]
    [InlineData("op-01", "", """{"channel":"hotline","description":"路灯","citizen":{"name":"王\udfff"},"location":{"villageCode":"SC-T01-V01"}}""", "citizen.name")]
    [InlineData("op-01", "", """{"channel":"hotline","description":"路灯","location":{"villageCode":"SC-T01-V01","address":"\ude00\ud83d"}}""", "location.address")]
    [InlineData("disp-SC-T01", "triage", """{"categoryCode":"\ud800"}""", "categoryCode")]
    [InlineData("disp-SC-T01", "whistles", """{"departmentCodes":["D-UM","\udbff"],"reason":"占道"}""", "departmentCodes[1]")]
    [InlineData("disp-SC", "urge", """{"note":"快\ud83d办"}""", "note")]
    public async Task a_lone_surrogate_is_400_naming_the_field_without_dotnet_type_names(string user, string command, string body, string field) =>
        await ShouldNameOnlyTheFieldAsync(user, command, body, field);

    [Theory]
    [InlineData("op-01", "", """{"channel":1,"description":"路灯","location":{"villageCode":"SC-T01-V01"}}""", "channel")]
    [InlineData("op-01", "", """{"channel":"hotline","description":["路灯"],"location":{"villageCode":"SC-T01-V01"}}""", "description")]
    [InlineData("op-01", "", """{"channel":"hotline","description":"路灯","citizen":"王秀英","location":{"villageCode":"SC-T01-V01"}}""", "citizen")]
    [InlineData("op-01", "", """{"channel":"hotline","description":"路灯","citizen":{"phone":13812345678},"location":{"villageCode":"SC-T01-V01"}}""", "citizen.phone")]
    [InlineData("op-01", "", """{"channel":"hotline","description":"路灯","location":[]}""", "location")]
    [InlineData("op-01", "", """{"channel":"hotline","description":"路灯","location":{"villageCode":true}}""", "location.villageCode")]
    [InlineData("op-01", "", """{"channel":"hotline","description":"路灯","location":{"villageCode":"SC-T01-V01"},"urgency":{}}""", "urgency")]
    [InlineData("disp-SC-T01", "triage", """{"categoryCode":1e400}""", "categoryCode")]
    [InlineData("disp-SC-T01", "whistles", """{"departmentCodes":"D-UM","reason":"占道"}""", "departmentCodes")]
    [InlineData("disp-SC-T01", "merge", """{"intoTicketId":"not-a-guid"}""", "intoTicketId")]
    [InlineData("disp-SC-T01", "merge", """{"intoTicketId":12345678901234567890}""", "intoTicketId")]
    [InlineData("op-01", "rating", """{"rating":5}""", "rating")]
    [InlineData("disp-SC-T01", "triage", "[]", "body")]
    public async Task a_value_of_the_wrong_json_type_is_400_naming_the_field_without_dotnet_type_names(string user, string command, string body, string field) =>
        await ShouldNameOnlyTheFieldAsync(user, command, body, field);

    [Fact]
    public async Task a_409_says_in_words_that_someone_else_changed_the_ticket_and_carries_no_exception_text()
    {
        var id = await app.ClientFor("op-01").ReportAsync(Api.NewTicket(categoryCode: null));
        var county = app.ClientFor("disp-SC");
        var conflicts = new List<HttpResponseMessage>();
        // Races are not certain to overlap on two cores: run rounds until one has lost a race.
        for (var round = 0; round < 8 && conflicts.Count == 0; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => county.CommandAsync(id, "urge", new { note = $"第{round}轮 {i}" })));
            conflicts.AddRange(responses.Where(r => r.StatusCode == HttpStatusCode.Conflict));
        }

        conflicts.ShouldNotBeEmpty();
        foreach (var conflict in conflicts)
        {
            var problem = await ProblemAsync(conflict);
            problem.GetProperty("type").GetString().ShouldBe("https://escalation.example/problems/concurrent-change");
            problem.GetProperty("title").GetString().ShouldBe("Someone else changed the ticket at the same moment: reload it and try again.");
            problem.GetProperty("detail").GetString().ShouldBe("Another change to this ticket was saved first; nothing of yours was kept.");
        }
    }

    [Theory]
    [InlineData("/board", HttpStatusCode.MethodNotAllowed)]
    [InlineData("/inbox", HttpStatusCode.MethodNotAllowed)]
    [InlineData("/audit/{ticket}", HttpStatusCode.MethodNotAllowed)]
    [InlineData("/tickets/{ticket}?handler=no-such-action", HttpStatusCode.BadRequest)]
    [InlineData("/tickets/{ticket}", HttpStatusCode.BadRequest)]
    public async Task a_console_form_post_to_no_action_of_the_page_is_refused_with_problem_details(string path, HttpStatusCode expected)
    {
        var ticket = await app.ClientFor("op-01").ReportAsync();
        var console = await ConsoleClient.SignedInAsync(app, "aud-01");

        var response = await console.PostFormAsync("/inbox", path.Replace("{ticket}", ticket.ToString(), StringComparison.Ordinal), []);

        await response.ShouldHaveStatusAsync(expected);
        await ProblemAsync(response);
        (await app.ClientFor("aud-01").HistoryAsync(ticket)).ShouldBe(["TicketReported"]);
    }

    private async Task ShouldNameOnlyTheFieldAsync(string user, string command, string body, string field)
    {
        var ticket = await app.ClientFor("op-01").ReportAsync();
        var path = command.Length == 0 ? "/api/tickets" : $"/api/tickets/{ticket}/{command}";

        var response = await app.ClientFor(user).PostAsync(path, Json(body));

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        var problem = await ProblemAsync(response);
        problem.GetProperty("type").GetString().ShouldBe("https://escalation.example/problems/invalid-request");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
        text.ShouldNotContain("Escalation.", Case.Sensitive);
        text.ShouldNotContain("System.", Case.Sensitive);
        text.ShouldNotContain("BytePositionInLine");
        (await app.ClientFor("aud-01").HistoryAsync(ticket)).ShouldBe(["TicketReported"]);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe((int)response.StatusCode);
        return problem;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
