namespace Escalation.Domain.Tests;

/// <summary>
/// Returns (退单) the level above reviews, where the county requires it; an escalated ticket returned to the unit that
/// raised it; and the reason code a county may require.
/// </summary>
public class ReturnReviewRules
{
    private static readonly CountySettings Reviewed = CountySettings.Default with { ReturnsReviewed = true };

    private static readonly ReturnRequested Asked =
        new(TicketId, EastVillageLiaison, Now, "Not in our village.", ReturnReason.WrongPlace, EastVillage, Dongping, Dongping);

    private static readonly object[] EscalatedToDongping =
        [.. InHandlingAtEastVillage, Escalated(EastVillageLiaison, EastVillage, Dongping, Tier.Village, Tier.Township)];

    [Fact]
    public void where_returns_are_reviewed_a_return_is_only_asked_for_of_the_unit_above() =>
        Given(DispatchedToEastVillage).When(new ReturnTicket(TicketId, EastVillageLiaison, "Not in our village.", ReturnReason.WrongPlace), Reviewed)
            .ShouldEmit(Asked);

    [Fact]
    public void an_approved_return_takes_effect_as_a_return_does_and_starts_the_dispatchers_clock_to_triage()
    {
        var turn = Given([.. DispatchedToEastVillage, Asked]).Turn(new ReviewReturn(TicketId, DongpingDispatcher, true, null), Reviewed);

        turn.Events[0].ShouldBe(new ReturnApproved(TicketId, DongpingDispatcher, Now, EastVillage, null));
        turn.Events[1].ShouldBe(new TicketReturned(TicketId, DongpingDispatcher, Now, "Not in our village.", EastVillage, Dongping, Dongping, null, ReturnReason.WrongPlace));
        turn.Events.OfType<TimeLimitStarted>().ShouldHaveSingleItem().Clock.ShouldBe(Clock.Triage);
        Given([.. DispatchedToEastVillage, .. turn.Events]).Status.ShouldBe(TicketStatus.Reported);
    }

    [Fact]
    public void a_refused_return_needs_a_reason_and_leaves_the_ticket_with_its_holder()
    {
        var asked = Given([.. DispatchedToEastVillage, Asked]);

        asked.When(new ReviewReturn(TicketId, DongpingDispatcher, false, " "), Reviewed).ShouldBeRejectedWith(RuleCodes.ReasonRequired);
        var refused = asked.When(new ReviewReturn(TicketId, DongpingDispatcher, false, "It is yours."), Reviewed);
        refused.ShouldEmit(new ReturnRefused(TicketId, DongpingDispatcher, Now, EastVillage, "It is yours."));
        var after = asked.Evolve(refused.Events[0]);
        (after.Holder, after.Status, after.LiveReturn).ShouldBe((EastVillage, TicketStatus.Dispatched, (PendingReturn?)null));
    }

    [Fact]
    public void only_the_reviewer_named_reviews_and_only_one_return_awaits_review_at_a_time()
    {
        var asked = Given([.. DispatchedToEastVillage, Asked]);

        asked.When(new ReviewReturn(TicketId, CountyDispatcher, true, null), Reviewed).ShouldBeRejectedWith(RuleCodes.NotReviewer);
        asked.When(new ReturnTicket(TicketId, EastVillageLiaison, "Again."), Reviewed).ShouldBeRejectedWith(RuleCodes.ReturnPending);
        Given(DispatchedToEastVillage).When(new ReviewReturn(TicketId, DongpingDispatcher, true, null), Reviewed).ShouldBeRejectedWith(RuleCodes.NoReturnPending);
    }

    [Fact]
    public void a_return_request_lapses_once_its_holder_no_longer_has_the_ticket()
    {
        var escalated = Given([.. DispatchedToEastVillage, Asked, Escalated(Actor.System, EastVillage, Dongping, Tier.Village, Tier.Township)]);

        escalated.LiveReturn.ShouldBeNull();
        escalated.When(new ReviewReturn(TicketId, DongpingDispatcher, true, null), Reviewed).ShouldBeRejectedWith(RuleCodes.NoReturnPending);
    }

    [Fact]
    public void where_the_county_requires_reason_codes_a_return_without_one_is_refused()
    {
        var required = CountySettings.Default with { ReturnReasonCodeRequired = true };

        Given(DispatchedToEastVillage).When(new ReturnTicket(TicketId, EastVillageLiaison, "Not ours."), required)
            .ShouldBeRejectedWith(RuleCodes.ReturnReasonCodeRequired);
        Given(DispatchedToEastVillage).When(new ReturnTicket(TicketId, EastVillageLiaison, "Not ours."))
            .Events.ShouldHaveSingleItem().ShouldBeOfType<TicketReturned>().ReasonCode.ShouldBeNull();
    }

    [Fact]
    public void the_higher_tier_returns_an_escalated_ticket_to_the_unit_that_raised_it_which_must_sign_for_it_again()
    {
        var state = Given([.. EscalatedToDongping, Accepted(DongpingDispatcher)]);

        var turn = state.Turn(new ReturnToRaiser(TicketId, DongpingDispatcher, "A village matter: within its powers.", ReturnReason.NotOurPowers));

        turn.Events[0].ShouldBe(new TicketReturnedToRaiser(
            TicketId, DongpingDispatcher, Now, Dongping, EastVillage, Tier.Township, Tier.Village, "A village matter: within its powers.", ReturnReason.NotOurPowers));
        var accept = turn.Events.OfType<TimeLimitStarted>().ShouldHaveSingleItem();
        (accept.Clock, accept.Holder).ShouldBe((Clock.Accept, EastVillage));
        var after = Given([.. EscalatedToDongping, Accepted(DongpingDispatcher), turn.Events[0]]);
        (after.Status, after.Holder, after.HandlingTier, after.RaisedFrom.Count).ShouldBe((TicketStatus.Dispatched, EastVillage, (Tier?)Tier.Village, 0));
    }

    [Fact]
    public void a_return_to_the_raiser_needs_a_ticket_raised_from_below_its_holder_and_a_reason_code()
    {
        Given(InHandlingAtDongping).When(new ReturnToRaiser(TicketId, DongpingDispatcher, "Yours.", ReturnReason.NotOurPowers))
            .ShouldBeRejectedWith(RuleCodes.NotRaisedFromBelow);
        Given(EscalatedToDongping).When(new ReturnToRaiser(TicketId, CountyDispatcher, "Yours.", ReturnReason.NotOurPowers))
            .ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);
        Given(EscalatedToDongping).When(new ReturnToRaiser(TicketId, DongpingDispatcher, "Yours.", null))
            .ShouldBeRejectedWith(RuleCodes.ReturnReasonCodeRequired);
        Given(EscalatedToDongping).When(new ReturnToRaiser(TicketId, DongpingDispatcher, " ", ReturnReason.NotOurPowers))
            .ShouldBeRejectedWith(RuleCodes.ReasonRequired);
    }
}
