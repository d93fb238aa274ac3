namespace Escalation.Domain.Tests;

public class EscalationRules
{
    [Fact]
    public void a_village_escalates_to_its_township() =>
        Given(InHandlingAtEastVillage)
            .When(new EscalateTicket(TicketId, EastVillageLiaison, EscalationReason.BeyondPowers, "Needs the township."))
            .ShouldEmit(new TicketEscalated(
                TicketId, EastVillageLiaison, Now, EastVillage, Dongping, Tier.Village, Tier.Township, EscalationReason.BeyondPowers, "Needs the township."));

    [Fact]
    public void a_township_escalates_to_the_county() =>
        Given(InHandlingAtDongping)
            .When(new EscalateTicket(TicketId, DongpingDispatcher, EscalationReason.ByHand, null))
            .ShouldEmit(new TicketEscalated(
                TicketId, DongpingDispatcher, Now, Dongping, County, Tier.Township, Tier.County, EscalationReason.ByHand, null));

    [Fact]
    public void the_county_escalates_to_the_county_leader_tier_and_keeps_the_ticket() =>
        Given(InHandlingAtCounty)
            .When(new EscalateTicket(TicketId, CountyDispatcher, EscalationReason.BeyondPowers, null))
            .ShouldEmit(new TicketEscalated(
                TicketId, CountyDispatcher, Now, County, County, Tier.County, Tier.CountyLeader, EscalationReason.BeyondPowers, null));

    [Fact]
    public void a_department_escalates_to_the_county_leader_tier() =>
        Given(InHandlingAtHousing)
            .When(new EscalateTicket(TicketId, HousingOfficer, EscalationReason.BeyondPowers, null))
            .ShouldEmit(new TicketEscalated(
                TicketId, HousingOfficer, Now, Housing, County, Tier.County, Tier.CountyLeader, EscalationReason.BeyondPowers, null));

    [Fact]
    public void nothing_is_above_the_county_leader_tier() =>
        Given(InHandlingAtCountyLeader)
            .When(new EscalateTicket(TicketId, CountyDispatcher, EscalationReason.BeyondPowers, null))
            .ShouldBeRejectedWith(RuleCodes.TopTierReached);

    [Fact]
    public void a_dispatched_ticket_may_be_escalated_before_it_is_accepted() =>
        Given(DispatchedToEastVillage)
            .When(new EscalateTicket(TicketId, EastVillageLiaison, EscalationReason.BeyondPowers, null))
            .ShouldEmit(new TicketEscalated(
                TicketId, EastVillageLiaison, Now, EastVillage, Dongping, Tier.Village, Tier.Township, EscalationReason.BeyondPowers, null));

    [Fact]
    public void the_system_escalates_a_ticket_whose_deadline_passed() =>
        Given(InHandlingAtEastVillage)
            .When(new EscalateTicket(TicketId, Actor.System, EscalationReason.DeadlineMissed, null))
            .ShouldEmit(new TicketEscalated(
                TicketId, Actor.System, Now, EastVillage, Dongping, Tier.Village, Tier.Township, EscalationReason.DeadlineMissed, null));

    [Theory]
    [InlineData(Dongping)]
    [InlineData(County)]
    [InlineData(WestVillage)]
    public void only_the_holder_escalates(string unit) =>
        Given(InHandlingAtEastVillage)
            .When(new EscalateTicket(TicketId, DongpingDispatcher with { UnitCode = unit }, EscalationReason.ByHand, null))
            .ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);

    [Fact]
    public void only_the_citizens_rating_escalates_for_an_unsatisfied_citizen() =>
        Given(InHandlingAtEastVillage)
            .When(new EscalateTicket(TicketId, EastVillageLiaison, EscalationReason.CitizenUnsatisfied, null))
            .ShouldBeRejectedWith(RuleCodes.EscalationReasonReserved);

    [Fact]
    public void an_escalated_ticket_awaits_acceptance_at_the_unit_above()
    {
        var escalated = Given([.. InHandlingAtEastVillage, Escalated(EastVillageLiaison, EastVillage, Dongping, Tier.Village, Tier.Township)]);

        escalated.When(new AcceptTicket(TicketId, EastVillageLiaison)).ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);
        escalated.When(new AcceptTicket(TicketId, DongpingDispatcher)).ShouldEmit(new TicketAccepted(TicketId, DongpingDispatcher, Now));
    }

    [Fact]
    public void the_county_transfers_a_ticket_it_handles_to_a_department_with_power_over_its_matter() =>
        Given(InHandlingAtCounty)
            .When(new TransferTicket(TicketId, CountyDispatcher, Housing))
            .ShouldEmit(new TicketTransferred(TicketId, CountyDispatcher, Now, Housing, County));

    [Fact]
    public void a_department_without_power_over_the_matter_is_refused() =>
        Given(InHandlingAtCounty)
            .When(new TransferTicket(TicketId, CountyDispatcher, UrbanManagement))
            .ShouldBeRejectedWith(RuleCodes.DepartmentLacksPower);

    [Fact]
    public void an_unknown_department_is_refused() =>
        Given(InHandlingAtCounty)
            .When(new TransferTicket(TicketId, CountyDispatcher, "no-such-bureau"))
            .ShouldBeRejectedWith(RuleCodes.UnknownDepartment);

    [Fact]
    public void a_township_does_not_transfer_to_departments() =>
        Given(InHandlingAtDongping)
            .When(new TransferTicket(TicketId, DongpingDispatcher, Housing))
            .ShouldBeRejectedWith(RuleCodes.OnlyCountyTransfers);

    [Fact]
    public void a_department_does_not_transfer_further() =>
        Given(InHandlingAtHousing)
            .When(new TransferTicket(TicketId, HousingOfficer, UrbanManagement))
            .ShouldBeRejectedWith(RuleCodes.OnlyCountyTransfers);

    [Fact]
    public void the_county_does_not_transfer_a_ticket_a_department_holds() =>
        Given(InHandlingAtHousing)
            .When(new TransferTicket(TicketId, CountyDispatcher, Housing))
            .ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);

    [Fact]
    public void the_county_does_not_transfer_a_ticket_a_township_holds() =>
        Given(InHandlingAtDongping)
            .When(new TransferTicket(TicketId, CountyDispatcher, Housing))
            .ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);
}
