using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Escalation.Domain.Escalation;
using Escalation.Domain.Extension;
using Escalation.Domain.Pause;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Host.Features.Timers;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.IntegrationTests.Timers;

/// <summary>GET /api/tickets/{id}/clocks through the real host, on the fake clock: each clock of a long case explains itself.</summary>
public sealed class ClockExplanationTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");
    private readonly HttpClient _county = app.ClientFor("disp-SC");

    private static string At(DateTimeOffset at, string zone = "China time (UTC+8)") =>
        $"{at.ToOffset(China).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {zone}";

    [Fact]
    public async Task each_clock_of_a_case_escalated_twice_extended_once_and_paused_once_reads_right()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, China));
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await _village.DoAsync(id, "accept");
        var villageLimit = await LimitAsync(id, Clock.Resolve);

        // The village asks for 2 more days; the township agrees; the moved deadline passes: the first escalation.
        await _village.DoAsync(id, "extension", new { clock = "resolve", addedTime = "2 days", reason = "等待施工队进场" });
        await _township.DoAsync(id, "extension/review", new { approve = true });
        var moved = await LimitAsync(id, Clock.Resolve);
        await app.DeliverAsync(moved, Light.Red);
        var first = (await app.EventsAsync(id)).OfType<TicketEscalated>().ShouldHaveSingleItem();

        // The township accepts, pauses 2 h 10 min awaiting the citizen, resumes, and misses its limit: the second.
        await _township.DoAsync(id, "accept");
        await _township.DoAsync(id, "pause", new { awaiting = "citizen", reason = "群众外出" });
        await _county.DoAsync(id, "pause/review", new { approve = true });
        var pausedAt = app.Clock.GetUtcNow();
        app.Clock.SetUtcNow(pausedAt.AddHours(2).AddMinutes(10));
        await _township.DoAsync(id, "resume", new { note = "群众已回来" });
        var resumed = await LimitAsync(id, Clock.Resolve);
        await app.DeliverAsync(resumed, Light.Red);
        var second = (await app.EventsAsync(id)).OfType<TicketEscalated>().Last();
        var approvedAt = (await app.EventsAsync(id)).OfType<ExtensionApproved>().Single().At;
        var resumedAt = (await app.EventsAsync(id)).OfType<TicketResumed>().Single().At;

        var english = await ExplainAsync(id, "en-GB,en;q=0.9");
        var chinese = await ExplainAsync(id, null);

        var atVillage = english.Single(c => c is { Clock: "resolve", Holder: "SC-T01-V01" });
        atVillage.State.ShouldBe("stopped");
        atVillage.Deadline.ShouldBe(moved.Deadline);
        atVillage.Measure.ShouldBe(Fields(villageLimit.Measure));
        atVillage.Sentences.ShouldContain($"Extension approved by Tantu Town at {At(approvedAt)}: now due {At(villageLimit.Deadline.AddDays(2))}.");
        atVillage.Sentences.ShouldContain($"Red at {At(first.At)}: escalated to Tantu Town.");
        atVillage.Sentences[^1].ShouldBe("Outcome: its deadline passed, so it escalated.");

        var atTownship = english.Single(c => c is { Clock: "resolve", Holder: "SC-T01" });
        atTownship.Sentences.ShouldContain(s => s.StartsWith($"Paused at {At(pausedAt)} awaiting the citizen", StringComparison.Ordinal));
        atTownship.Sentences.ShouldContain($"Paused 2 h 10 min awaiting the citizen; resumed at {At(resumedAt)}, now due {At(resumed.Deadline)}.");
        atTownship.Sentences.ShouldContain($"Red at {At(second.At)}: escalated to {CountyName(second.ToUnitCode)}.");
        atTownship.Sentences[^1].ShouldBe("Outcome: its deadline passed, so it escalated.");

        var acceptedInTime = english.Where(c => c.Clock == "accept" && c.State == "stopped").ToList();
        acceptedInTime.Select(c => c.Holder).ShouldBe(["SC-T01-V01", "SC-T01"]);
        acceptedInTime.Select(c => c.Sentences[^1]).ShouldAllBe(s => s == "Outcome: stopped before its deadline, no escalation.");
        english.Single(c => c is { Clock: "accept", State: "running" }).Holder.ShouldBe(second.ToUnitCode);

        var villageZh = chinese.Single(c => c is { Clock: "resolve", Holder: "SC-T01-V01" });
        villageZh.Sentences.ShouldContain($"{At(first.At, "北京时间")} 超时，升级至坦途镇");
        chinese.Single(c => c is { Clock: "resolve", Holder: "SC-T01" }).Sentences
            .ShouldContain($"挂起 2小时10分（等待群众）后于 {At(resumedAt, "北京时间")} 恢复计时，期限改为 {At(resumed.Deadline, "北京时间")}");
    }

    [Fact]
    public async Task a_ticket_the_caller_may_not_see_has_no_clocks_to_explain()
    {
        var id = await _operator.ReportAsync();

        var response = await app.ClientFor("disp-SC-T02").GetAsync($"/api/tickets/{id}/clocks");

        await response.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_ticket_page_shows_the_explanations()
    {
        var id = await _operator.ReportAsync();

        var console = await WebConsole.ConsoleClient.SignedInAsync(app, "disp-SC-T01");

        var page = await (await console.GetAsync($"/tickets/{id}")).Content.ReadAsStringAsync();

        page.ShouldContain("data-testid=\"clocks-explained\"");
        page.ShouldContain("结果：计时中，期限");
        page.ShouldContain("起算时：");
        page.ShouldContain("紧急程度 一般");
    }

    private async Task<IReadOnlyList<ClockExplanation>> ExplainAsync(Guid id, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tickets/{id}/clocks");
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await _county.SendAsync(request);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<ClockExplanation>>())!;
    }

    private async Task<TimeLimitStarted> LimitAsync(Guid id, Clock clock) => (await app.ClocksAsync(id)).Last(c => c.Clock == clock);

    private static string Fields(TimeLimitMeasure measure) => Escalation.Host.Api.Fields.Name(measure);

    private string CountyName(string code) => app.Services.GetRequiredService<ReferenceData>().FindUnit(code)!.NameEn;
}
