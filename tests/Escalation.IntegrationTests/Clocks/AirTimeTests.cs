using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.IntegrationTests.Clocks;

/// <summary>Time in the air through the real host on the fake clock: the board's tickets in the air now, and the day's figures.</summary>
public sealed class AirTimeTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");
    private readonly HttpClient _auditor = app.ClientFor("aud-01");

    [Fact]
    public async Task a_ticket_returned_unsigned_flies_on_until_the_sign_for_and_the_stats_give_its_times()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T01-V01" });
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await _village.DoAsync(id, "return", new { reasonCode = "wrong-place", reason = "不在本村" });
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T01-V01" });
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var flying = await BoardAsync();
        (flying.GetProperty("inTheAir").GetInt32(), flying.GetProperty("bounced").GetInt32()).ShouldBe((1, 1));

        await _village.DoAsync(id, "accept");
        (await BoardAsync()).GetProperty("inTheAir").GetInt32().ShouldBe(0);

        await app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var day = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var stats = await _auditor.GetFromJsonAsync<JsonElement>($"/api/stats?unit=SC-T01&groupBy=unit&period=day&from={day}&to={day}", Api.Json);
        var village = stats.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "SC-T01-V01");
        // Dispatched again at +30 min, signed for at +36: its own 6 minutes; the flight ran 36 minutes from the first triage.
        (village.GetProperty("signedFor").GetInt32(), village.GetProperty("signForP50Minutes").GetDecimal(), village.GetProperty("signForP90Minutes").GetDecimal(),
            village.GetProperty("bounces").GetInt32(), village.GetProperty("meanAirMinutes").GetDecimal()).ShouldBe((1, 6m, 6m, 1, 36m));
        (await _township.TicketAsync(id)).GetProperty("air").GetProperty("total").GetString().ShouldBe("00:36:00");
    }

    private async Task<JsonElement> BoardAsync() => await _township.GetFromJsonAsync<JsonElement>("/api/board", Api.Json);
}
