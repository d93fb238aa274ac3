using System.Net;
using System.Text.RegularExpressions;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Escalation.IntegrationTests.WebConsole;

/// <summary>
/// A whole case through the web console in Chromium, each role signed in as a user of the sample county: the
/// operator files it; the village lets it run late, it turns red and climbs to the township; the township whistles two
/// departments; one reports in; the case is resolved, rated and closed; the auditor replays it. Each page is saved
/// as a screenshot in TestResults/screenshots. In the "Browser" category, so that <c>--filter "Category!=Browser"</c>
/// leaves it out where there is no Chromium.
/// </summary>
[Trait("Category", "Browser")]
// One Chromium story at a time: two at once on two shared cores time out.
[Collection("Chromium")]
public sealed class ConsoleStoryTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Village = "SC-T01-V01";
    private readonly EscalationApp _app = fixture.App;

    [Fact]
    public async Task a_case_from_the_call_to_the_auditors_replay()
    {
        // The operator takes the call. A first try without a description is refused beside that field, keeping what was typed.
        var operatorPage = await SignedInAsync("op-01");
        operatorPage.Url.ShouldEndWith("/intake");
        await operatorPage.FillAsync("[name='Form.CitizenName']", "王秀英");
        await operatorPage.FillAsync("[name='Form.CitizenPhone']", "13812345678");
        await operatorPage.FillAsync("[name='Form.Place']", await OptionAsync(operatorPage, "places", Village));
        await operatorPage.FillAsync("[name='Form.Category']", await OptionAsync(operatorPage, "categories", "M-LE-01"));
        await operatorPage.FillAsync("[name='Form.Address']", "新发村三组路口");
        await operatorPage.ClickAsync("button.primary");
        (await operatorPage.TextContentAsync(".error[data-field='description']")).ShouldBe("必填。");
        (await operatorPage.InputValueAsync("[name='Form.CitizenName']")).ShouldBe("王秀英");
        await Browser.ScreenshotAsync(operatorPage, "01-intake-error-beside-the-field");

        await operatorPage.FillAsync("[name='Form.Description']", "路口有人占道摆摊，车辆无法通行");
        await operatorPage.PressAsync("[name='Form.Description']", "Control+Enter");
        var ticketId = Guid.Parse((await operatorPage.TextContentAsync("[data-testid=ticket-number]"))!);
        await Browser.ScreenshotAsync(operatorPage, "02-intake-ticket-number");

        // The next caller reports the same matter in the same place: the form hints at the open ticket.
        await operatorPage.FillAsync("[name='Form.Place']", await OptionAsync(operatorPage, "places", Village));
        await operatorPage.FillAsync("[name='Form.Category']", await OptionAsync(operatorPage, "categories", "M-LE-01"));
        await operatorPage.Locator("[name='Form.Category']").DispatchEventAsync("change");
        await operatorPage.Locator("[data-testid=duplicates]").GetByText(ticketId.ToString()).WaitForAsync();
        await Browser.ScreenshotAsync(operatorPage, "03-intake-duplicate-hint");

        // The township (属地) triages it to the village, which then lets it run late: yellow, then red, and up it goes.
        var township = await SignedInAsync("disp-SC-T01");
        await ActAsync(township, ticketId, "triage");
        var village = await SignedInAsync("disp-SC-T01-V01");
        (await LightAsync(village, ticketId)).ShouldBe("none");
        var accept = (await _app.ClocksAsync(ticketId)).Single(c => c.Clock == Clock.Accept);
        await _app.DeliverAsync(accept, Light.Yellow);
        await village.ReloadAsync();
        (await LightAsync(village, ticketId)).ShouldBe("yellow");
        await Browser.ScreenshotAsync(village, "04-village-inbox-yellow");
        await _app.DeliverAsync(accept, Light.Red);
        await village.ReloadAsync();
        (await village.Locator($"tr[data-ticket='{ticketId}']").CountAsync()).ShouldBe(0);

        await township.GotoAsync("/inbox");
        var row = township.Locator($"tr[data-ticket='{ticketId}']");
        (await row.Locator("[data-testid=missed]").CountAsync()).ShouldBe(1);
        await Browser.ScreenshotAsync(township, "05-township-inbox-red-escalated");

        // The township accepts and whistles two departments.
        await ActAsync(township, ticketId, "accept");
        await township.GotoAsync($"/tickets/{ticketId}");
        var whistle = township.Locator("form[data-action='whistle']");
        await whistle.Locator("input[value='D-UM']").CheckAsync();
        await whistle.Locator("input[value='D-HC']").CheckAsync();
        await whistle.Locator("[name=reason]").FillAsync("占道经营屡劝不改，需城管、住建联合处置");
        await whistle.Locator("button").ClickAsync();
        await township.Locator("[data-testid=whistle]").WaitForAsync();
        await Browser.ScreenshotAsync(township, "06-ticket-whistle-blown");

        // A department handler signs in, sees the ticket in the department's inbox, and reports in.
        var department = await SignedInAsync("dept-D-UM");
        await ActAsync(department, ticketId, "reportIn", form => form.Locator("input[name=onSite][value=true]").CheckAsync());
        await department.GotoAsync($"/tickets/{ticketId}");
        (await department.Locator("[data-testid=whistle] li[data-department='D-UM'] .badge").TextContentAsync()).ShouldBe("已报到");
        await Browser.ScreenshotAsync(department, "07-department-reported-in");
        var phone = await fixture.Browser.NewPageAsync(_app.Address, width: 390, height: 844);
        await SignInAsync(phone, "dept-D-HC");
        await Browser.ScreenshotAsync(phone, "08-department-inbox-on-a-phone");

        // The township resolves, but someone noted progress first: the console says so and keeps the summary typed.
        await township.GotoAsync($"/tickets/{ticketId}");
        var resolve = township.Locator("form[data-action='resolve']");
        await resolve.Locator("[name=summary]").FillAsync("摊位已清理，设置疏导点");
        (await _app.ClientFor("disp-SC-T01").CommandAsync(ticketId, "progress", new { note = "城管中队已到场" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await resolve.Locator("button").ClickAsync();
        await township.Locator("[data-testid=form-problem]").WaitForAsync();
        (await township.Locator("form[data-action='resolve'] [name=summary]").InputValueAsync()).ShouldBe("摊位已清理，设置疏导点");
        await Browser.ScreenshotAsync(township, "09-conflict-keeps-the-input");
        await township.Locator("form[data-action='resolve'] button").ClickAsync();
        await township.WaitForURLAsync($"**/tickets/{ticketId}");
        (await township.Locator("[data-testid=status]").TextContentAsync()).ShouldBe("已办结待回访");

        // The operator calls the citizen back and records the rating; the township closes the case.
        await operatorPage.GotoAsync("/inbox");
        await ActAsync(operatorPage, ticketId, "rate", form => form.Locator("input[name=rating][value=satisfied]").CheckAsync());
        await ActAsync(township, ticketId, "close");
        await township.GotoAsync($"/tickets/{ticketId}");
        (await township.Locator("[data-testid=status]").TextContentAsync()).ShouldBe("已结案");

        // The auditor reads the whole timeline, finds the chain intact, and replays the case to when it climbed.
        var auditor = await SignedInAsync("aud-01");
        await auditor.GotoAsync($"/audit/{ticketId}");
        var types = await auditor.Locator("[data-testid=timeline] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.type)");
        types.Where(t => t is not ("TimeLimitStarted" or "WarningLightLit")).ShouldBe(
        [
            "TicketReported", "TicketTriaged", "TicketEscalated", "TicketAccepted", "WhistleBlown", "DepartmentReportedIn",
            "ProgressNoted", "TicketResolved", "CitizenRated", "TicketClosed",
        ]);
        (await auditor.GetAttributeAsync("[data-testid=chain]", "data-valid")).ShouldBe("true");
        await Browser.ScreenshotAsync(auditor, "10-audit-timeline-closed");
        var escalatedAt = Array.IndexOf(types, "TicketEscalated") + 1;
        await auditor.Locator("#version").FillAsync(escalatedAt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await auditor.WaitForURLAsync(new Regex($"version={escalatedAt}$"));
        (await auditor.TextContentAsync("[data-testid=as-of-holder]")).ShouldBe(_app.Services.GetRequiredService<ReferenceData>().FindUnit("SC-T01")!.NameZh);
        (await auditor.TextContentAsync("[data-testid=as-of-status]")).ShouldBe("待签收");
        await Browser.ScreenshotAsync(auditor, "11-audit-replayed-to-the-escalation");

        // Leaders read the board; the language switch turns the console English.
        await auditor.GotoAsync("/board");
        await auditor.Locator("svg.chart").WaitForAsync();
        (await auditor.Locator("[data-testid=board-units] tbody tr").CountAsync()).ShouldBeGreaterThan(10);
        await Browser.ScreenshotAsync(auditor, "12-board");
        await auditor.ClickAsync("[data-testid=language]");
        await auditor.GetByText("Warning board").First.WaitForAsync();
        await Browser.ScreenshotAsync(auditor, "13-board-in-english");
    }

    private async Task<IPage> SignedInAsync(string userId)
    {
        var page = await fixture.Browser.NewPageAsync(_app.Address);
        await SignInAsync(page, userId);
        return page;
    }

    private static async Task SignInAsync(IPage page, string userId)
    {
        await page.GotoAsync("/");
        page.Url.ShouldContain("/signin");
        await page.SelectOptionAsync("#userId", userId);
        await page.ClickAsync("button.primary");
        await page.Locator("[data-testid=who]").WaitForAsync();
    }

    /// <summary>Opens the ticket's actions in the inbox, fills the form as told, and sends it; the inbox comes back saying it is done.</summary>
    private static async Task ActAsync(IPage page, Guid ticketId, string action, Func<ILocator, Task>? fill = null)
    {
        await page.GotoAsync("/inbox");
        var row = page.Locator($"tr[data-ticket='{ticketId}']");
        await row.Locator("details.actions > summary").ClickAsync();
        var form = row.Locator($"form[data-action='{action}']");
        if (fill is not null)
            await fill(form);
        await form.Locator("button").ClickAsync();
        await page.Locator(".notice.ok").WaitForAsync();
    }

    private static async Task<string> LightAsync(IPage page, Guid ticketId) =>
        (await page.GetAttributeAsync($"tr[data-ticket='{ticketId}'] .light", "data-light"))!;

    /// <summary>The choice the operator picks from a search list: the option whose label ends with the code.</summary>
    private static async Task<string> OptionAsync(IPage page, string list, string code) =>
        (await page.GetAttributeAsync($"#{list} option[value$='[{code}]']", "value"))!;
}
