using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.Projections.Statistics;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Escalation.IntegrationTests.WebConsole;

/// <summary>
/// The callback desk and the bulletin in Chromium: a second operator rates a ticket a village dispatcher opened and the
/// form is gone; the township's bulletin renders with its rates, ranking and hotspots, and its workbook holds the same figures.
/// </summary>
[Trait("Category", "Browser")]
// One Chromium story at a time: two at once on two shared cores time out.
[Collection("Chromium")]
public sealed class BulletinPageTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private readonly EscalationApp _app = fixture.App;

    [Fact]
    public async Task a_second_operator_rates_on_the_console_and_the_bulletin_prints_the_same_figures_as_its_workbook()
    {
        var village = _app.ClientFor("disp-SC-T01-V01");
        var township = _app.ClientFor("disp-SC-T01");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var id = await village.ReportAsync(Api.NewTicket($"路灯不亮 {i}", "SC-T01-V01", "M-LE-01"));
            await township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
            await village.DoAsync(id, "accept");
            await village.DoAsync(id, "resolve", new { summary = "已修复" });
            ids.Add(id);
        }

        var page = await SignedInAsync("op-02");
        await page.GotoAsync($"/tickets/{ids[0]}");
        var form = page.Locator("form[data-action='rate']");
        await form.Locator("input[name='solved'][value='true']").CheckAsync();
        await form.Locator("input[name='rating'][value='satisfied']").CheckAsync();
        await form.Locator("button").ClickAsync();
        await page.GotoAsync($"/tickets/{ids[0]}");
        (await page.Locator("[data-testid=rated]").InnerTextAsync()).ShouldContain("已回访评价");
        (await page.Locator("form[data-action='rate']").CountAsync()).ShouldBe(0);
        await Browser.ScreenshotAsync(page, "20-callback-rated-no-form");

        await _app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(1));
        var month = StatisticFacts.Day(_app.Clock.GetUtcNow()).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var auditor = await SignedInAsync("aud-01");
        await auditor.GotoAsync($"/bulletin?unit=SC-T01&period={month}");
        (await auditor.Locator("[data-testid=bulletin-title]").InnerTextAsync()).ShouldContain(month);
        await Browser.ScreenshotAsync(auditor, "21-bulletin");
        var screenshot = Path.Combine(Browser.ScreenshotFolder, "21-bulletin.png");
        new FileInfo(screenshot).Length.ShouldBeGreaterThan(20_000);

        var client = _app.ClientFor("aud-01");
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/bulletin?unit=SC-T01&period={month}", Api.Json);
        var rates = json.GetProperty("rates").EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : r.GetProperty("value").GetDecimal());
        rates["satisfactionPerRatingRate"].ShouldBe(100m);
        foreach (var (key, value) in rates)
        {
            var shown = await auditor.Locator($"[data-testid=bulletin-rates] tr[data-key='{key}'] td:nth-child(3)").InnerTextAsync();
            shown.ShouldBe(value is { } v ? $"{v:0.##}%" : "—", key);
        }
        var hotspot = json.GetProperty("hotspots").EnumerateArray().Single(h => h.GetProperty("villageCode").GetString() == "SC-T01-V01");
        hotspot.GetProperty("count").GetInt32().ShouldBe(3);
        (await auditor.Locator("[data-testid=bulletin-hotspots] tbody tr").CountAsync()).ShouldBe(json.GetProperty("hotspots").GetArrayLength());
        (await auditor.Locator("[data-testid=ranking-units] tbody tr").CountAsync()).ShouldBe(json.GetProperty("units").GetProperty("rows").GetArrayLength());

        await using var xlsx = await client.GetStreamAsync($"/api/bulletin?unit=SC-T01&period={month}&format=xlsx");
        using var book = new MemoryStream();
        await xlsx.CopyToAsync(book);
        var sheet = book.Query(useHeaderRow: true, sheetName: "rates").Cast<IDictionary<string, object>>()
            .ToDictionary(r => (string)r["key"], r => r["value"] is null ? (decimal?)null : Convert.ToDecimal(r["value"], CultureInfo.InvariantCulture));
        sheet.ShouldBe(rates);
        var spots = book.Query(useHeaderRow: true, sheetName: "hotspots").Cast<IDictionary<string, object>>().ToList();
        spots.Count.ShouldBe(json.GetProperty("hotspots").GetArrayLength());
        var totals = book.Query(useHeaderRow: true, sheetName: "totals").Cast<IDictionary<string, object>>().First();
        Convert.ToInt32(totals["reported"]).ShouldBe(json.GetProperty("total").GetProperty("reported").GetInt32());
    }

    private async Task<IPage> SignedInAsync(string userId)
    {
        var page = await fixture.Browser.NewPageAsync(_app.Address);
        await page.GotoAsync("/");
        await page.SelectOptionAsync("#userId", userId);
        await page.ClickAsync("button.primary");
        await page.Locator("[data-testid=who]").WaitForAsync();
        return page;
    }
}
