using System.Net;
using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Clocks;

/// <summary>A change of matter while in handling, through the real host on the fake clock: the limit to resolve follows the new class.</summary>
public sealed class ChangeMatterTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");

    [Fact]
    public async Task a_general_matter_changed_to_a_larger_one_gets_the_larger_limit_from_its_acceptance_and_the_old_red_escalates_nothing()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T01-V01" });
        await _village.DoAsync(id, "accept");
        var accepted = app.Clock.GetUtcNow();
        var general = (await app.ClocksAsync(id)).Last(c => c.Clock == Clock.Resolve);
        general.Deadline.ShouldBe(accepted.AddMinutes(30));
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        await _township.DoAsync(id, "matter", new { categoryCode = "M-WS-05", reason = "经核实属较大事项" });

        var larger = (await app.ClocksAsync(id)).Last(c => c.Clock == Clock.Resolve);
        (larger.Holder, larger.Deadline).ShouldBe(("SC-T01-V01", accepted.AddHours(2)));
        await app.DeliverAsync(general, Light.Red);
        (await app.EventsAsync(id)).OfType<TicketEscalated>().ShouldBeEmpty();
        await app.DeliverAsync(larger, Light.Red);
        (await app.EventsAsync(id)).OfType<TicketEscalated>().ShouldHaveSingleItem().ToUnitCode.ShouldBe("SC-T01");
    }

    [Fact]
    public async Task the_holder_may_not_change_its_own_matter()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T01-V01" });
        await _village.DoAsync(id, "accept");

        var response = await _village.CommandAsync(id, "matter", new { categoryCode = "M-WS-05", reason = "想要更多时间" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain(RuleCodes.NotAboveHolder);
    }
}
