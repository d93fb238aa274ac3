namespace Escalation.Domain.Tests;

public class WhistleRules
{
    private static readonly string[] UrbanAndHousing = [UrbanManagement, Housing];
    private static readonly string[] TownshipAndHousing = [Dongping, Housing];

    private static readonly object[] WhistleBlownByDongping = [.. InHandlingAtDongping, WhistleBlownBy(DongpingDispatcher, UrbanManagement, Housing)];

    [Fact]
    public void a_township_handling_a_ticket_blows_the_whistle_and_the_departments_must_report_in_within_two_hours() =>
        Given(InHandlingAtDongping)
            .When(new BlowWhistle(TicketId, DongpingDispatcher, WhistleId, UrbanAndHousing, "Illegal extension on a road."))
            .ShouldEmit(new WhistleBlown(
                TicketId, DongpingDispatcher, Now, WhistleId, Dongping, UrbanAndHousing, Now.AddHours(2), "Illegal extension on a road."));

    [Fact]
    public void the_report_in_deadline_follows_the_countys_limit_for_the_tickets_urgency() =>
        Given([Reported() with { Urgency = Urgency.Emergency }, .. InHandlingAtDongping.Skip(1)])
            .When(new BlowWhistle(TicketId, DongpingDispatcher, WhistleId, UrbanAndHousing, "Urgent."))
            .ShouldEmit(new WhistleBlown(
                TicketId, DongpingDispatcher, Now, WhistleId, Dongping, UrbanAndHousing, Now.AddMinutes(30), "Urgent."));

    [Fact]
    public void the_county_blows_the_whistle_at_the_county_tier() =>
        Given(InHandlingAtCounty)
            .When(new BlowWhistle(TicketId, CountyDispatcher, WhistleId, UrbanAndHousing, "Joint inspection."))
            .ShouldEmit(new WhistleBlown(
                TicketId, CountyDispatcher, Now, WhistleId, County, UrbanAndHousing, Now.AddHours(2), "Joint inspection."));

    [Fact]
    public void the_county_blows_the_whistle_at_the_county_leader_tier() =>
        Given(InHandlingAtCountyLeader)
            .When(new BlowWhistle(TicketId, CountyDispatcher, WhistleId, UrbanAndHousing, "Joint inspection."))
            .ShouldEmit(new WhistleBlown(
                TicketId, CountyDispatcher, Now, WhistleId, County, UrbanAndHousing, Now.AddHours(2), "Joint inspection."));

    [Fact]
    public void a_village_does_not_blow_the_whistle_where_the_county_keeps_it_to_townships_and_up() =>
        Given(InHandlingAtEastVillage)
            .When(new BlowWhistle(TicketId, EastVillageLiaison, WhistleId, UrbanAndHousing, "Too loud."), new CountySettings { LowestWhistleTier = Tier.Township })
            .ShouldBeRejectedWith(RuleCodes.WhistleTierNotAllowed);

    [Fact]
    public void a_village_blows_the_whistle_by_default_and_the_departments_must_report_in() =>
        Given(InHandlingAtEastVillage)
            .When(new BlowWhistle(TicketId, EastVillageLiaison, WhistleId, UrbanAndHousing, "Too loud."))
            .ShouldEmit(new WhistleBlown(
                TicketId, EastVillageLiaison, Now, WhistleId, EastVillage, UrbanAndHousing, Now.AddHours(2), "Too loud."));

    [Fact]
    public void a_village_may_summon_its_own_township_with_the_departments() =>
        Given(InHandlingAtEastVillage)
            .When(new BlowWhistle(TicketId, EastVillageLiaison, WhistleId, TownshipAndHousing, "Too loud."))
            .ShouldEmit(new WhistleBlown(
                TicketId, EastVillageLiaison, Now, WhistleId, EastVillage, TownshipAndHousing, Now.AddHours(2), "Too loud."));

    [Fact]
    public void a_village_does_not_summon_its_township_where_the_county_does_not_allow_it() =>
        Given(InHandlingAtEastVillage)
            .When(new BlowWhistle(TicketId, EastVillageLiaison, WhistleId, [Dongping], "Too loud."), new CountySettings { VillagesSummonTownship = false })
            .ShouldBeRejectedWith(RuleCodes.UnknownDepartment);

    [Fact]
    public void a_village_does_not_summon_another_township() =>
        Given(InHandlingAtEastVillage)
            .When(new BlowWhistle(TicketId, EastVillageLiaison, WhistleId, [Xiping], "Too loud."))
            .ShouldBeRejectedWith(RuleCodes.UnknownDepartment);

    [Fact]
    public void a_township_summoned_by_its_village_reports_in_as_a_department_does() =>
        Given([.. InHandlingAtEastVillage, new WhistleBlown(TicketId, EastVillageLiaison, Earlier, WhistleId, EastVillage, [Dongping], Earlier.AddHours(2), "Help.")])
            .When(new ReportIn(TicketId, DongpingDispatcher, WhistleId, true, null))
            .ShouldEmit(new DepartmentReportedIn(TicketId, DongpingDispatcher, Now, WhistleId, Dongping, DongpingDispatcher.UserId, true, null));

    [Fact]
    public void a_department_does_not_blow_the_whistle() =>
        Given(InHandlingAtHousing)
            .When(new BlowWhistle(TicketId, HousingOfficer, WhistleId, [UrbanManagement], "Help."))
            .ShouldBeRejectedWith(RuleCodes.WhistleOnlyByTownshipOrCounty);

    [Fact]
    public void only_the_holder_blows_the_whistle() =>
        Given(InHandlingAtDongping)
            .When(new BlowWhistle(TicketId, CountyDispatcher, WhistleId, UrbanAndHousing, "Joint inspection."))
            .ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);

    [Fact]
    public void a_whistle_summons_at_least_one_department() =>
        Given(InHandlingAtDongping)
            .When(new BlowWhistle(TicketId, DongpingDispatcher, WhistleId, [], "Help."))
            .ShouldBeRejectedWith(RuleCodes.DepartmentsRequired);

    [Fact]
    public void a_whistle_summons_existing_departments() =>
        Given(InHandlingAtDongping)
            .When(new BlowWhistle(TicketId, DongpingDispatcher, WhistleId, [UrbanManagement, "no-such-bureau"], "Help."))
            .ShouldBeRejectedWith(RuleCodes.UnknownDepartment);

    [Fact]
    public void a_whistle_names_each_department_once() =>
        Given(InHandlingAtDongping)
            .When(new BlowWhistle(TicketId, DongpingDispatcher, WhistleId, [Housing, Housing], "Help."))
            .ShouldBeRejectedWith(RuleCodes.DuplicateDepartment);

    [Fact]
    public void a_whistle_needs_a_reason() =>
        Given(InHandlingAtDongping)
            .When(new BlowWhistle(TicketId, DongpingDispatcher, WhistleId, UrbanAndHousing, " "))
            .ShouldBeRejectedWith(RuleCodes.ReasonRequired);

    [Fact]
    public void a_summoned_department_reports_in() =>
        Given(WhistleBlownByDongping)
            .When(new ReportIn(TicketId, UrbanOfficer, WhistleId, OnSite: true, "Two officers on site."))
            .ShouldEmit(new DepartmentReportedIn(TicketId, UrbanOfficer, Now, WhistleId, UrbanManagement, UrbanOfficer.UserId, true, "Two officers on site."));

    [Fact]
    public void a_whistle_stays_open_when_the_ticket_is_escalated() =>
        Given([.. WhistleBlownByDongping, Escalated(DongpingDispatcher, Dongping, County, Tier.Township, Tier.County)])
            .When(new ReportIn(TicketId, HousingOfficer, WhistleId, OnSite: false, null))
            .ShouldEmit(new DepartmentReportedIn(TicketId, HousingOfficer, Now, WhistleId, Housing, HousingOfficer.UserId, false, null));

    [Fact]
    public void a_department_reports_in_once() =>
        Given([.. WhistleBlownByDongping, ReportedIn(UrbanOfficer)])
            .When(new ReportIn(TicketId, UrbanOfficer, WhistleId, OnSite: true, null))
            .ShouldBeRejectedWith(RuleCodes.SummonsAlreadyAnswered);

    [Fact]
    public void a_department_that_returned_its_summons_does_not_report_in() =>
        Given([.. WhistleBlownByDongping, SummonsReturned(UrbanOfficer, Dongping)])
            .When(new ReportIn(TicketId, UrbanOfficer, WhistleId, OnSite: true, null))
            .ShouldBeRejectedWith(RuleCodes.SummonsAlreadyAnswered);

    [Theory]
    [InlineData(MarketRegulation)]
    [InlineData(Dongping)]
    public void only_a_summoned_department_reports_in(string unit) =>
        Given(WhistleBlownByDongping)
            .When(new ReportIn(TicketId, MarketOfficer with { UnitCode = unit }, WhistleId, OnSite: true, null))
            .ShouldBeRejectedWith(RuleCodes.DepartmentNotSummoned);

    [Fact]
    public void a_department_reports_in_only_to_an_open_whistle_of_the_ticket() =>
        Given(WhistleBlownByDongping)
            .When(new ReportIn(TicketId, UrbanOfficer, Guid.Empty, OnSite: true, null))
            .ShouldBeRejectedWith(RuleCodes.UnknownWhistle);

    [Fact]
    public void resolving_the_ticket_ends_its_whistles() =>
        Given([.. WhistleBlownByDongping, Resolved(DongpingDispatcher), Reopened()])
            .When(new ReportIn(TicketId, UrbanOfficer, WhistleId, OnSite: true, null))
            .ShouldBeRejectedWith(RuleCodes.UnknownWhistle);

    [Fact]
    public void a_summoned_department_returns_its_summons_and_it_counts_against_the_whistler() =>
        Given(WhistleBlownByDongping)
            .When(new ReturnSummons(TicketId, UrbanOfficer, WhistleId, "Construction permits are Housing's."))
            .ShouldEmit(new TicketReturned(
                TicketId, UrbanOfficer, Now, "Construction permits are Housing's.", UrbanManagement, Dongping, Dongping, WhistleId));

    [Fact]
    public void a_summons_may_be_returned_while_the_escalated_ticket_awaits_acceptance() =>
        Given([.. WhistleBlownByDongping, Escalated(DongpingDispatcher, Dongping, County, Tier.Township, Tier.County)])
            .When(new ReturnSummons(TicketId, HousingOfficer, WhistleId, "Not ours."))
            .ShouldEmit(new TicketReturned(TicketId, HousingOfficer, Now, "Not ours.", Housing, Dongping, Dongping, WhistleId));

    [Fact]
    public void a_department_that_reported_in_does_not_return_its_summons() =>
        Given([.. WhistleBlownByDongping, ReportedIn(UrbanOfficer)])
            .When(new ReturnSummons(TicketId, UrbanOfficer, WhistleId, "Changed our mind."))
            .ShouldBeRejectedWith(RuleCodes.SummonsAlreadyAnswered);

    [Fact]
    public void a_summons_is_returned_once() =>
        Given([.. WhistleBlownByDongping, SummonsReturned(UrbanOfficer, Dongping)])
            .When(new ReturnSummons(TicketId, UrbanOfficer, WhistleId, "Still not ours."))
            .ShouldBeRejectedWith(RuleCodes.SummonsAlreadyAnswered);

    [Fact]
    public void only_a_summoned_department_returns_a_summons() =>
        Given(WhistleBlownByDongping)
            .When(new ReturnSummons(TicketId, MarketOfficer, WhistleId, "Not ours."))
            .ShouldBeRejectedWith(RuleCodes.DepartmentNotSummoned);

    [Fact]
    public void a_summons_is_returned_only_to_an_open_whistle_of_the_ticket() =>
        Given(InHandlingAtDongping)
            .When(new ReturnSummons(TicketId, UrbanOfficer, WhistleId, "Not ours."))
            .ShouldBeRejectedWith(RuleCodes.UnknownWhistle);

    [Fact]
    public void returning_a_summons_needs_a_reason() =>
        Given(WhistleBlownByDongping)
            .When(new ReturnSummons(TicketId, UrbanOfficer, WhistleId, ""))
            .ShouldBeRejectedWith(RuleCodes.ReasonRequired);
}
