namespace Escalation.Domain.Tests;

/// <summary>Pauses (挂起): the holder's clock to resolve stops while the ticket waits, and runs again with what it had left.</summary>
public class PauseRules
{
    // Monday 2 June 2025, 09:30 (Spec.Now); the limit runs in working time, due on Wednesday at 10:00.
    private static readonly DateTimeOffset Deadline = new(2025, 6, 4, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly TimeLimitStarted ResolveClock =
        new(TicketId, DongpingDispatcher, Earlier, Clock.Resolve, Dongping, Deadline.AddHours(-1), Deadline, null, TimeLimitMeasure.WorkingTime);

    private static readonly object[] Handling = [.. InHandlingAtDongping, ResolveClock];

    private static readonly PauseRequested Asked =
        new(TicketId, DongpingDispatcher, Now, PauseAwaiting.Citizen, "The citizen is away until Friday.", Now.AddDays(15), Dongping, County);

    private static readonly object[] Asking = [.. Handling, Asked];

    private static readonly PauseApproved Approved = new(TicketId, CountyDispatcher, Now, Now.AddDays(15), null);

    private static readonly object[] Paused = [.. Asking, Approved];

    private static RequestPause Ask(Actor by, DateTimeOffset? until = null, string reason = "The citizen is away until Friday.") =>
        new(TicketId, by, PauseAwaiting.Citizen, reason, until);

    private static Turn TakeAt(DateTimeOffset at, object[] history, ITicketCommand command) =>
        TicketTurn.Take(Given(history), command, new DecisionContext(at, TestCounty.Reference, CountySettings.Default));

    [Fact]
    public void the_holder_asks_to_pause_while_it_waits_and_the_unit_above_reviews_it() =>
        Given(Handling).When(Ask(DongpingDispatcher)).ShouldEmit(Asked);

    [Fact]
    public void a_pause_asked_until_a_date_ends_then() =>
        Given(Handling).When(Ask(DongpingDispatcher, Now.AddDays(3))).ShouldEmit(Asked with { Until = Now.AddDays(3) });

    [Fact]
    public void a_pause_ends_later_than_now() =>
        Given(Handling).When(Ask(DongpingDispatcher, Now)).ShouldBeRejectedWith(RuleCodes.PauseEndNotLater);

    [Fact]
    public void a_pause_lasts_at_most_the_countys_maximum() =>
        Given(Handling).When(Ask(DongpingDispatcher, Now.AddDays(15).AddMinutes(1))).ShouldBeRejectedWith(RuleCodes.PauseTooLong);

    [Fact]
    public void a_pause_needs_a_reason() =>
        Given(Handling).When(Ask(DongpingDispatcher, reason: "")).ShouldBeRejectedWith(RuleCodes.ReasonRequired);

    [Fact]
    public void only_the_holder_asks_to_pause() =>
        Given(Handling).When(Ask(XipingDispatcher)).ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);

    [Fact]
    public void one_request_at_a_time_and_no_pause_on_a_paused_ticket()
    {
        Given(Asking).When(Ask(DongpingDispatcher)).ShouldBeRejectedWith(RuleCodes.PausePending);
        Given(Paused).When(Ask(DongpingDispatcher)).ShouldBeRejectedWith(RuleCodes.AlreadyPaused);
    }

    [Fact]
    public void the_pauses_of_a_case_count_together_against_the_maximum()
    {
        var earlier = new TicketResumed(TicketId, DongpingDispatcher, Now.AddMinutes(-1), Now.AddDays(-15).AddMinutes(-1), "Came back.");

        Given([.. Handling, earlier]).When(Ask(DongpingDispatcher)).ShouldBeRejectedWith(RuleCodes.PauseExhausted);
        Given([.. Handling, earlier with { PausedSince = Now.AddDays(-14) }]).When(Ask(DongpingDispatcher, Now.AddDays(2)))
            .ShouldBeRejectedWith(RuleCodes.PauseTooLong);
    }

    [Fact]
    public void approval_stops_the_clock_to_resolve_until_the_pause_ends()
    {
        var turn = Given(Asking).Turn(new ReviewPause(TicketId, CountyDispatcher, true, null));
        var paused = turn.Events.Aggregate(Given(Asking), (t, e) => t.Evolve(e));

        turn.Events.ShouldBe([Approved, new TimeLimitStarted(TicketId, CountyDispatcher, Now, Clock.Pause, Dongping, Approved.Until, Approved.Until, null, Rule: "timeLimits.pause", ReferenceVersion: "test-1")]);
        turn.Timers.ShouldHaveSingleItem().ShouldBe(new ScheduledCheck(Approved.Until, new CheckTimeLimit(TicketId, Clock.Pause, Light.Red, Dongping, Approved.Until, null)));
        paused.When(new CheckTimeLimit(TicketId, Clock.Resolve, Light.Red, Dongping, Deadline, null)).ShouldEmit();
    }

    [Fact]
    public void refusal_needs_a_reason_and_leaves_the_clocks_running()
    {
        var ticket = Given(Asking);

        ticket.When(new ReviewPause(TicketId, CountyDispatcher, false, " ")).ShouldBeRejectedWith(RuleCodes.ReasonRequired);
        var refused = ticket.When(new ReviewPause(TicketId, CountyDispatcher, false, "Handle it meanwhile."));
        refused.ShouldEmit(new PauseRefused(TicketId, CountyDispatcher, Now, "Handle it meanwhile."));
        ticket.Evolve(refused.Events[0]).When(new CheckTimeLimit(TicketId, Clock.Resolve, Light.Red, Dongping, Deadline, null))
            .Events.OfType<TicketEscalated>().ShouldHaveSingleItem();
    }

    [Fact]
    public void only_the_named_reviewer_decides_a_pause()
    {
        Given(Asking).When(new ReviewPause(TicketId, DongpingDispatcher, true, null)).ShouldBeRejectedWith(RuleCodes.NotReviewer);
        Given(Handling).When(new ReviewPause(TicketId, CountyDispatcher, true, null)).ShouldBeRejectedWith(RuleCodes.NoPausePending);
    }

    [Fact]
    public void resuming_gives_back_the_working_time_left_when_the_pause_began()
    {
        // Paused on Tuesday at 16:30: 1 h that day and 1.5 h on Wednesday morning were left (the yellow light 1.5 h away). Resumed on Thursday at 09:00.
        var since = new DateTimeOffset(2025, 6, 3, 16, 30, 0, TimeSpan.FromHours(8));
        var resumedAt = new DateTimeOffset(2025, 6, 5, 9, 0, 0, TimeSpan.FromHours(8));
        object[] paused = [.. Asking, Approved with { At = since }];

        var limit = TakeAt(resumedAt, paused, new ResumeTicket(TicketId, DongpingDispatcher, "The citizen called back.")).Events.OfType<TimeLimitStarted>().ShouldHaveSingleItem();

        (limit.Clock, limit.Deadline, limit.Measure).ShouldBe((Clock.Resolve, resumedAt.AddHours(2.5), TimeLimitMeasure.WorkingTime));
        limit.YellowAt.ShouldBe(resumedAt.AddHours(1.5));
    }

    [Fact]
    public void resuming_a_limit_in_clock_time_gives_back_the_clock_time_left()
    {
        var clockTime = ResolveClock with { YellowAt = Now.AddMinutes(20), Deadline = Now.AddMinutes(30), Measure = TimeLimitMeasure.ClockTime };
        object[] paused = [.. InHandlingAtDongping, clockTime, Asked, Approved];
        var resumedAt = Now.AddDays(1);

        var limit = TakeAt(resumedAt, paused, new ResumeTicket(TicketId, DongpingDispatcher, "Back.")).Events.OfType<TimeLimitStarted>().ShouldHaveSingleItem();

        (limit.YellowAt, limit.Deadline).ShouldBe((resumedAt.AddMinutes(20), resumedAt.AddMinutes(30)));
    }

    [Fact]
    public void the_pauses_end_resumes_the_ticket_by_the_system_and_its_timer_acts_once()
    {
        object[] paused = [.. Paused, new TimeLimitStarted(TicketId, CountyDispatcher, Now, Clock.Pause, Dongping, Approved.Until, Approved.Until, null)];
        var check = new CheckTimeLimit(TicketId, Clock.Pause, Light.Red, Dongping, Approved.Until, null);

        var turn = TakeAt(Approved.Until, paused, check);
        var resumed = turn.Events.Aggregate(Given(paused), (t, e) => t.Evolve(e));

        turn.Events[0].ShouldBe(new TicketResumed(TicketId, Actor.System, Approved.Until, Now, ResumeTicket.PauseEnded));
        turn.Events.OfType<TimeLimitStarted>().ShouldHaveSingleItem().Clock.ShouldBe(Clock.Resolve);
        (resumed.Paused, resumed.PausedTotal).ShouldBe((null, TimeSpan.FromDays(15)));
        resumed.When(check).ShouldEmit();
    }

    [Fact]
    public void whatever_takes_the_ticket_from_its_holder_ends_the_pause_and_counts_its_time()
    {
        var resolved = Given([.. Paused, Resolved(DongpingDispatcher, Now.AddHours(3))]);

        (resolved.Paused, resolved.PausedTotal).ShouldBe((null, TimeSpan.FromHours(3)));
    }

    [Fact]
    public void only_a_paused_ticket_resumes_and_a_person_says_what_came()
    {
        Given(Handling).When(new ResumeTicket(TicketId, DongpingDispatcher, "Back.")).ShouldBeRejectedWith(RuleCodes.NotPaused);
        Given(Paused).When(new ResumeTicket(TicketId, DongpingDispatcher, null)).ShouldBeRejectedWith(RuleCodes.NoteRequired);
        Given(Paused).When(new ResumeTicket(TicketId, XipingDispatcher, "Back.")).ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);
    }
}
