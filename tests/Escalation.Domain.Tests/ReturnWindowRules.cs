namespace Escalation.Domain.Tests;

/// <summary>A return (退单) is time-boxed from the dispatch and may name its reason from the county's list.</summary>
public class ReturnWindowRules
{
    // Triaged on Wednesday 28 May 2025 at 09:30; 3 working days later (weekdays only) is Monday 2 June at 09:30 (Spec.Now).
    private static readonly DateTimeOffset DispatchedAt = new(2025, 5, 28, 9, 30, 0, TimeSpan.FromHours(8));

    private static object[] DispatchedOn(DateTimeOffset at) =>
        [.. ReportedAtDongping, Triaged(DongpingDispatcher, EastVillage, Tier.Village) with { At = at }];

    [Fact]
    public void a_return_within_the_window_after_the_dispatch_names_its_reason()
    {
        var decision = Given(DispatchedOn(DispatchedAt)).When(new ReturnTicket(TicketId, EastVillageLiaison, "Not in our village.", ReturnReason.WrongPlace));

        decision.Events.ShouldHaveSingleItem().ShouldBeOfType<TicketReturned>().ReasonCode.ShouldBe(ReturnReason.WrongPlace);
    }

    [Fact]
    public void a_return_after_the_window_is_refused() =>
        Given(DispatchedOn(DispatchedAt.AddMinutes(-1))).When(new ReturnTicket(TicketId, EastVillageLiaison, "Not ours.", ReturnReason.NotOurPowers))
            .ShouldBeRejectedWith(RuleCodes.ReturnWindowPassed);

    [Fact]
    public void the_window_opens_again_with_each_dispatch_a_transfer_included()
    {
        object[] transferredNow = [.. InHandlingAtCounty, Transferred(Housing) with { At = Now.AddHours(-1) }];

        Given(transferredNow).When(new ReturnTicket(TicketId, HousingOfficer, "Not ours.")).Rejection.ShouldBeNull();
        Given(DispatchedOn(DispatchedAt.AddDays(-10))).Refusal(TicketAction.Return, EastVillageLiaison, Context())!.Code.ShouldBe(RuleCodes.ReturnWindowPassed);
    }
}
