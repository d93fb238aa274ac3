namespace Escalation.Domain.Tests.Timers;

/// <summary>Yellow, red and what red does; a timer that is stale or repeated decides nothing.</summary>
public class TimeLimitRules
{
    private static readonly DateTimeOffset Deadline = Now.AddMinutes(30);

    private static TimeLimitStarted AcceptClock(string holder) =>
        new(TicketId, DongpingDispatcher, Earlier, Clock.Accept, holder, Deadline.AddMinutes(-6), Deadline, null);

    private static CheckTimeLimit Check(Clock clock, Light light, string holder, Guid? whistle = null) =>
        new(TicketId, clock, light, holder, Deadline, whistle);

    private static WarningLightLit Lit(Clock clock, Light light, string holder, Guid? whistle = null) =>
        new(TicketId, Actor.System, Now, clock, light, holder, Deadline, whistle);

    [Fact]
    public void yellow_lights_the_warning_and_nothing_else()
    {
        var ticket = Given([.. DispatchedToEastVillage, AcceptClock(EastVillage)]);

        ticket.When(Check(Clock.Accept, Light.Yellow, EastVillage)).ShouldEmit(Lit(Clock.Accept, Light.Yellow, EastVillage));
    }

    [Fact]
    public void red_on_a_handling_deadline_escalates_one_tier_as_a_missed_deadline()
    {
        var ticket = Given([.. DispatchedToEastVillage, AcceptClock(EastVillage)]);

        var decision = ticket.When(Check(Clock.Accept, Light.Red, EastVillage));

        decision.Events[0].ShouldBe(Lit(Clock.Accept, Light.Red, EastVillage));
        var escalated = decision.Events[1].ShouldBeOfType<TicketEscalated>();
        escalated.By.ShouldBe(Actor.System);
        escalated.Reason.ShouldBe(EscalationReason.DeadlineMissed);
        escalated.ToUnitCode.ShouldBe(Dongping);
        decision.Events.Count.ShouldBe(2);
    }

    [Fact]
    public void red_at_the_county_leader_tier_records_supervision_instead()
    {
        var ticket = Given([.. InHandlingAtCountyLeader, new TimeLimitStarted(TicketId, CountyDispatcher, Earlier, Clock.Resolve, County, Earlier, Deadline, null)]);

        ticket.When(Check(Clock.Resolve, Light.Red, County)).ShouldEmit(
            Lit(Clock.Resolve, Light.Red, County), new TicketUrged(TicketId, Actor.System, Now, CheckTimeLimit.TopTierSupervision));
    }

    [Fact]
    public void red_on_a_report_in_deadline_records_the_miss_against_the_department_and_raises_it_to_the_county()
    {
        var ticket = Given([.. InHandlingAtDongping, WhistleBlownBy(DongpingDispatcher, UrbanManagement),
            new TimeLimitStarted(TicketId, DongpingDispatcher, Earlier, Clock.ReportIn, UrbanManagement, Earlier, Deadline, WhistleId)]);

        ticket.When(Check(Clock.ReportIn, Light.Red, UrbanManagement, WhistleId)).ShouldEmit(
            Lit(Clock.ReportIn, Light.Red, UrbanManagement, WhistleId), new ReportInMissed(TicketId, Actor.System, Now, WhistleId, UrbanManagement, County));
    }

    [Theory]
    [InlineData(TicketStatus.Withdrawn)]
    [InlineData(TicketStatus.Merged)]
    public void a_report_in_timer_of_a_ticket_that_left_handling_decides_nothing(TicketStatus status)
    {
        object left = status == TicketStatus.Withdrawn ? Withdrawn() : MergedInto(MasterId);
        var ticket = Given([.. InHandlingAtDongping, WhistleBlownBy(DongpingDispatcher, UrbanManagement),
            new TimeLimitStarted(TicketId, DongpingDispatcher, Earlier, Clock.ReportIn, UrbanManagement, Earlier, Deadline, WhistleId), left]);

        ticket.When(Check(Clock.ReportIn, Light.Red, UrbanManagement, WhistleId)).ShouldEmit();
    }

    [Fact]
    public void a_department_that_reported_in_has_no_report_in_timer_left()
    {
        var ticket = Given([.. InHandlingAtDongping, WhistleBlownBy(DongpingDispatcher, UrbanManagement),
            new TimeLimitStarted(TicketId, DongpingDispatcher, Earlier, Clock.ReportIn, UrbanManagement, Earlier, Deadline, WhistleId),
            ReportedIn(UrbanOfficer)]);

        ticket.When(Check(Clock.ReportIn, Light.Red, UrbanManagement, WhistleId)).ShouldEmit();
    }

    [Fact]
    public void a_timer_of_a_replaced_limit_decides_nothing()
    {
        var replaced = AcceptClock(EastVillage) with { Deadline = Deadline.AddHours(1) };
        var ticket = Given([.. DispatchedToEastVillage, AcceptClock(EastVillage), replaced]);

        ticket.When(Check(Clock.Accept, Light.Red, EastVillage)).ShouldEmit();
    }

    [Fact]
    public void a_timer_after_the_ticket_moved_on_decides_nothing()
    {
        var ticket = Given([.. DispatchedToEastVillage, AcceptClock(EastVillage), Accepted(EastVillageLiaison)]);

        ticket.When(Check(Clock.Accept, Light.Red, EastVillage)).ShouldEmit();
    }

    [Fact]
    public void a_timer_delivered_again_after_its_light_went_on_decides_nothing()
    {
        var ticket = Given([.. DispatchedToEastVillage, AcceptClock(EastVillage), Lit(Clock.Accept, Light.Yellow, EastVillage)]);

        ticket.When(Check(Clock.Accept, Light.Yellow, EastVillage)).ShouldEmit();
    }

    [Fact]
    public void a_late_yellow_after_red_decides_nothing()
    {
        var ticket = Given([.. DispatchedToEastVillage, AcceptClock(EastVillage), Lit(Clock.Accept, Light.Red, EastVillage)]);

        ticket.When(Check(Clock.Accept, Light.Yellow, EastVillage)).ShouldEmit();
    }

    [Fact]
    public void a_yellow_timer_that_runs_once_its_deadline_has_passed_lights_red_and_escalates()
    {
        var passed = AcceptClock(EastVillage) with { YellowAt = Now.AddMinutes(-10), Deadline = Now.AddMinutes(-1) };
        var ticket = Given([.. DispatchedToEastVillage, passed]);

        var decision = ticket.When(new CheckTimeLimit(TicketId, Clock.Accept, Light.Yellow, EastVillage, passed.Deadline, null));

        decision.Events[0].ShouldBe(new WarningLightLit(TicketId, Actor.System, Now, Clock.Accept, Light.Red, EastVillage, passed.Deadline, null));
        decision.Events[1].ShouldBeOfType<TicketEscalated>().Reason.ShouldBe(EscalationReason.DeadlineMissed);
        decision.Events.Count.ShouldBe(2);
    }

    [Fact]
    public void a_yellow_timer_that_runs_at_its_deadline_lights_red()
    {
        var due = AcceptClock(EastVillage) with { YellowAt = Now.AddMinutes(-6), Deadline = Now };
        var ticket = Given([.. DispatchedToEastVillage, due]);

        var decision = ticket.When(new CheckTimeLimit(TicketId, Clock.Accept, Light.Yellow, EastVillage, Now, null));

        decision.Events[0].ShouldBeOfType<WarningLightLit>().Light.ShouldBe(Light.Red);
    }

    [Theory]
    [InlineData(TicketStatus.Withdrawn)]
    [InlineData(TicketStatus.Merged)]
    [InlineData(TicketStatus.Closed)]
    public void a_ticket_that_left_handling_stops_its_timers(TicketStatus status)
    {
        var ticket = Given([.. In(status), AcceptClock(EastVillage)]);

        ticket.When(Check(Clock.Accept, Light.Red, EastVillage)).ShouldEmit();
    }
}
