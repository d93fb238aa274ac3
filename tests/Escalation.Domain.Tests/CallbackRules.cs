namespace Escalation.Domain.Tests;

/// <summary>The callback desk (回访): who calls back, the two questions, the attempts, and the ticket closing by itself.</summary>
public class CallbackRules
{
    private static readonly Actor CallbackOperator = new("cb-sun", "callback", County);
    private static readonly Actor SecondOperator = new("op-zhang", "operator", County);

    private static readonly object[] ResolvedFromAGridWorker =
    [
        new TicketReported(TicketId, EastVillageLiaison, Earlier, Channel.GridWorker, Description, EastVillage, EastGrid, null, Noise, Urgency.Normal, Dongping),
        Triaged(DongpingDispatcher, EastVillage, Tier.Village), Accepted(EastVillageLiaison), Resolved(EastVillageLiaison),
    ];

    [Theory]
    [InlineData(Role.Callback)]
    [InlineData(Role.Operator)]
    public void a_callback_seat_sees_a_resolved_ticket_within_its_unit_whoever_opened_it(Role role) =>
        CallbackDesk.Sees(role, County, Given(ResolvedFromAGridWorker), TestCounty.Reference).ShouldBeTrue();

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Withdrawn)]
    public void the_callback_desk_does_not_see_a_ticket_before_its_resolution(TicketStatus status) =>
        CallbackDesk.Sees(Role.Callback, County, Given(In(status)), TestCounty.Reference).ShouldBeFalse();

    [Fact]
    public void the_callback_desk_sees_only_within_its_own_unit() =>
        CallbackDesk.Sees(Role.Callback, Xiping, Given(ResolvedFromAGridWorker), TestCounty.Reference).ShouldBeFalse();

    [Fact]
    public void a_dispatcher_is_no_callback_seat() =>
        CallbackDesk.Sees(Role.Dispatcher, County, Given(ResolvedFromAGridWorker), TestCounty.Reference).ShouldBeFalse();

    [Fact]
    public void a_second_operator_rates_a_grid_workers_ticket_with_both_questions() =>
        Given(ResolvedFromAGridWorker)
            .When(new RateTicket(TicketId, SecondOperator, Satisfaction.BasicallySatisfied, "Better.", Solved: true))
            .ShouldEmit(new CitizenRated(TicketId, SecondOperator, Now, Satisfaction.BasicallySatisfied, "Better.", Solved: true));

    [Fact]
    public void the_callback_role_may_rate_and_record_attempts_and_nothing_else()
    {
        Enum.GetValues<TicketAction>().Where(a => Permissions.MayDo(Role.Callback, a))
            .ShouldBe([TicketAction.Rate, TicketAction.CallBack]);
        Permissions.MayDo(Role.Operator, TicketAction.CallBack).ShouldBeTrue();
    }

    [Fact]
    public void an_unanswered_call_is_recorded_and_counted() =>
        Given(ResolvedAtEastVillage)
            .When(new RecordCallbackAttempt(TicketId, CallbackOperator, "No answer."))
            .ShouldEmit(new CallbackUnanswered(TicketId, CallbackOperator, Now, 1, "No answer."));

    [Fact]
    public void the_third_unanswered_call_finds_the_citizen_unreachable() =>
        Given(CalledTwiceUnanswered)
            .When(new RecordCallbackAttempt(TicketId, CallbackOperator, null))
            .ShouldEmit(new CallbackUnanswered(TicketId, CallbackOperator, Now, 3, null), new CitizenUnreachable(TicketId, CallbackOperator, Now, 3));

    [Fact]
    public void the_county_sets_how_many_unanswered_calls_make_the_citizen_unreachable() =>
        Given(ResolvedAtEastVillage)
            .When(new RecordCallbackAttempt(TicketId, CallbackOperator, null), CountySettings.Default with { CallbackAttempts = 1 })
            .ShouldEmit(new CallbackUnanswered(TicketId, CallbackOperator, Now, 1, null), new CitizenUnreachable(TicketId, CallbackOperator, Now, 1));

    [Fact]
    public void an_unreachable_citizens_ticket_takes_no_rating_and_no_more_calls()
    {
        Given(UnreachableAtEastVillage).When(new RateTicket(TicketId, CallbackOperator, Satisfaction.Satisfied, null))
            .ShouldBeRejectedWith(RuleCodes.CitizenUnreachable);
        Given(UnreachableAtEastVillage).When(new RecordCallbackAttempt(TicketId, CallbackOperator, null))
            .ShouldBeRejectedWith(RuleCodes.CitizenUnreachable);
    }

    [Fact]
    public void a_rated_ticket_takes_no_more_calls() =>
        Given([.. ResolvedAtEastVillage, Rated(Satisfaction.Satisfied)])
            .When(new RecordCallbackAttempt(TicketId, CallbackOperator, null))
            .ShouldBeRejectedWith(RuleCodes.AlreadyRated);

    [Fact]
    public void a_new_resolution_is_called_back_afresh()
    {
        var ticket = Given([.. CalledTwiceUnanswered, new TicketReopened(TicketId, DongpingDispatcher, Earlier, "Review."), Resolved(EastVillageLiaison)]);

        (ticket.CallbackAttempts, ticket.Unreachable).ShouldBe((0, false));
    }

    [Fact]
    public void a_resolution_starts_the_callback_clock_by_the_matters_class_and_the_rating_window()
    {
        var turn = Given(InHandlingAtEastVillage).Turn(new ResolveTicket(TicketId, EastVillageLiaison, "Done."));

        var callback = TestCounty.Reference.TimeLimits.DeadlineFor(Clock.Callback, TimeLimitClass.General, Urgency.Normal, Tier.County, Now);
        var windowEnds = Now + CountySettings.Default.RatingWindow;
        turn.Events.OfType<TimeLimitStarted>().ShouldBe(
        [
            new TimeLimitStarted(TicketId, EastVillageLiaison, Now, Clock.Callback, County, callback.YellowAt, callback.DueAt, null, Limit: "1 working day", Rule: "timeLimits.callback.general", ReferenceVersion: "test-1"),
            new TimeLimitStarted(TicketId, EastVillageLiaison, Now, Clock.RatingWindow, County, windowEnds, windowEnds, null, Rule: "Escalation:Process:RatingWindow", ReferenceVersion: "test-1"),
        ]);
        callback.DueAt.ShouldBe(TestCounty.Reference.TimeLimits.Calendar.AddWorkingTime(Now, TestCounty.Reference.TimeLimits.Calendar.WorkingDayLength));
        turn.Timers.ShouldBe(
        [
            new ScheduledCheck(callback.YellowAt, new CheckTimeLimit(TicketId, Clock.Callback, Light.Yellow, County, callback.DueAt, null)),
            new ScheduledCheck(callback.DueAt, new CheckTimeLimit(TicketId, Clock.Callback, Light.Red, County, callback.DueAt, null)),
            new ScheduledCheck(windowEnds, new CheckTimeLimit(TicketId, Clock.RatingWindow, Light.Red, County, windowEnds, null)),
        ]);
    }

    [Fact]
    public void a_complex_matter_is_called_back_within_two_working_days() =>
        TestCounty.Reference.TimeLimits.CallbackLimit(TimeLimitClass.Complex).ShouldBe(TimeLimit.WorkingDays(2));

    [Fact]
    public void a_missed_callback_lights_red_and_escalates_nothing()
    {
        var (ticket, callback) = ResolvedWith(Clock.Callback);

        ticket.When(new CheckTimeLimit(TicketId, Clock.Callback, Light.Red, County, callback.Deadline, null))
            .ShouldEmit(new WarningLightLit(TicketId, Actor.System, Now, Clock.Callback, Light.Red, County, callback.Deadline, null));
    }

    [Fact]
    public void the_callback_clock_stops_once_the_citizen_rated()
    {
        var (ticket, callback) = ResolvedWith(Clock.Callback);

        ticket.Evolve(Rated(Satisfaction.Satisfied))
            .When(new CheckTimeLimit(TicketId, Clock.Callback, Light.Red, County, callback.Deadline, null))
            .ShouldEmit();
    }

    [Fact]
    public void an_unrated_ticket_closes_by_itself_when_its_rating_window_ends()
    {
        var (ticket, window) = ResolvedWith(Clock.RatingWindow);

        ticket.When(new CheckTimeLimit(TicketId, Clock.RatingWindow, Light.Red, County, window.Deadline, null))
            .ShouldEmit(new TicketClosed(TicketId, Actor.System, Now, ClosedBecause.RatingWindowExpired, CheckTimeLimit.WindowEnded));
    }

    [Fact]
    public void a_rated_ticket_left_open_closes_as_rated_when_its_window_ends()
    {
        var (ticket, window) = ResolvedWith(Clock.RatingWindow);

        ticket.Evolve(Rated(Satisfaction.Satisfied))
            .When(new CheckTimeLimit(TicketId, Clock.RatingWindow, Light.Red, County, window.Deadline, null))
            .ShouldEmit(new TicketClosed(TicketId, Actor.System, Now, ClosedBecause.Rated, CheckTimeLimit.WindowEnded));
    }

    [Fact]
    public void the_window_of_a_reopened_ticket_closes_nothing()
    {
        var (ticket, window) = ResolvedWith(Clock.RatingWindow);

        ticket.Evolve(Rated(Satisfaction.Unsatisfied)).Evolve(Reopened())
            .When(new CheckTimeLimit(TicketId, Clock.RatingWindow, Light.Red, County, window.Deadline, null))
            .ShouldEmit();
    }

    [Fact]
    public void an_unreachable_citizen_ends_the_rating_window_at_once()
    {
        var turn = Given(CalledTwiceUnanswered).Turn(new RecordCallbackAttempt(TicketId, CallbackOperator, null));

        turn.Events.OfType<TimeLimitStarted>().ShouldBe([new TimeLimitStarted(TicketId, CallbackOperator, Now, Clock.RatingWindow, County, Now, Now, null, Rule: "Escalation:Process:RatingWindow", ReferenceVersion: "test-1")]);
        turn.Timers.ShouldBe([new ScheduledCheck(Now, new CheckTimeLimit(TicketId, Clock.RatingWindow, Light.Red, County, Now, null))]);
    }

    [Fact]
    public void an_unreachable_citizens_ticket_closes_by_itself_as_unreachable()
    {
        var ticket = Given([.. UnreachableAtEastVillage, new TimeLimitStarted(TicketId, Operator, Earlier, Clock.RatingWindow, County, Earlier, Earlier, null)]);

        ticket.When(new CheckTimeLimit(TicketId, Clock.RatingWindow, Light.Red, County, Earlier, null))
            .ShouldEmit(new TicketClosed(TicketId, Actor.System, Now, ClosedBecause.Unreachable, CheckTimeLimit.CitizenUnreachable));
    }

    [Fact]
    public void a_unit_above_may_close_an_unreachable_citizens_ticket_before_the_window_ends() =>
        Given(UnreachableAtEastVillage).When(new CloseTicket(TicketId, DongpingDispatcher, null))
            .ShouldEmit(new TicketClosed(TicketId, DongpingDispatcher, Now, ClosedBecause.Unreachable, null));

    /// <summary>A ticket resolved at East Village when its rating window began, with the limits its resolution started; and the one of <paramref name="clock"/>.</summary>
    private static (Ticket Ticket, TimeLimitStarted Limit) ResolvedWith(Clock clock)
    {
        var resolving = Given(InHandlingAtEastVillage);
        // Resolved as long before now as the rating window lasts: its end is now.
        var then = Context() with { Now = Now - CountySettings.Default.RatingWindow };
        var turn = TicketTurn.Take(resolving, new ResolveTicket(TicketId, EastVillageLiaison, "Done."), then);
        var ticket = turn.Events.Aggregate(resolving, (t, e) => t.Evolve(e));
        return (ticket, turn.Events.OfType<TimeLimitStarted>().Single(l => l.Clock == clock));
    }
}
