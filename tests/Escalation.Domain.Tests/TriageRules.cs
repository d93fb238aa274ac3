namespace Escalation.Domain.Tests;

public class TriageRules
{
    [Fact]
    public void the_township_dispatches_a_matter_to_its_first_tier_by_default() =>
        Given(ReportedAtDongping)
            .When(new TriageTicket(TicketId, DongpingDispatcher, Noise, null))
            .ShouldEmit(new TicketTriaged(TicketId, DongpingDispatcher, Now, Noise, 1, EastVillage, Tier.Village, Dongping));

    [Theory]
    [InlineData(IllegalConstruction, 2, Dongping, Tier.Township)]
    [InlineData(UnsafeBuilding, 3, County, Tier.County)]
    [InlineData(LandDispute, 3, County, Tier.CountyLeader)]
    public void a_matters_first_tier_decides_the_default_handling_unit(string category, int level, string unit, Tier tier) =>
        Given(ReportedAtDongping)
            .When(new TriageTicket(TicketId, DongpingDispatcher, category, null))
            .ShouldEmit(new TicketTriaged(TicketId, DongpingDispatcher, Now, category, level, unit, tier, Dongping));

    [Theory]
    [InlineData(EastVillage, Tier.Village)]
    [InlineData(Dongping, Tier.Township)]
    [InlineData(County, Tier.County)]
    public void the_dispatcher_may_name_any_unit_in_the_locations_chain(string unit, Tier tier) =>
        Given(ReportedAtDongping)
            .When(new TriageTicket(TicketId, DongpingDispatcher, Noise, unit))
            .ShouldEmit(new TicketTriaged(TicketId, DongpingDispatcher, Now, Noise, 1, unit, tier, Dongping));

    [Theory]
    [InlineData(WestVillage)]
    [InlineData(Xiping)]
    [InlineData(EastGrid)]
    [InlineData(UrbanManagement)]
    [InlineData("nowhere")]
    public void a_handling_unit_outside_the_locations_chain_is_refused(string unit) =>
        Given(ReportedAtDongping)
            .When(new TriageTicket(TicketId, DongpingDispatcher, Noise, unit))
            .ShouldBeRejectedWith(RuleCodes.HandlingUnitOutsideLocation);

    [Fact]
    public void a_unit_above_the_holder_may_triage_and_becomes_the_dispatcher() =>
        Given(ReportedAtDongping)
            .When(new TriageTicket(TicketId, CountyDispatcher, Noise, null))
            .ShouldEmit(new TicketTriaged(TicketId, CountyDispatcher, Now, Noise, 1, EastVillage, Tier.Village, County));

    [Theory]
    [InlineData(EastVillage)]
    [InlineData(Xiping)]
    [InlineData(UrbanManagement)]
    public void only_the_holder_or_a_unit_above_it_triages(string unit) =>
        Given(ReportedAtDongping)
            .When(new TriageTicket(TicketId, EastVillageLiaison with { UnitCode = unit }, Noise, null))
            .ShouldBeRejectedWith(RuleCodes.NotHolderOrAbove);

    [Fact]
    public void the_category_must_exist() =>
        Given(ReportedAtDongping)
            .When(new TriageTicket(TicketId, DongpingDispatcher, "no-such-matter", null))
            .ShouldBeRejectedWith(RuleCodes.UnknownCategory);

    [Fact]
    public void the_holder_accepts_a_dispatched_ticket() =>
        Given(DispatchedToEastVillage)
            .When(new AcceptTicket(TicketId, EastVillageLiaison))
            .ShouldEmit(new TicketAccepted(TicketId, EastVillageLiaison, Now));

    [Fact]
    public void a_department_accepts_a_ticket_transferred_to_it() =>
        Given(DispatchedToHousing)
            .When(new AcceptTicket(TicketId, HousingOfficer))
            .ShouldEmit(new TicketAccepted(TicketId, HousingOfficer, Now));

    [Theory]
    [InlineData(Dongping)]
    [InlineData(WestVillage)]
    [InlineData(UrbanManagement)]
    public void only_the_holder_accepts(string unit) =>
        Given(DispatchedToEastVillage)
            .When(new AcceptTicket(TicketId, EastVillageLiaison with { UnitCode = unit }))
            .ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);

    [Theory]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    public void the_holder_returns_a_triaged_ticket_to_its_dispatcher_and_it_counts_against_the_dispatcher(TicketStatus status) =>
        Given(In(status))
            .When(new ReturnTicket(TicketId, EastVillageLiaison, "The square belongs to West Village."))
            .ShouldEmit(new TicketReturned(
                TicketId, EastVillageLiaison, Now, "The square belongs to West Village.", EastVillage, Dongping, Dongping, null));

    [Fact]
    public void a_department_returns_a_transferred_ticket_to_the_county() =>
        Given(DispatchedToHousing)
            .When(new ReturnTicket(TicketId, HousingOfficer, "The building is sound; this is a boundary dispute."))
            .ShouldEmit(new TicketReturned(
                TicketId, HousingOfficer, Now, "The building is sound; this is a boundary dispute.", Housing, County, County, null));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void a_return_needs_a_reason(string reason) =>
        Given(DispatchedToEastVillage)
            .When(new ReturnTicket(TicketId, EastVillageLiaison, reason))
            .ShouldBeRejectedWith(RuleCodes.ReasonRequired);

    [Fact]
    public void only_the_holder_returns_a_ticket() =>
        Given(DispatchedToEastVillage)
            .When(new ReturnTicket(TicketId, DongpingDispatcher, "Wrong village."))
            .ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);

    [Fact]
    public void a_ticket_that_came_by_escalation_has_no_dispatcher_to_return_to() =>
        Given([.. InHandlingAtEastVillage, Escalated(EastVillageLiaison, EastVillage, Dongping, Tier.Village, Tier.Township)])
            .When(new ReturnTicket(TicketId, DongpingDispatcher, "Not ours."))
            .ShouldBeRejectedWith(RuleCodes.NoDispatcherToReturnTo);

    [Fact]
    public void a_returned_ticket_awaits_triage_again_at_its_dispatcher()
    {
        var returned = Given([.. ReportedAtDongping, Triaged(CountyDispatcher, EastVillage, Tier.Village), Returned(EastVillageLiaison, County)]);

        returned.When(new TriageTicket(TicketId, DongpingDispatcher, Noise, null)).ShouldBeRejectedWith(RuleCodes.NotHolderOrAbove);
        returned.When(new TriageTicket(TicketId, CountyDispatcher, Noise, WestVillage)).ShouldBeRejectedWith(RuleCodes.HandlingUnitOutsideLocation);
        returned.When(new TriageTicket(TicketId, CountyDispatcher, Noise, null))
            .ShouldEmit(new TicketTriaged(TicketId, CountyDispatcher, Now, Noise, 1, EastVillage, Tier.Village, County));
    }

    [Fact]
    public void a_ticket_returned_by_a_department_is_back_in_the_countys_hands() =>
        Given([.. DispatchedToHousing, Returned(HousingOfficer, County)])
            .When(new TransferTicket(TicketId, CountyDispatcher, Housing))
            .ShouldEmit(new TicketTransferred(TicketId, CountyDispatcher, Now, Housing, County));
}
