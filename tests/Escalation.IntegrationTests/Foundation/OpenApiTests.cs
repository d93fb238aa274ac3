using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Foundation;

public sealed class OpenApiTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private static readonly string[] Commands =
    [
        "triage", "accept", "escalate", "transfer", "whistles", "whistles/{whistleId}/report-in", "whistles/{whistleId}/return",
        "return", "progress", "resolve", "rating", "reopen", "urge", "merge", "withdraw", "close", "erase-citizen-data",
    ];

    [Fact]
    public async Task the_document_describes_every_route_with_its_request_response_and_error_codes()
    {
        using var document = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        var intake = paths.GetProperty("/api/tickets").GetProperty("post");
        intake.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .ShouldEndWith("ReportRequest");
        ResponseSchema(intake, "201").ShouldEndWith("TicketCreated");
        foreach (var command in Commands)
        {
            var post = paths.GetProperty($"/api/tickets/{{id}}/{command}").GetProperty("post");
            var responses = post.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            responses.ShouldBe(["200", "400", "401", "403", "404", "409", "412", "413", "422", "503"], ignoreOrder: true, customMessage: command);
            ResponseSchema(post, "422").ShouldEndWith("ProblemDetails", customMessage: command);
            HeaderParameters(post).ShouldBe(["Idempotency-Key", "If-Match"], ignoreOrder: true, customMessage: command);
        }
        HeaderParameters(intake).ShouldBe(["Idempotency-Key"]);
        var reportIn = paths.GetProperty("/api/tickets/{id}/whistles/{whistleId}/report-in").GetProperty("post");
        reportIn.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .ShouldEndWith("ReportInRequest");
        reportIn.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path")
            .Select(p => p.GetProperty("name").GetString()).ShouldBe(["id", "whistleId"], ignoreOrder: true);
        ResponseSchema(paths.GetProperty("/api/tickets/{id}/urge").GetProperty("post"), "200").ShouldEndWith("CommandAccepted");
        ResponseSchema(paths.GetProperty("/api/tickets/{id}/whistles").GetProperty("post"), "200").ShouldEndWith("WhistleBlownResponse");
        ResponseSchema(paths.GetProperty("/api/tickets/{id}").GetProperty("get"), "200").ShouldEndWith("TicketDetails");
        paths.GetProperty("/api/tickets/{id}").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _).ShouldBeTrue("a read may find the database gone");
        ResponseSchema(paths.GetProperty("/api/tickets").GetProperty("get"), "200").ShouldEndWith("TicketPage");
        ResponseSchema(paths.GetProperty("/api/tickets/{id}/state").GetProperty("get"), "200").ShouldEndWith("TicketView");
        ResponseSchema(paths.GetProperty("/api/tickets/{id}/verify").GetProperty("get"), "200").ShouldEndWith("ChainVerification");
        ResponseSchema(paths.GetProperty("/api/integrity/verify").GetProperty("get"), "200").ShouldEndWith("DigestVerification");
        ResponseSchema(paths.GetProperty("/api/board").GetProperty("get"), "200").ShouldEndWith("WarningBoard");
        ResponseSchema(paths.GetProperty("/api/stats").GetProperty("get"), "200").ShouldEndWith("StatsReport");
        paths.GetProperty("/api/stats").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _).ShouldBeTrue();
        foreach (var list in new[] { "units", "departments", "catalogue" })
            paths.GetProperty($"/api/reference/{list}").GetProperty("get").GetProperty("responses").TryGetProperty("200", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task the_reference_page_is_served_with_its_script_from_the_host_itself()
    {
        var page = await app.Client.GetAsync("/scalar/");
        var script = await app.Client.GetAsync("/scalar/scalar.js");

        page.IsSuccessStatusCode.ShouldBeTrue();
        (await page.Content.ReadAsStringAsync()).ShouldContain("\"url\":\"openapi/v1.json\"");
        script.IsSuccessStatusCode.ShouldBeTrue();
    }

    private static string ResponseSchema(JsonElement operation, string status) =>
        operation.GetProperty("responses").GetProperty(status).GetProperty("content").EnumerateObject().First()
            .Value.GetProperty("schema").GetProperty("$ref").GetString()!;

    private static IEnumerable<string> HeaderParameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()!)
            : [];
}
