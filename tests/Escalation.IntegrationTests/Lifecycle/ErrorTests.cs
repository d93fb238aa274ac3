using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Lifecycle;

/// <summary>Each kind of failure gets its status code and problem details, never a 500.</summary>
public sealed class ErrorTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");

    [Fact]
    public async Task an_unknown_ticket_is_404()
    {
        var response = await _township.CommandAsync(Guid.NewGuid(), "accept");

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task a_rule_of_the_process_refused_is_422_with_its_code()
    {
        var id = await _operator.ReportAsync();

        var response = await _township.CommandAsync(id, "resolve", new { summary = "已处理" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("invalid-state");
        problem.GetProperty("title").GetString()!.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task missing_and_invalid_fields_are_400_naming_each_field()
    {
        var response = await _operator.PostAsJsonAsync("/api/tickets", new { channel = "fax", citizen = new { phone = "1\u00002" } });

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["channel", "description", "citizen.phone", "location"], ignoreOrder: true);
    }

    [Fact]
    public async Task malformed_json_is_400()
    {
        var response = await _operator.PostAsync("/api/tickets", new StringContent("{\"channel\": ", Encoding.UTF8, "application/json"));

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_role_without_the_right_to_a_command_is_403()
    {
        var id = await _operator.ReportAsync();

        var response = await app.ClientFor("aud-01").CommandAsync(id, "urge", new { note = "快" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task another_units_ticket_is_404_not_403()
    {
        var id = await _operator.ReportAsync();

        var read = await app.ClientFor("disp-SC-T02").GetAsync($"/api/tickets/{id}");
        var act = await app.ClientFor("disp-SC-T02").CommandAsync(id, "triage", new { categoryCode = "M-LE-01" });

        await read.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        await act.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task no_token_is_401()
    {
        var response = await app.Client.GetAsync("/api/reference/units");

        await response.ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_body_over_the_limit_is_413()
    {
        var response = await _operator.PostAsJsonAsync("/api/tickets", new { description = new string('x', 100_000) });

        await response.ShouldHaveStatusAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
