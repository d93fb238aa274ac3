using System.Net;
using Escalation.Domain;
using Escalation.Domain.Triage;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Clocks;

/// <summary>A county that reviews returns (退单), through the real host.</summary>
public sealed class ReviewedReturnsApp : IAsyncLifetime
{
    public EscalationApp App { get; } = new() { Settings = [("Escalation:Process:ReturnsReviewed", "true")] };

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class ReturnReviewTests(ReviewedReturnsApp county) : IClassFixture<ReviewedReturnsApp>
{
    private readonly HttpClient _operator = county.App.ClientFor("op-01");
    private readonly HttpClient _township = county.App.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = county.App.ClientFor("disp-SC-T01-V01");

    [Fact]
    public async Task a_return_waits_for_the_township_which_approves_one_and_refuses_another()
    {
        var approved = await DispatchedAsync();
        var refused = await DispatchedAsync();
        await _village.DoAsync(approved, "return", new { reasonCode = "wrong-place", reason = "不在本村" });
        await _village.DoAsync(refused, "return", new { reasonCode = "duplicate", reason = "重复" });
        (await _township.TicketAsync(approved)).GetProperty("status").GetString().ShouldBe("dispatched");

        await _township.DoAsync(approved, "return/review", new { approve = true });
        await _township.DoAsync(refused, "return/review", new { approve = false, note = "属本村职责" });

        var back = await _township.TicketAsync(approved);
        (back.GetProperty("status").GetString(), back.GetProperty("holdingUnitCode").GetString()).ShouldBe(("reported", "SC-T01"));
        var kept = await _township.TicketAsync(refused);
        (kept.GetProperty("status").GetString(), kept.GetProperty("holdingUnitCode").GetString()).ShouldBe(("dispatched", "SC-T01-V01"));
        (await county.App.EventsAsync(approved)).OfType<TicketReturned>().ShouldHaveSingleItem().ReasonCode.ShouldBe(ReturnReason.WrongPlace);
        (await county.App.EventsAsync(refused)).OfType<TicketReturned>().ShouldBeEmpty();
    }

    [Fact]
    public async Task the_township_returns_an_escalated_ticket_to_the_village_that_raised_it_with_a_reason_code()
    {
        var id = await DispatchedAsync();
        await _village.DoAsync(id, "accept");
        await _village.DoAsync(id, "escalate", new { reason = "beyond-powers", note = "村级无力处理" });
        await _township.DoAsync(id, "accept");

        var withoutCode = await _township.CommandAsync(id, "return-to-raiser", new { reason = "属村级职权" });
        await withoutCode.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await withoutCode.Content.ReadAsStringAsync()).ShouldContain("\"reasonCode\"");
        await _township.DoAsync(id, "return-to-raiser", new { reasonCode = "not-our-powers", reason = "属村级职权" });

        var back = await _village.TicketAsync(id);
        (back.GetProperty("status").GetString(), back.GetProperty("holdingUnitCode").GetString(), back.GetProperty("handlingTier").GetString())
            .ShouldBe(("dispatched", "SC-T01-V01", "village"));
        var again = await _village.CommandAsync(id, "return-to-raiser", new { reasonCode = "not-our-powers", reason = "再退" });
        await again.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadAsStringAsync()).ShouldContain(RuleCodes.NotRaisedFromBelow);
    }

    private async Task<Guid> DispatchedAsync()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T01-V01" });
        return id;
    }
}
