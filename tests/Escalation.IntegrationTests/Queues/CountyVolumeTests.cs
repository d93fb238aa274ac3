using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Escalation.Domain.Reference;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Escalation.IntegrationTests.Queues;

/// <summary>
/// The console at a county's volume, in Chromium: 3,000 tickets (<see cref="CountyFixture"/>), the work queues' tabs
/// against the API, paging to the end of a 169-ticket queue, the search, the size and load time of a township's page,
/// every remaining action from the console, and axe-core on each kind of page at two sizes in both languages.
/// </summary>
[Trait("Category", "Browser")]
public sealed class CountyVolumeTests(CountyFixture county, ITestOutputHelper output) : IClassFixture<CountyFixture>
{
    private const string BusyDispatcher = "disp-SC-T03";
    private readonly EscalationApp _app = county.App;

    [Fact]
    public async Task each_tabs_count_is_the_apis_count()
    {
        foreach (var user in new[] { BusyDispatcher, "op-01", "aud-01" })
        {
            var page = await SignedInAsync(user);
            await page.GotoAsync("/inbox");
            var tabs = await page.Locator("[data-testid=queues] a").EvaluateAllAsync<string[][]>(
                "links => links.map(a => [a.dataset.queue, a.querySelector('[data-testid=queue-count]').textContent])");
            var api = await (await _app.ClientFor(user).GetAsync("/api/tickets/queues")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
            tabs.Select(t => (t[0], long.Parse(t[1], CultureInfo.InvariantCulture)))
                .ShouldBe(api.EnumerateArray().Select(c => (c.GetProperty("queue").GetString()!, c.GetProperty("count").GetInt64())), user);
            foreach (var (queue, count) in tabs.Select(t => (t[0], long.Parse(t[1], CultureInfo.InvariantCulture))))
                (await TotalAsync(user, $"queue={queue}")).ShouldBe(count, $"{user} {queue}");
        }
        (await TotalAsync(BusyDispatcher, "queue=triage")).ShouldBe(CountyFixture.BusyTriage);
        (await TotalAsync("op-01", "queue=all")).ShouldBeGreaterThanOrEqualTo(CountyFixture.Tickets);
    }

    [Fact]
    public async Task the_last_ticket_of_a_169_ticket_queue_is_reached_by_paging()
    {
        var last = await LastByApiAsync(BusyDispatcher, "queue=triage");
        var page = await SignedInAsync(BusyDispatcher);
        await page.GotoAsync("/inbox?queue=triage");
        var seen = new List<string>();
        while (true)
        {
            seen.AddRange(await page.Locator("[data-testid=inbox] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.ticket)"));
            var next = page.Locator("[data-testid=next-page]");
            if (await next.CountAsync() == 0)
                break;
            var before = page.Url;
            await next.ClickAsync();
            await page.WaitForURLAsync(url => url != before);
        }
        seen.Count.ShouldBe(CountyFixture.BusyTriage);
        seen.ShouldBeUnique();
        seen[^1].ShouldBe(last.ToString());
    }

    [Fact]
    public async Task a_ticket_is_found_by_its_number_its_callers_phone_and_a_chinese_word_of_its_description()
    {
        var page = await SignedInAsync("disp-SC");
        var number = (await _app.ClientFor("aud-01").TicketAsync(county.NeedleTicket)).GetProperty("number").GetString()!;

        await SearchAsync(page, "q", number);
        (await RowsAsync(page)).ShouldBe([county.NeedleTicket.ToString()]);
        await SearchAsync(page, "q", "烟囱");
        (await RowsAsync(page)).ShouldBe([county.NeedleTicket.ToString()]);
        await SearchAsync(page, "phone", CountyFixture.RepeatPhone);
        (await RowsAsync(page)).ShouldBe([.. county.RepeatCalls.Select(id => id.ToString())], ignoreOrder: true);

        // The repeat caller's other tickets are on each ticket's page.
        await page.GotoAsync($"/tickets/{county.RepeatCalls[0]}");
        (await page.Locator("[data-testid=same-phone] li").CountAsync()).ShouldBe(county.RepeatCalls.Count - 1);
        await Browser.ScreenshotAsync(page, "queues-01-ticket-with-repeat-calls");
    }

    [Fact]
    public async Task the_township_inbox_page_of_50_rows_stays_small_and_its_load_time_is_reported()
    {
        var page = await SignedInAsync(BusyDispatcher);
        await page.GotoAsync("/inbox");
        var response = await page.GotoAsync("/inbox");
        var bytes = (await response!.BodyAsync()).Length;
        var rows = await page.Locator("[data-testid=inbox] tbody tr").CountAsync();
        var forms = await page.Locator("form.action").CountAsync();
        var elements = await page.EvaluateAsync<int>("document.getElementsByTagName('*').length");
        var timings = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await page.ReloadAsync();
            timings.Add(await page.EvaluateAsync<double>("(() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; })()"));
        }
        timings.Sort();
        var figures = $"township inbox ({BusyDispatcher}, {CountyFixture.Tickets} tickets in the county): {rows} rows, {bytes:N0} bytes, {elements:N0} elements, " +
                      $"{forms} action forms; load (navigation start to load event) median {timings[2]:F0} ms, min {timings[0]:F0} ms, max {timings[^1]:F0} ms; " +
                      $"seeding {county.SeedTime.TotalSeconds:F1} s";
        output.WriteLine(figures);
        await File.WriteAllTextAsync(Path.Combine(Browser.ScreenshotFolder, "..", "queues-figures.txt"), figures + Environment.NewLine);
        await Browser.ScreenshotAsync(page, "queues-02-township-inbox-50-rows");

        rows.ShouldBe(50);
        forms.ShouldBe(0);
        bytes.ShouldBeLessThan(150 * 1024);
    }

    [Fact]
    public async Task transfer_reopen_urge_merge_withdraw_and_erase_work_from_the_console()
    {
        var hotline = _app.ClientFor("op-01");
        var township = _app.ClientFor("disp-SC-T01");
        var village = _app.ClientFor("disp-SC-T01-V01");

        // Transfer: the township sends it up to the county, which hands it to a department with power over the matter.
        var transferred = await hotline.ReportAsync(Api.NewTicket(description: "控制台转办"));
        await township.DoAsync(transferred, "triage", new { categoryCode = "M-LE-01", unitCode = "SC" });
        await _app.ClientFor("disp-SC").DoAsync(transferred, "accept");
        var department = _app.Services.GetRequiredService<ReferenceData>().Departments.First(d => d.Powers.Contains("M-LE-01")).Code;
        var county = await SignedInAsync("disp-SC");
        await ActAsync(county, transferred, "transfer", form => form.Locator("[name=departmentCode]").SelectOptionAsync(department));
        (await _app.ClientFor("aud-01").TicketAsync(transferred)).GetProperty("holdingDepartmentCode").GetString().ShouldBe(department);

        // Urge: the township urges what its village holds.
        var urged = await hotline.ReportAsync(Api.NewTicket(description: "控制台督办"));
        await township.DoAsync(urged, "triage", new { categoryCode = "M-LE-01" });
        var townshipPage = await SignedInAsync("disp-SC-T01");
        await ActAsync(townshipPage, urged, "urge", form => form.Locator("[name=note]").FillAsync("请今日办结"));
        (await _app.ClientFor("aud-01").HistoryAsync(urged)).ShouldContain("TicketUrged");

        // Reopen: the village resolved it; the township sends it back into handling.
        await village.DoAsync(urged, "accept");
        await village.DoAsync(urged, "resolve", new { summary = "已处理" });
        await ActAsync(townshipPage, urged, "reopen", form => form.Locator("[name=reason]").FillAsync("群众反映未解决"));
        (await StatusAsync(urged)).Status.ShouldBe("in-handling");

        // Merge: a second call about the same matter in the same village is attached to the first from the duplicate hint.
        var master = await hotline.ReportAsync(Api.NewTicket(description: "控制台合并主件"));
        var duplicate = await hotline.ReportAsync(Api.NewTicket(description: "控制台合并重复件"));
        await townshipPage.GotoAsync($"/tickets/{duplicate}");
        var hint = townshipPage.Locator($"[data-testid=duplicates] li[data-ticket='{master}']");
        await hint.Locator("a").WaitForAsync();
        await hint.Locator("input[name=confirm]").CheckAsync();
        await hint.Locator("button").ClickAsync();
        await townshipPage.Locator(".notice.ok").WaitForAsync();
        (await StatusAsync(duplicate)).Status.ShouldBe("merged");

        // Withdraw: the caller withdraws, the operator records it; irreversible, so it asks to confirm first.
        var withdrawn = await hotline.ReportAsync(Api.NewTicket(description: "控制台撤回"));
        var operatorPage = await SignedInAsync("op-01");
        await operatorPage.GotoAsync($"/tickets/{withdrawn}");
        var withdraw = operatorPage.Locator("form[data-action='withdraw']");
        await withdraw.Locator("[name=reason]").FillAsync("群众已自行解决");
        (await withdraw.Locator("input[name=confirm]").GetAttributeAsync("required")).ShouldNotBeNull();
        await withdraw.Locator("input[name=confirm]").CheckAsync();
        await withdraw.Locator("button").ClickAsync();
        await operatorPage.Locator(".notice.ok").WaitForAsync();
        (await StatusAsync(withdrawn)).Status.ShouldBe("withdrawn");

        // Erase: the administrator erases the caller's name and phone.
        var admin = await SignedInAsync("admin");
        await admin.GotoAsync($"/tickets/{withdrawn}");
        var erase = admin.Locator("form[data-action='erase']");
        await erase.Locator("input[name=confirm]").CheckAsync();
        await erase.Locator("button").ClickAsync();
        await admin.Locator(".notice.ok").WaitForAsync();
        (await (await _app.ClientFor("admin").GetAsync($"/api/tickets/{withdrawn}")).Content.ReadFromJsonAsync<JsonElement>(Api.Json))
            .GetProperty("citizen").ValueKind.ShouldBe(JsonValueKind.Null);
        await Browser.ScreenshotAsync(admin, "queues-03-erased");
    }

    [Fact]
    public async Task the_inbox_updates_itself_and_its_title_when_a_ticket_arrives()
    {
        var page = await SignedInAsync("disp-SC-T01");
        await page.GotoAsync("/inbox?queue=triage");
        await page.Locator("body[data-live=connected]").WaitForAsync();
        var before = long.Parse((await page.Locator("nav.tabs a[data-queue=triage] [data-testid=queue-count]").TextContentAsync())!, CultureInfo.InvariantCulture);

        var arrived = await _app.ClientFor("op-01").ReportAsync(Api.NewTicket(description: "实时到达的工单"));

        await page.Locator($"tr[data-ticket='{arrived}']").WaitForAsync();
        (await page.Locator("nav.tabs a[data-queue=triage] [data-testid=queue-count]").TextContentAsync()).ShouldBe((before + 1).ToString(CultureInfo.InvariantCulture));
        (await page.TitleAsync()).ShouldStartWith($"({before + 1})");
    }

    [Fact]
    public async Task axe_finds_no_violation_on_intake_inbox_ticket_board_and_audit_at_both_sizes_in_both_languages()
    {
        var violations = new List<string>();
        // A ticket of the busy township already triaged, so that its queue awaiting triage keeps its 169.
        var ticket = await _app.ClientFor("op-01").ReportAsync(Api.NewTicket(villageCode: "SC-T03-V01"));
        await _app.ClientFor(BusyDispatcher).DoAsync(ticket, "triage", new { categoryCode = "M-LE-01" });
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            foreach (var english in new[] { false, true })
            {
                var page = await county.Browser.NewPageAsync(_app.Address, width, height);
                await SignInAsync(page, "disp-SC-T03");
                if (english)
                    await page.ClickAsync("[data-testid=language]");
                foreach (var path in new[] { "/intake", "/inbox", $"/tickets/{ticket}", "/board", $"/audit/{ticket}", "/inbox?from=bad", "/tickets/no-such-ticket" })
                {
                    await page.GotoAsync(path);
                    var result = await page.RunAxe();
                    violations.AddRange(result.Violations.Select(v =>
                        $"{width}x{height} {(english ? "en" : "zh")} {path}: {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Html))}"));
                    if (path == "/board")
                        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, $"the board fits {width} px");
                }
                await page.Context.CloseAsync();
            }
        }
        foreach (var violation in violations)
            output.WriteLine(violation);
        violations.ShouldBeEmpty();
    }

    private async Task<IPage> SignedInAsync(string userId)
    {
        var page = await county.Browser.NewPageAsync(_app.Address);
        await SignInAsync(page, userId);
        return page;
    }

    private static async Task SignInAsync(IPage page, string userId)
    {
        await page.GotoAsync("/signin");
        await page.SelectOptionAsync("#userId", userId);
        await page.ClickAsync("button.primary");
        await page.Locator("[data-testid=who]").WaitForAsync();
    }

    private static async Task SearchAsync(IPage page, string field, string value)
    {
        await page.GotoAsync("/inbox?queue=open");
        await page.FillAsync($"[data-testid=search] [name={field}]", value);
        await page.ClickAsync("[data-testid=search] button.primary");
        await page.WaitForURLAsync(url => url.Contains(field + "=", StringComparison.Ordinal));
    }

    private static Task<string[]> RowsAsync(IPage page) =>
        page.Locator("[data-testid=inbox] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.ticket)");

    /// <summary>Opens the ticket's actions in its page, fills the form as told, confirms what is irreversible, and sends it.</summary>
    private static async Task ActAsync(IPage page, Guid ticketId, string action, Func<ILocator, Task>? fill = null)
    {
        await page.GotoAsync($"/tickets/{ticketId}");
        var form = page.Locator($"form[data-action='{action}']");
        if (fill is not null)
            await fill(form);
        if (await form.Locator("input[name=confirm]").CountAsync() > 0)
            await form.Locator("input[name=confirm]").CheckAsync();
        await form.Locator("button").ClickAsync();
        await page.Locator(".notice.ok").WaitForAsync();
    }

    private async Task<long> TotalAsync(string user, string query) =>
        (await (await _app.ClientFor(user).GetAsync($"/api/tickets?{query}&pageSize=1")).Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("total").GetInt64();

    /// <summary>The queue's last ticket, walking the API's cursor to the end.</summary>
    private async Task<Guid> LastByApiAsync(string user, string query)
    {
        var client = _app.ClientFor(user);
        string? cursor = null;
        Guid last;
        do
        {
            var page = await (await client.GetAsync($"/api/tickets?{query}&pageSize=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")))
                .Content.ReadFromJsonAsync<JsonElement>(Api.Json);
            last = page.GetProperty("items").EnumerateArray().Last().GetProperty("id").GetGuid();
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return last;
    }

    private async Task<(string Status, string Holder)> StatusAsync(Guid id)
    {
        var ticket = await _app.ClientFor("aud-01").TicketAsync(id);
        return (ticket.GetProperty("status").GetString()!, ticket.GetProperty("holdingUnitCode").GetString()!);
    }
}
