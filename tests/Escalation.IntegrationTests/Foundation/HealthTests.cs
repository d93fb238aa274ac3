using System.Net;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Foundation;

public sealed class HealthTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task live_answers_without_checking_anything()
    {
        var response = await app.Client.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ready_reports_the_database_healthy()
    {
        var response = await app.Client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }
}
