using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.ApiTests;

/// <summary>
/// Requests at the edges the fuzz does not generate (a JSON null body, a body that is not JSON, If-Match on merge,
/// the role before the fields, paths and query values that name nothing): each test states the rule.
/// </summary>
public sealed class RequestEdgeTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Theory]
    [InlineData("op-01", "")]
    [InlineData("disp-SC", "triage")]
    [InlineData("disp-SC", "escalate")]
    [InlineData("disp-SC", "transfer")]
    [InlineData("disp-SC", "whistles")]
    [InlineData("dept-D-UM", "whistles/{whistle}/report-in")]
    [InlineData("dept-D-UM", "whistles/{whistle}/return")]
    [InlineData("disp-SC", "return")]
    [InlineData("disp-SC", "progress")]
    [InlineData("disp-SC", "resolve")]
    [InlineData("op-01", "rating")]
    [InlineData("disp-SC", "reopen")]
    [InlineData("disp-SC", "urge")]
    [InlineData("disp-SC", "merge")]
    [InlineData("op-01", "withdraw")]
    public async Task a_json_null_body_is_400_with_problem_details(string user, string command)
    {
        var id = await app.ClientFor("op-01").ReportAsync();
        var path = command.Length == 0 ? "/api/tickets" : $"/api/tickets/{id}/{command.Replace("{whistle}", Guid.NewGuid().ToString(), StringComparison.Ordinal)}";

        var response = await app.ClientFor(user).PostAsync(path, new StringContent("null", Encoding.UTF8, "application/json"));

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
        (await app.ClientFor("aud-01").HistoryAsync(id)).ShouldBe(["TicketReported"]);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task a_body_that_is_not_json_is_415_with_problem_details(string contentType)
    {
        var id = await app.ClientFor("op-01").ReportAsync();
        var content = new StringContent("{\"note\":\"已到现场\"}", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var response = await app.ClientFor("disp-SC-T01").PostAsync($"/api/tickets/{id}/urge", content);

        await response.ShouldHaveStatusAsync(HttpStatusCode.UnsupportedMediaType);
        (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task merge_with_a_stale_if_match_is_412_and_merges_nothing()
    {
        var op = app.ClientFor("op-01");
        var duplicate = await op.ReportAsync();
        var master = await op.ReportAsync();

        var response = await app.ClientFor("disp-SC-T01").CommandAsync(duplicate, "merge", new { intoTicketId = master }, ifMatch: 7);

        await response.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed);
        (await app.ClientFor("aud-01").HistoryAsync(duplicate)).ShouldBe(["TicketReported"]);
        (await app.ClientFor("aud-01").HistoryAsync(master)).ShouldBe(["TicketReported"]);
    }

    [Fact]
    public async Task merge_with_a_malformed_if_match_is_400_and_merges_nothing()
    {
        var op = app.ClientFor("op-01");
        var duplicate = await op.ReportAsync();
        var master = await op.ReportAsync();
        var request = Api.Request(HttpMethod.Post, $"/api/tickets/{duplicate}/merge", new { intoTicketId = master });
        request.Headers.TryAddWithoutValidation("If-Match", "not-a-version");

        var response = await app.ClientFor("disp-SC-T01").SendAsync(request);

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await app.ClientFor("aud-01").HistoryAsync(duplicate)).ShouldBe(["TicketReported"]);
    }

    [Fact]
    public async Task a_role_without_the_right_is_403_even_when_its_body_is_invalid()
    {
        var id = await app.ClientFor("op-01").ReportAsync();

        var urge = await app.ClientFor("aud-01").CommandAsync(id, "urge", new { note = "" });
        var merge = await app.ClientFor("aud-01").CommandAsync(id, "merge", new { });

        await merge.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await urge.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/api/tickets/not-a-guid/accept")]
    [InlineData("/api/tickets/{ticket}/whistles/not-a-guid/report-in")]
    public async Task a_path_that_names_no_ticket_or_whistle_is_404_with_problem_details(string path)
    {
        var id = await app.ClientFor("op-01").ReportAsync();

        var response = await app.ClientFor("disp-SC").PostAsync(
            path.Replace("{ticket}", id.ToString(), StringComparison.Ordinal), new StringContent("{}", Encoding.UTF8, "application/json"));

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("/api/tickets?page=abc")]
    [InlineData("/api/tickets?pageSize=1e9")]
    public async Task a_query_value_that_is_not_a_number_is_400_not_a_default(string path)
    {
        var response = await app.ClientFor("disp-SC").GetAsync(path);

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
