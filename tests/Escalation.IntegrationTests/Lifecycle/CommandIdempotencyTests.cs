using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Lifecycle;

/// <summary>
/// Every command takes an Idempotency-Key: a client whose answer was lost retries with the same key and gets the answer
/// the first request got, not a refusal of a command already done.
/// </summary>
public sealed class CommandIdempotencyTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _county = app.ClientFor("disp-SC");

    private static HttpRequestMessage Command(Guid id, string command, object body, string key) =>
        Api.Request(HttpMethod.Post, $"/api/tickets/{id}/{command}", body, key);

    [Fact]
    public async Task a_retried_command_answers_as_the_first_did_and_appends_nothing()
    {
        var id = await _operator.ReportAsync();
        var key = Guid.NewGuid().ToString();

        var first = await _township.SendAsync(Command(id, "triage", new { categoryCode = "M-LE-01" }, key));
        var retry = await _township.SendAsync(Command(id, "triage", new { categoryCode = "M-LE-01" }, key));

        await first.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await retry.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.ETag.ShouldBe(first.Headers.ETag);
        (await app.ClientFor("aud-01").HistoryAsync(id)).Count(type => type == "TicketTriaged").ShouldBe(1);
    }

    [Fact]
    public async Task without_a_key_the_same_retry_is_refused_by_the_process_rules()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });

        var retry = await _township.CommandAsync(id, "triage", new { categoryCode = "M-LE-01" });

        await retry.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task a_retried_whistle_answers_with_the_first_whistle()
    {
        var id = await _operator.ReportAsync(Api.NewTicket(categoryCode: null));
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T01" });
        await _township.DoAsync(id, "accept");
        var key = Guid.NewGuid().ToString();
        var body = new { departmentCodes = new[] { "D-UM" }, reason = "需要执法" };

        var first = await (await _township.SendAsync(Command(id, "whistles", body, key))).Content.ReadFromJsonAsync<JsonElement>();
        var retry = await (await _township.SendAsync(Command(id, "whistles", body, key))).Content.ReadFromJsonAsync<JsonElement>();

        retry.GetProperty("whistleId").GetGuid().ShouldBe(first.GetProperty("whistleId").GetGuid());
        (await app.ClientFor("aud-01").HistoryAsync(id)).Count(type => type == "WhistleBlown").ShouldBe(1);
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_refused_and_changes_nothing()
    {
        var id = await _operator.ReportAsync();
        var key = Guid.NewGuid().ToString();
        await (await _county.SendAsync(Command(id, "urge", new { note = "请尽快" }, key))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var other = await _county.SendAsync(Command(id, "urge", new { note = "另一条督办" }, key));

        await other.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("idempotency-key-reused");
        (await app.ClientFor("aud-01").HistoryAsync(id)).Count(type => type == "TicketUrged").ShouldBe(1);
    }

    [Fact]
    public async Task a_key_is_the_callers_own()
    {
        var key = Guid.NewGuid().ToString();

        var mine = await _operator.ReportAsync(Api.NewTicket(description: "同一把钥匙"), key);
        var theirs = await app.ClientFor("op-02").ReportAsync(Api.NewTicket(description: "同一把钥匙"), key);

        theirs.ShouldNotBe(mine);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("   ")]
    public async Task an_empty_or_blank_key_is_a_bad_request_naming_the_header(string key)
    {
        var id = await _operator.ReportAsync();
        var request = Api.Request(HttpMethod.Post, $"/api/tickets/{id}/urge", new { note = "请尽快" });
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await _county.SendAsync(request);

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
        (await app.ClientFor("aud-01").HistoryAsync(id)).ShouldNotContain("TicketUrged");
    }
}
