namespace Escalation.Domain.Tests;

public class ResolutionRules
{
    private static readonly object[] WhistleBlownByDongping = [.. InHandlingAtDongping, WhistleBlownBy(DongpingDispatcher, UrbanManagement, Housing)];

    [Theory]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    public void the_holder_notes_progress(TicketStatus status) =>
        Given(In(status))
            .When(new NoteProgress(TicketId, EastVillageLiaison, "Visited the square."))
            .ShouldEmit(new ProgressNoted(TicketId, EastVillageLiaison, Now, "Visited the square."));

    [Fact]
    public void a_department_summoned_by_an_open_whistle_notes_progress() =>
        Given([.. WhistleBlownByDongping, ReportedIn(UrbanOfficer)])
            .When(new NoteProgress(TicketId, UrbanOfficer, "Stop-work order served."))
            .ShouldEmit(new ProgressNoted(TicketId, UrbanOfficer, Now, "Stop-work order served."));

    [Fact]
    public void a_department_that_returned_its_summons_does_not_note_progress() =>
        Given([.. WhistleBlownByDongping, SummonsReturned(UrbanOfficer, Dongping)])
            .When(new NoteProgress(TicketId, UrbanOfficer, "For the record."))
            .ShouldBeRejectedWith(RuleCodes.NotHolderOrSummoned);

    [Theory]
    [InlineData(County)]
    [InlineData(MarketRegulation)]
    [InlineData(WestVillage)]
    public void only_the_holder_or_a_summoned_department_notes_progress(string unit) =>
        Given(WhistleBlownByDongping)
            .When(new NoteProgress(TicketId, MarketOfficer with { UnitCode = unit }, "For the record."))
            .ShouldBeRejectedWith(RuleCodes.NotHolderOrSummoned);

    [Fact]
    public void a_progress_note_needs_text() =>
        Given(InHandlingAtEastVillage)
            .When(new NoteProgress(TicketId, EastVillageLiaison, " "))
            .ShouldBeRejectedWith(RuleCodes.NoteRequired);

    [Fact]
    public void the_holder_resolves_the_ticket_and_says_how() =>
        Given(InHandlingAtEastVillage)
            .When(new ResolveTicket(TicketId, EastVillageLiaison, "Music ends at nine now."))
            .ShouldEmit(new TicketResolved(TicketId, EastVillageLiaison, Now, "Music ends at nine now.", EastVillage));

    [Fact]
    public void a_department_resolves_a_ticket_it_holds() =>
        Given(InHandlingAtHousing)
            .When(new ResolveTicket(TicketId, HousingOfficer, "Building shored up."))
            .ShouldEmit(new TicketResolved(TicketId, HousingOfficer, Now, "Building shored up.", Housing));

    [Theory]
    [InlineData(County)]
    [InlineData(UrbanManagement)]
    public void only_the_holder_resolves(string unit) =>
        Given(WhistleBlownByDongping)
            .When(new ResolveTicket(TicketId, UrbanOfficer with { UnitCode = unit }, "Done."))
            .ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);

    [Fact]
    public void a_resolution_needs_a_summary() =>
        Given(InHandlingAtEastVillage)
            .When(new ResolveTicket(TicketId, EastVillageLiaison, ""))
            .ShouldBeRejectedWith(RuleCodes.SummaryRequired);
}
