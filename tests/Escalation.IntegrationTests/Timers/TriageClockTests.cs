using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Timers;

/// <summary>The clock to triage and the whole case's clock through the real host, on the fake clock.</summary>
public sealed class TriageClockTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");

    [Fact]
    public async Task a_reported_ticket_left_untriaged_goes_yellow_then_red()
    {
        var id = await _operator.ReportAsync(Api.NewTicket(categoryCode: null));
        var triage = (await app.ClocksAsync(id)).Single(c => c.Clock == Clock.Triage);
        (triage.Holder, triage.Deadline - triage.At).ShouldBe(("SC-T01", TimeSpan.FromHours(24)));

        await app.DeliverAsync(triage, Light.Yellow);
        (await _township.TicketAsync(id)).GetProperty("light").GetString().ShouldBe("yellow");
        await app.DeliverAsync(triage, Light.Red);

        var ticket = await _township.TicketAsync(id);
        (ticket.GetProperty("light").GetString(), ticket.GetProperty("status").GetString(), ticket.GetProperty("missedDeadlines").GetInt32())
            .ShouldBe(("red", "reported", 1));
    }

    [Fact]
    public async Task triage_stops_the_clock_to_triage_and_the_whole_case_runs_on_until_the_feedback()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        var clocks = await app.ClocksAsync(id);
        var whole = clocks.Single(c => c.Clock == Clock.Case);
        (whole.Holder, whole.Deadline - whole.At).ShouldBe(("SC", TimeSpan.FromDays(7)));

        await app.DeliverAsync(clocks.Single(c => c.Clock == Clock.Triage), Light.Red);
        await app.DeliverAsync(whole, Light.Yellow);

        var lit = (await app.EventsAsync(id)).OfType<WarningLightLit>().ShouldHaveSingleItem();
        (lit.Clock, lit.Light).ShouldBe((Clock.Case, Light.Yellow));
    }
}
