namespace Escalation.Domain.Tests;

public class RatingRules
{
    private static readonly CountySettings EscalatingCounty = CountySettings.Default with { UnsatisfiedRatingEscalates = true };

    [Theory]
    [InlineData(Satisfaction.Satisfied)]
    [InlineData(Satisfaction.BasicallySatisfied)]
    public void a_satisfied_rating_is_recorded_and_the_ticket_waits_to_be_closed(Satisfaction satisfaction) =>
        Given(ResolvedAtEastVillage)
            .When(new RateTicket(TicketId, Operator, satisfaction, "Quiet now."))
            .ShouldEmit(new CitizenRated(TicketId, Operator, Now, satisfaction, "Quiet now."));

    [Fact]
    public void an_unsatisfied_rating_reopens_the_ticket_where_it_was_resolved() =>
        Given(ResolvedAtEastVillage)
            .When(new RateTicket(TicketId, Operator, Satisfaction.Unsatisfied, "Still loud."))
            .ShouldEmit(
                new CitizenRated(TicketId, Operator, Now, Satisfaction.Unsatisfied, "Still loud."),
                new TicketReopened(TicketId, Operator, Now, RateTicket.UnsatisfiedReason));

    [Fact]
    public void where_the_county_so_chooses_an_unsatisfied_rating_escalates_one_tier() =>
        Given(ResolvedAtEastVillage)
            .When(new RateTicket(TicketId, Operator, Satisfaction.Unsatisfied, "Still loud."), EscalatingCounty)
            .ShouldEmit(
                new CitizenRated(TicketId, Operator, Now, Satisfaction.Unsatisfied, "Still loud."),
                new TicketEscalated(TicketId, Operator, Now, EastVillage, Dongping, Tier.Village, Tier.Township, EscalationReason.CitizenUnsatisfied, RateTicket.UnsatisfiedReason));

    [Fact]
    public void at_the_top_tier_an_unsatisfied_rating_reopens_instead_of_escalating() =>
        Given([.. InHandlingAtCountyLeader, Resolved(CountyDispatcher)])
            .When(new RateTicket(TicketId, Operator, Satisfaction.Unsatisfied, null), EscalatingCounty)
            .ShouldEmit(
                new CitizenRated(TicketId, Operator, Now, Satisfaction.Unsatisfied, null),
                new TicketReopened(TicketId, Operator, Now, RateTicket.UnsatisfiedReason));

    [Fact]
    public void a_resolution_is_rated_once() =>
        Given([.. ResolvedAtEastVillage, Rated(Satisfaction.Satisfied)])
            .When(new RateTicket(TicketId, Operator, Satisfaction.Unsatisfied, "Changed my mind."))
            .ShouldBeRejectedWith(RuleCodes.AlreadyRated);

    [Fact]
    public void each_new_resolution_is_rated_afresh() =>
        Given([.. ResolvedAtEastVillage, Rated(Satisfaction.Unsatisfied), Reopened(), Resolved(EastVillageLiaison)])
            .When(new RateTicket(TicketId, Operator, Satisfaction.Satisfied, null))
            .ShouldEmit(new CitizenRated(TicketId, Operator, Now, Satisfaction.Satisfied, null));
}
