using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Lifecycle;

public sealed class MergeTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task a_merged_duplicate_follows_its_master_and_closes_with_it()
    {
        var caller = app.ClientFor("op-01");
        var township = app.ClientFor("disp-SC-T01");
        var village = app.ClientFor("disp-SC-T01-V01");
        var auditor = app.ClientFor("aud-01");
        var master = await caller.ReportAsync(Api.NewTicket(description: "占道经营"));
        var duplicate = await caller.ReportAsync(Api.NewTicket(description: "又有人占道摆摊"));

        await township.DoAsync(duplicate, "merge", new { intoTicketId = master });
        await township.DoAsync(master, "triage", new { categoryCode = "M-LE-01" });
        await village.DoAsync(master, "accept");
        await village.DoAsync(master, "resolve", new { summary = "已清理" });
        await caller.DoAsync(master, "rating", new { rating = "basically-satisfied" });
        await village.DoAsync(master, "close");

        var followed = await auditor.TicketAsync(duplicate);
        followed.GetProperty("status").GetString().ShouldBe("closed");
        followed.GetProperty("closedBecause").GetString().ShouldBe("with-master");
        followed.GetProperty("mergedInto").GetGuid().ShouldBe(master);
        (await auditor.HistoryAsync(duplicate)).ShouldBe(["TicketReported", "TicketMergedInto", "TicketClosed"]);
        (await auditor.TicketAsync(master)).GetProperty("duplicates").EnumerateArray().Select(d => d.GetGuid()).ShouldBe([duplicate]);
    }
}
