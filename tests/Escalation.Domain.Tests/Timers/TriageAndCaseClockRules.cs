namespace Escalation.Domain.Tests.Timers;

/// <summary>The clock to triage a reported ticket, and the whole case's clock from the report to the feedback.</summary>
public class TriageAndCaseClockRules
{
    private static readonly TicketReported ReportedNow = Reported() with { At = Now };

    private static IReadOnlyList<TimeLimitStarted> AtIntake(Urgency urgency = Urgency.Normal, string? category = null) =>
        Timekeeping.ClocksStartedAtIntake(Reported(category: category) with { At = Now, Urgency = urgency }, Context());

    private static TimeLimitStarted TriageClock => AtIntake().Single(c => c.Clock == Clock.Triage);

    private static TimeLimitStarted CaseClock => AtIntake().Single(c => c.Clock == Clock.Case);

    private static CheckTimeLimit Check(TimeLimitStarted limit, Light light) => new(TicketId, limit.Clock, light, limit.Holder, limit.Deadline, null);

    [Theory]
    [InlineData(Urgency.Normal, 24)]
    [InlineData(Urgency.Urgent, 2)]
    [InlineData(Urgency.Emergency, 1)]
    public void a_reported_ticket_is_to_be_triaged_by_the_unit_holding_it_within_its_urgencys_limit(Urgency urgency, int hours)
    {
        var triage = AtIntake(urgency).Single(c => c.Clock == Clock.Triage);

        (triage.Holder, triage.Deadline, triage.YellowAt).ShouldBe((Dongping, Now.AddHours(hours), Now.AddHours(hours * 0.8)));
    }

    [Fact]
    public void an_untriaged_ticket_goes_yellow_then_red_and_nothing_else_happens()
    {
        var ticket = Given(ReportedNow, TriageClock);

        var yellow = ticket.When(Check(TriageClock, Light.Yellow));
        var red = ticket.Evolve(yellow.Events[0]).When(Check(TriageClock, Light.Red));

        yellow.ShouldEmit(new WarningLightLit(TicketId, Actor.System, Now, Clock.Triage, Light.Yellow, Dongping, TriageClock.Deadline, null));
        red.ShouldEmit(new WarningLightLit(TicketId, Actor.System, Now, Clock.Triage, Light.Red, Dongping, TriageClock.Deadline, null));
    }

    [Fact]
    public void triage_stops_the_clock_to_triage() =>
        Given(ReportedNow, TriageClock, Triaged(DongpingDispatcher, EastVillage, Tier.Village)).When(Check(TriageClock, Light.Red)).ShouldEmit();

    [Fact]
    public void a_ticket_returned_to_its_dispatcher_is_to_be_triaged_there_again()
    {
        var clocks = Timekeeping.ClocksStartedBy(Given([.. DispatchedToEastVillage, TriageClock]), [Returned(EastVillageLiaison, Dongping)], Context());

        clocks.ShouldHaveSingleItem().ShouldSatisfyAllConditions(c => c.Clock.ShouldBe(Clock.Triage), c => c.Holder.ShouldBe(Dongping));
    }

    [Theory]
    [InlineData(Urgency.Normal, null, 7 * 24)]
    [InlineData(Urgency.Normal, UnsafeBuilding, 15 * 24)]
    [InlineData(Urgency.Urgent, UnsafeBuilding, 24)]
    [InlineData(Urgency.Emergency, null, 2)]
    public void the_whole_case_is_limited_by_class_and_urgency_and_the_county_holds_it(Urgency urgency, string? category, int hours)
    {
        var whole = AtIntake(urgency, category).Single(c => c.Clock == Clock.Case);

        (whole.Holder, whole.Deadline).ShouldBe((County, Now.AddHours(hours)));
    }

    [Fact]
    public void the_whole_case_runs_across_tiers_and_returns_and_stops_at_the_feedback()
    {
        object[] climbed = [ReportedNow, CaseClock, Triaged(DongpingDispatcher, EastVillage, Tier.Village), Accepted(EastVillageLiaison),
            Escalated(EastVillageLiaison, EastVillage, Dongping, Tier.Village, Tier.Township)];

        Given(climbed).When(Check(CaseClock, Light.Red)).ShouldEmit(
            new WarningLightLit(TicketId, Actor.System, Now, Clock.Case, Light.Red, County, CaseClock.Deadline, null));
        Given([.. climbed, Accepted(DongpingDispatcher), Resolved(DongpingDispatcher)]).When(Check(CaseClock, Light.Red)).ShouldEmit();
    }

    [Fact]
    public void a_triage_naming_a_matter_of_another_class_reroutes_the_whole_cases_limit_from_the_report()
    {
        var ticket = Given(ReportedNow, TriageClock, CaseClock);

        var clocks = Timekeeping.ClocksStartedBy(ticket, [Triaged(DongpingDispatcher, County, Tier.County, UnsafeBuilding)], Context());

        clocks.Single(c => c.Clock == Clock.Case).Deadline.ShouldBe(Now.AddDays(15));
        Timekeeping.ClocksStartedBy(ticket, [Triaged(DongpingDispatcher, EastVillage, Tier.Village)], Context()).ShouldNotContain(c => c.Clock == Clock.Case);
    }
}
