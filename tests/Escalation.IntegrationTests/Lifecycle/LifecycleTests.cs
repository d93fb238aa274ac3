using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Lifecycle;

/// <summary>Whole cases through the real host, with the tokens of the roles that act on them.</summary>
public sealed class LifecycleTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _county = app.ClientFor("disp-SC");
    private readonly HttpClient _auditor = app.ClientFor("aud-01");

    [Fact]
    public async Task the_happy_path_reported_triaged_accepted_resolved_rated_closed()
    {
        var id = await _operator.ReportAsync();
        (await _operator.TicketAsync(id)).GetProperty("holdingUnitCode").GetString().ShouldBe("SC-T01");

        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await _village.DoAsync(id, "accept");
        await _village.DoAsync(id, "progress", new { note = "已联系城管中队" });
        await _village.DoAsync(id, "resolve", new { summary = "摊位已劝离，道路畅通" });
        await _operator.DoAsync(id, "rating", new { rating = "satisfied", comment = "处理很快" });
        var closed = await _village.DoAsync(id, "close");

        closed.GetProperty("version").GetInt64().ShouldBe((await _auditor.HistoryAsync(id, withTimeLimits: true)).Length);
        var ticket = await _auditor.TicketAsync(id);
        ticket.GetProperty("status").GetString().ShouldBe("closed");
        ticket.GetProperty("closedBecause").GetString().ShouldBe("rated");
        ticket.GetProperty("rating").GetString().ShouldBe("satisfied");
        (await _auditor.HistoryAsync(id)).ShouldBe(
        [
            "TicketReported", "TicketTriaged", "TicketAccepted", "ProgressNoted", "TicketResolved", "CitizenRated", "TicketClosed",
        ]);
    }

    [Fact]
    public async Task the_long_path_through_township_whistle_and_county_to_a_second_resolution()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });

        await _village.DoAsync(id, "escalate", new { reason = "deadline-missed" });
        await _township.DoAsync(id, "accept");
        var whistle = await _township.DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM", "D-MR", "D-PS" }, reason = "占道经营屡劝不改" });
        var whistleId = whistle.GetProperty("whistleId").GetGuid();
        await app.ClientFor("dept-D-UM").DoAsync(id, $"whistles/{whistleId}/report-in", new { onSite = true, note = "中队长到场" });
        await app.ClientFor("dept-D-MR").DoAsync(id, $"whistles/{whistleId}/report-in", new { onSite = false });
        await app.ClientFor("dept-D-PS").DoAsync(id, $"whistles/{whistleId}/return", new { reason = "不属于派出所职责" });

        await _township.DoAsync(id, "escalate", new { reason = "beyond-powers", note = "需县级协调" });
        await _county.DoAsync(id, "accept");
        await _county.DoAsync(id, "resolve", new { summary = "县城管局牵头清理" });
        await _operator.DoAsync(id, "rating", new { rating = "unsatisfied", comment = "第二天又来了" });
        (await _auditor.TicketAsync(id)).GetProperty("status").GetString().ShouldBe("in-handling");
        await _county.DoAsync(id, "resolve", new { summary = "设置固定疏导点并每日巡查" });
        await _operator.DoAsync(id, "rating", new { rating = "satisfied" });
        await _county.DoAsync(id, "close");

        var ticket = await _auditor.TicketAsync(id);
        ticket.GetProperty("status").GetString().ShouldBe("closed");
        ticket.GetProperty("holdingUnitCode").GetString().ShouldBe("SC");
        ticket.GetProperty("escalations").GetInt32().ShouldBe(2);
        ticket.GetProperty("reopenings").GetInt32().ShouldBe(1);
        ticket.GetProperty("returns").GetInt32().ShouldBe(1);
        var reportIns = ticket.GetProperty("whistles")[0].GetProperty("reportIns").EnumerateArray().Select(r => r.GetProperty("departmentCode").GetString());
        reportIns.ShouldBe(["D-UM", "D-MR"]);
        (await _auditor.HistoryAsync(id)).ShouldBe(
        [
            "TicketReported", "TicketTriaged", "TicketEscalated", "TicketAccepted", "WhistleBlown",
            "DepartmentReportedIn", "DepartmentReportedIn", "TicketReturned", "TicketEscalated", "TicketAccepted",
            "TicketResolved", "CitizenRated", "TicketReopened", "TicketResolved", "CitizenRated", "TicketClosed",
        ]);
    }
}
