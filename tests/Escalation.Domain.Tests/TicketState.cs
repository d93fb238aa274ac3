namespace Escalation.Domain.Tests;

/// <summary>What the events make of the ticket's state: where it is, who holds it, what it remembers.</summary>
public class TicketState
{
    [Fact]
    public void a_reported_ticket_awaits_triage_at_the_township_of_its_location()
    {
        var ticket = Given(Reported(category: Noise));

        ticket.ShouldBe(new Ticket
        {
            Id = TicketId,
            Status = TicketStatus.Reported,
            HoldingUnitCode = Dongping,
            VillageCode = EastVillage,
            CategoryCode = Noise,
            ReportedAt = Earlier,
            OpenWhistles = ticket.OpenWhistles,
            Duplicates = ticket.Duplicates,
        });
    }

    [Fact]
    public void a_triaged_ticket_is_held_by_its_handling_unit_at_its_tier_and_remembers_its_dispatcher()
    {
        var ticket = Given(DispatchedToEastVillage);

        (ticket.Status, ticket.Holder, ticket.HandlingTier, ticket.DispatchedByUnitCode, ticket.CategoryCode)
            .ShouldBe((TicketStatus.Dispatched, EastVillage, Tier.Village, Dongping, Noise));
    }

    [Fact]
    public void a_transferred_ticket_is_held_by_the_department_on_behalf_of_the_county()
    {
        var ticket = Given(DispatchedToHousing);

        (ticket.Status, ticket.Holder, ticket.HoldingUnitCode, ticket.HandlingTier, ticket.DispatchedByUnitCode)
            .ShouldBe((TicketStatus.Dispatched, Housing, County, Tier.County, County));
    }

    [Fact]
    public void a_ticket_returned_by_a_department_is_in_the_countys_handling_again()
    {
        var ticket = Given([.. InHandlingAtHousing, Returned(HousingOfficer, County)]);

        (ticket.Status, ticket.Holder, ticket.HandlingTier, ticket.DispatchedByUnitCode)
            .ShouldBe((TicketStatus.InHandling, County, Tier.County, null));
    }

    [Fact]
    public void a_ticket_returned_after_triage_awaits_triage_at_its_dispatcher()
    {
        var ticket = Given([.. ReportedAtDongping, Triaged(CountyDispatcher, EastVillage, Tier.Village), Returned(EastVillageLiaison, County)]);

        (ticket.Status, ticket.Holder, ticket.HandlingTier, ticket.DispatchedByUnitCode)
            .ShouldBe((TicketStatus.Reported, County, null, null));
    }

    [Fact]
    public void an_escalated_ticket_awaits_acceptance_one_tier_up_with_no_dispatcher()
    {
        var ticket = Given([.. InHandlingAtHousing, Escalated(HousingOfficer, Housing, County, Tier.County, Tier.CountyLeader)]);

        (ticket.Status, ticket.Holder, ticket.HoldingDepartmentCode, ticket.HandlingTier, ticket.DispatchedByUnitCode)
            .ShouldBe((TicketStatus.Dispatched, County, null, Tier.CountyLeader, null));
    }

    [Fact]
    public void a_whistle_records_who_reported_in_and_who_returned_the_summons_and_leaves_the_ticket_where_it_is()
    {
        var ticket = Given([.. InHandlingAtDongping, WhistleBlownBy(DongpingDispatcher, UrbanManagement, Housing), ReportedIn(HousingOfficer), SummonsReturned(UrbanOfficer, Dongping)]);

        (ticket.Status, ticket.Holder).ShouldBe((TicketStatus.InHandling, Dongping));
        var whistle = ticket.OpenWhistles.ShouldHaveSingleItem();
        (whistle.Id, whistle.BlownByUnitCode).ShouldBe((WhistleId, Dongping));
        whistle.Summoned.ShouldBe([UrbanManagement, Housing]);
        whistle.ReportedIn.ShouldBe([Housing]);
        whistle.Returned.ShouldBe([UrbanManagement]);
    }

    [Fact]
    public void a_resolution_is_timed_and_ends_the_whistles()
    {
        var ticket = Given([.. InHandlingAtDongping, WhistleBlownBy(DongpingDispatcher, Housing), Resolved(DongpingDispatcher, Now)]);

        (ticket.Status, ticket.ResolvedAt, ticket.Rating).ShouldBe((TicketStatus.Resolved, Now, null));
        ticket.OpenWhistles.ShouldBeEmpty();
    }

    [Fact]
    public void an_unsatisfied_rating_puts_the_ticket_back_into_handling_where_it_was_resolved()
    {
        var ticket = Given([.. InHandlingAtHousing, Resolved(HousingOfficer), Rated(Satisfaction.Unsatisfied), Reopened()]);

        (ticket.Status, ticket.Holder, ticket.ResolvedAt, ticket.Rating)
            .ShouldBe((TicketStatus.InHandling, Housing, null, Satisfaction.Unsatisfied));
    }

    [Fact]
    public void a_merged_duplicate_remembers_its_master_and_the_master_its_duplicates()
    {
        var duplicate = Given(MergedIntoMaster);
        var master = Given(ReportedAtDongping).Evolve(new DuplicateAttached(MasterId, DongpingDispatcher, Now, TicketId));

        (duplicate.Status, duplicate.MergedInto).ShouldBe((TicketStatus.Merged, MasterId));
        master.Duplicates.ShouldBe([TicketId]);
    }

    [Fact]
    public void erasing_the_citizens_data_is_remembered() =>
        Given([.. ClosedAtEastVillage, new CitizenDataErased(TicketId, Operator, Now)]).CitizenDataErased.ShouldBeTrue();

    [Fact]
    public void events_that_change_nothing_leave_the_state_as_it_is()
    {
        var ticket = Given(InHandlingAtEastVillage);

        ticket.Evolve(new ProgressNoted(TicketId, EastVillageLiaison, Now, "Visited.")).ShouldBeSameAs(ticket);
        ticket.Evolve(new TicketUrged(TicketId, DongpingDispatcher, Now, "Hurry.")).ShouldBeSameAs(ticket);
    }
}
