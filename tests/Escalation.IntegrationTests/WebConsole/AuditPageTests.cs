using System.Net;
using System.Text.RegularExpressions;
using Escalation.Domain.Timers;
using Escalation.Host.WebConsole;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.WebConsole;

/// <summary>What the auditor's timeline says of a timer: when it fired, and the deadline it checked.</summary>
public sealed partial class AuditPageTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task a_timer_that_fired_late_shows_when_it_fired_and_its_deadline()
    {
        var id = await app.ClientFor("op-01").ReportAsync();
        await app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        var accept = (await app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept);
        var firedAt = accept.Deadline.AddHours(2);
        if (app.Clock.GetUtcNow() < firedAt)
            app.Clock.SetUtcNow(firedAt);
        await app.DeliverAsync(accept, Light.Red);
        var auditor = await ConsoleClient.SignedInAsync(app, "aud-01");

        var page = await (await auditor.GetAsync($"/audit/{id}")).Content.ReadAsStringAsync();

        var cells = Cells(TimelineRow(page, nameof(WarningLightLit)));
        cells[1].ShouldBe(ChinaMoment(app.Clock.GetUtcNow()), "the light's time is when the timer fired, to the second and in China time");
        cells[1].ShouldNotBe(ChinaMoment(accept.Deadline));
        cells[4].ShouldEndWith($"期限 {Texts.Time(accept.Deadline)}");
        Cells(TimelineRow(page, "TicketEscalated"))[4].ShouldEndWith($"签收时限期限 {ChinaMoment(accept.Deadline)} 已过", Case.Sensitive, "the timers' note in the reader's words and China time");
        page.ShouldContain("系统（计时器）事件的时间是计时器实际触发的时间，可能晚于它的到期时间");
    }

    private static string TimelineRow(string page, string eventType) =>
        Regex.Matches(page, $"<tr[^>]*data-type=\"{eventType}\">(.*?)</tr>", RegexOptions.Singleline).ShouldHaveSingleItem().Groups[1].Value;

    private static List<string> Cells(string row) =>
        [.. Cell().Matches(row).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim())];

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    private static string ChinaMoment(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " 北京时间";
}
