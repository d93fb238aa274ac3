namespace Escalation.Domain.Tests;

public class SupervisionRules
{
    [Fact]
    public void a_unit_above_the_holder_urges_it() =>
        Given(InHandlingAtEastVillage)
            .When(new UrgeTicket(TicketId, DongpingDispatcher, "Residents called again."))
            .ShouldEmit(new TicketUrged(TicketId, DongpingDispatcher, Now, "Residents called again."));

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Resolved)]
    public void the_county_urges_any_open_ticket(TicketStatus status) =>
        Given(In(status))
            .When(new UrgeTicket(TicketId, CountyDispatcher, "Report by Friday."))
            .ShouldEmit(new TicketUrged(TicketId, CountyDispatcher, Now, "Report by Friday."));

    [Fact]
    public void the_county_urges_a_ticket_it_holds_itself() =>
        Given(InHandlingAtCountyLeader)
            .When(new UrgeTicket(TicketId, CountyDispatcher, "The county leader asks for a plan."))
            .ShouldEmit(new TicketUrged(TicketId, CountyDispatcher, Now, "The county leader asks for a plan."));

    [Fact]
    public void the_county_urges_a_department() =>
        Given(InHandlingAtHousing)
            .When(new UrgeTicket(TicketId, CountyDispatcher, "Inspect today."))
            .ShouldEmit(new TicketUrged(TicketId, CountyDispatcher, Now, "Inspect today."));

    [Fact]
    public void the_holder_does_not_urge_itself() =>
        Given(InHandlingAtEastVillage)
            .When(new UrgeTicket(TicketId, EastVillageLiaison, "Hurry."))
            .ShouldBeRejectedWith(RuleCodes.NotAboveHolder);

    [Theory]
    [InlineData(EastVillage)]
    [InlineData(Xiping)]
    [InlineData(UrbanManagement)]
    public void a_unit_below_or_beside_the_holder_does_not_urge(string unit) =>
        Given(InHandlingAtDongping)
            .When(new UrgeTicket(TicketId, EastVillageLiaison with { UnitCode = unit }, "Hurry."))
            .ShouldBeRejectedWith(RuleCodes.NotAboveHolder);

    [Fact]
    public void urging_needs_a_note() =>
        Given(InHandlingAtEastVillage)
            .When(new UrgeTicket(TicketId, DongpingDispatcher, ""))
            .ShouldBeRejectedWith(RuleCodes.NoteRequired);
}
