namespace Escalation.Domain.Tests;

public class ClosureRules
{
    private static Ticket ResolvedAt(DateTimeOffset at) => Given([.. InHandlingAtEastVillage, Resolved(EastVillageLiaison, at)]);

    [Theory]
    [InlineData(Satisfaction.Satisfied)]
    [InlineData(Satisfaction.BasicallySatisfied)]
    public void a_rated_ticket_is_closed(Satisfaction satisfaction) =>
        Given([.. ResolvedAtEastVillage, Rated(satisfaction)])
            .When(new CloseTicket(TicketId, EastVillageLiaison, "Callback done."))
            .ShouldEmit(new TicketClosed(TicketId, EastVillageLiaison, Now, ClosedBecause.Rated, "Callback done."));

    [Fact]
    public void an_unrated_ticket_is_closed_once_the_rating_window_has_passed() =>
        ResolvedAt(Now - TimeSpan.FromDays(3))
            .When(new CloseTicket(TicketId, Actor.System, null))
            .ShouldEmit(new TicketClosed(TicketId, Actor.System, Now, ClosedBecause.RatingWindowExpired, null));

    [Fact]
    public void an_unrated_ticket_stays_open_while_the_citizen_may_still_rate_it() =>
        ResolvedAt(Now - TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1))
            .When(new CloseTicket(TicketId, Actor.System, null))
            .ShouldBeRejectedWith(RuleCodes.RatingWindowOpen);

    [Fact]
    public void the_rating_window_follows_the_countys_settings() =>
        ResolvedAt(Now - TimeSpan.FromDays(1))
            .When(new CloseTicket(TicketId, Actor.System, null), CountySettings.Default with { RatingWindow = TimeSpan.FromDays(1) })
            .ShouldEmit(new TicketClosed(TicketId, Actor.System, Now, ClosedBecause.RatingWindowExpired, null));

    [Theory]
    [InlineData(Dongping)]
    [InlineData(County)]
    public void a_unit_above_the_holder_closes(string unit) =>
        Given([.. ResolvedAtEastVillage, Rated(Satisfaction.Satisfied)])
            .When(new CloseTicket(TicketId, CountyDispatcher with { UnitCode = unit }, null))
            .ShouldEmit(new TicketClosed(TicketId, CountyDispatcher with { UnitCode = unit }, Now, ClosedBecause.Rated, null));

    [Fact]
    public void the_county_closes_a_ticket_a_department_resolved() =>
        Given([.. InHandlingAtHousing, Resolved(HousingOfficer), Rated(Satisfaction.Satisfied)])
            .When(new CloseTicket(TicketId, CountyDispatcher, null))
            .ShouldEmit(new TicketClosed(TicketId, CountyDispatcher, Now, ClosedBecause.Rated, null));

    [Theory]
    [InlineData(WestVillage)]
    [InlineData(Xiping)]
    [InlineData(UrbanManagement)]
    public void a_unit_beside_the_holder_does_not_close(string unit) =>
        Given([.. ResolvedAtEastVillage, Rated(Satisfaction.Satisfied)])
            .When(new CloseTicket(TicketId, WestVillageLiaison with { UnitCode = unit }, null))
            .ShouldBeRejectedWith(RuleCodes.NotHolderOrAbove);

    [Fact]
    public void a_unit_below_the_holder_does_not_close() =>
        Given([.. InHandlingAtDongping, Resolved(DongpingDispatcher), Rated(Satisfaction.Satisfied)])
            .When(new CloseTicket(TicketId, EastVillageLiaison, null))
            .ShouldBeRejectedWith(RuleCodes.NotHolderOrAbove);

    [Theory]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    public void a_resolved_or_closed_ticket_is_reopened_with_a_reason(TicketStatus status) =>
        Given(In(status))
            .When(new ReopenTicket(TicketId, DongpingDispatcher, "The music is back."))
            .ShouldEmit(new TicketReopened(TicketId, DongpingDispatcher, Now, "The music is back."));

    [Fact]
    public void the_holder_reopens_its_own_resolution() =>
        Given(ResolvedAtEastVillage)
            .When(new ReopenTicket(TicketId, EastVillageLiaison, "Spoke too soon."))
            .ShouldEmit(new TicketReopened(TicketId, EastVillageLiaison, Now, "Spoke too soon."));

    [Fact]
    public void a_reopening_needs_a_reason() =>
        Given(ResolvedAtEastVillage)
            .When(new ReopenTicket(TicketId, DongpingDispatcher, " "))
            .ShouldBeRejectedWith(RuleCodes.ReasonRequired);

    [Theory]
    [InlineData(WestVillage)]
    [InlineData(Xiping)]
    [InlineData(UrbanManagement)]
    public void only_the_holder_or_a_unit_above_it_reopens(string unit) =>
        Given(ClosedAtEastVillage)
            .When(new ReopenTicket(TicketId, WestVillageLiaison with { UnitCode = unit }, "Again."))
            .ShouldBeRejectedWith(RuleCodes.NotHolderOrAbove);

    [Fact]
    public void a_reopened_ticket_is_handled_again_by_whoever_resolved_it() =>
        Given([.. ClosedAtEastVillage, Reopened()])
            .When(new ResolveTicket(TicketId, EastVillageLiaison, "Music ends at eight now."))
            .ShouldEmit(new TicketResolved(TicketId, EastVillageLiaison, Now, "Music ends at eight now.", EastVillage));
}
