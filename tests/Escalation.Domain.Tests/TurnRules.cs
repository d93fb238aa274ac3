namespace Escalation.Domain.Tests;

/// <summary>What a ticket's turn implies besides the decision's events: the limits started, their timers, the follow-ups.</summary>
public class TurnRules
{
    [Fact]
    public void triage_starts_the_clock_to_accept_with_a_yellow_timer_at_80_percent_and_a_red_one_at_the_deadline()
    {
        var turn = Given(ReportedAtDongping).Turn(new TriageTicket(TicketId, DongpingDispatcher, Noise, null));

        var limit = turn.Events.OfType<TimeLimitStarted>().Single();
        (limit.Clock, limit.Holder, limit.Deadline).ShouldBe((Clock.Accept, EastVillage, Now.AddHours(1)));
        limit.YellowAt.ShouldBe(Now.AddMinutes(48));
        turn.Events[0].ShouldBeOfType<TicketTriaged>();
        turn.Timers.ShouldBe(
        [
            new ScheduledCheck(Now.AddMinutes(48), new CheckTimeLimit(TicketId, Clock.Accept, Light.Yellow, EastVillage, Now.AddHours(1), null)),
            new ScheduledCheck(Now.AddHours(1), new CheckTimeLimit(TicketId, Clock.Accept, Light.Red, EastVillage, Now.AddHours(1), null)),
        ]);
        turn.FollowUps.ShouldBeEmpty();
    }

    [Fact]
    public void a_whistle_starts_a_report_in_clock_and_its_two_timers_per_summoned_department()
    {
        var turn = Given(InHandlingAtDongping).Turn(new BlowWhistle(TicketId, DongpingDispatcher, WhistleId, [UrbanManagement, Housing], "Help."));

        turn.Events.OfType<TimeLimitStarted>().Select(l => (l.Clock, l.Holder, l.WhistleId))
            .ShouldBe([(Clock.ReportIn, UrbanManagement, WhistleId), (Clock.ReportIn, Housing, WhistleId)]);
        turn.Timers.Select(t => (t.Check.Holder, t.Check.Light)).ShouldBe(
            [(UrbanManagement, Light.Yellow), (UrbanManagement, Light.Red), (Housing, Light.Yellow), (Housing, Light.Red)]);
    }

    [Fact]
    public void closing_a_master_closes_each_of_its_duplicates_with_it()
    {
        var duplicate = Guid.NewGuid();
        var master = Given([.. ResolvedAtEastVillage, Rated(Satisfaction.Satisfied), new DuplicateAttached(TicketId, DongpingDispatcher, Earlier, duplicate)]);

        var turn = master.Turn(new CloseTicket(TicketId, EastVillageLiaison, null));

        turn.Events.ShouldBe([new TicketClosed(TicketId, EastVillageLiaison, Now, ClosedBecause.Rated, null)]);
        turn.FollowUps.ShouldBe([new FollowUp.OnTicket(new CloseWithMaster(duplicate, Actor.System), Required: false)]);
        turn.Timers.ShouldBeEmpty();
    }

    [Fact]
    public void erasure_deletes_the_citizens_contact()
    {
        var administrator = new Actor("admin", "administrator", County);

        var turn = Given(ClosedAtEastVillage).Turn(new EraseCitizenData(TicketId, administrator));

        turn.Events.ShouldBe([new CitizenDataErased(TicketId, administrator, Now)]);
        turn.FollowUps.ShouldBe([new FollowUp.EraseCitizenContact(TicketId)]);
    }

    [Fact]
    public void intake_keeps_the_citizens_contact_apart_from_the_events_and_starts_the_clocks_to_triage_and_of_the_whole_case()
    {
        var turn = TicketTurn.Open(
            new ReportTicket(TicketId, Operator, Channel.Hotline, "Noise at night.", EastVillage, null, null, null, Urgency.Normal, "李梅", "13800000000"),
            Context());

        turn.Events[0].ShouldBeOfType<TicketReported>();
        turn.Events.Skip(1).Cast<TimeLimitStarted>().Select(c => (c.Clock, c.Holder, c.Deadline)).ShouldBe([(Clock.Triage, Dongping, Now.AddHours(24)), (Clock.Case, County, Now.AddDays(7))]);
        turn.Timers.Select(t => (t.Check.Clock, t.Check.Light)).ShouldBe([(Clock.Triage, Light.Yellow), (Clock.Triage, Light.Red), (Clock.Case, Light.Yellow), (Clock.Case, Light.Red)]);
        turn.FollowUps.ShouldBe([new FollowUp.KeepCitizenContact(TicketId, "李梅", "13800000000")]);
    }

    [Fact]
    public void a_refused_decision_implies_nothing()
    {
        var turn = Given(ClosedAtEastVillage).Turn(new AcceptTicket(TicketId, EastVillageLiaison));

        turn.Rejection.ShouldNotBeNull().Code.ShouldBe(RuleCodes.InvalidState);
        (turn.Events.Count, turn.Timers.Count, turn.FollowUps.Count).ShouldBe((0, 0, 0));
    }

    [Fact]
    public void a_limit_that_would_run_into_a_year_without_a_calendar_is_refused_with_a_rule_code()
    {
        var lateInTheYear = new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.FromHours(8));
        var onlyThisYear = TestCounty.Reference.WithCalendar(new BusinessCalendar([2026]));
        var context = new DecisionContext(lateInTheYear, onlyThisYear, CountySettings.Default);
        var enforcement = Given(Reported(category: IllegalConstruction), Triaged(DongpingDispatcher, Dongping, Tier.Township, IllegalConstruction));

        var turn = TicketTurn.Take(enforcement, new AcceptTicket(TicketId, DongpingDispatcher), context);

        turn.Rejection.ShouldNotBeNull().Code.ShouldBe(RuleCodes.CalendarMissing);
        turn.Rejection.Message.ShouldContain("2027");
        turn.Events.ShouldBeEmpty();
    }
}
