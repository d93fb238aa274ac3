using System.Net;
using Escalation.Domain;
using Escalation.Domain.Triage;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Lifecycle;

/// <summary>A return (退单) through the real host: within 3 working days of the dispatch, by the county's calendar.</summary>
public sealed class ReturnWindowTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");

    [Fact]
    public async Task a_return_after_the_window_is_refused_and_one_within_it_is_taken_with_its_reason()
    {
        var late = await DispatchedAsync();
        var early = await DispatchedAsync();
        // Dispatched on Monday at 09:00: the window closes on Thursday at 09:00.
        app.Clock.SetUtcNow(app.Clock.GetUtcNow().AddDays(3).AddMinutes(-1));
        await _village.DoAsync(early, "return", new { reasonCode = "wrong-place", reason = "不在本村" });
        app.Clock.SetUtcNow(app.Clock.GetUtcNow().AddMinutes(2));

        var refused = await _village.CommandAsync(late, "return", new { reasonCode = "not-our-powers", reason = "不属本村职权" });

        await refused.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(RuleCodes.ReturnWindowPassed);
        (await app.EventsAsync(early)).OfType<TicketReturned>().ShouldHaveSingleItem().ReasonCode.ShouldBe(ReturnReason.WrongPlace);
    }

    [Fact]
    public async Task a_reason_code_off_the_list_names_its_field()
    {
        var id = await DispatchedAsync();

        var response = await _village.CommandAsync(id, "return", new { reasonCode = "bored", reason = "不想办" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"reasonCode\"");
    }

    private async Task<Guid> DispatchedAsync()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        return id;
    }
}
