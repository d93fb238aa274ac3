namespace Escalation.Domain.Tests;

/// <summary>
/// A pause (挂起) also stops a summoned department's clock to report in and the whole case's, and a pause request has a
/// review limit of its own, as an extension's has.
/// </summary>
public class PauseClockRules
{
    private static readonly DateTimeOffset ReportInDue = Now.AddMinutes(90);
    private static readonly DateTimeOffset CaseDue = Earlier.AddDays(15);

    private static readonly object[] HandlingWithWhistle =
    [
        .. InHandlingAtDongping,
        new TimeLimitStarted(TicketId, Operator, Earlier, Clock.Case, County, Earlier.AddDays(12), CaseDue, null),
        new TimeLimitStarted(TicketId, DongpingDispatcher, Earlier, Clock.Resolve, Dongping, Now.AddHours(20), Now.AddDays(1), null),
        WhistleBlownBy(DongpingDispatcher, UrbanManagement) with { At = Now.AddMinutes(-30), ReportInDeadline = ReportInDue },
        new TimeLimitStarted(TicketId, DongpingDispatcher, Now.AddMinutes(-30), Clock.ReportIn, UrbanManagement, Now.AddMinutes(66), ReportInDue, WhistleId),
    ];

    private static readonly PauseRequested Asked =
        new(TicketId, DongpingDispatcher, Now, PauseAwaiting.ThirdParty, "Waiting for the power company.", Now.AddDays(15), Dongping, County);

    private static readonly object[] Paused = [.. HandlingWithWhistle, Asked, new PauseApproved(TicketId, CountyDispatcher, Now, Now.AddDays(15), null)];

    private static Turn TakeAt(DateTimeOffset at, object[] history, ITicketCommand command) =>
        TicketTurn.Take(Given(history), command, new DecisionContext(at, TestCounty.Reference, CountySettings.Default));

    [Fact]
    public void while_paused_the_report_in_and_whole_case_clocks_stand_still_so_their_timers_decide_nothing()
    {
        var paused = Given(Paused);

        paused.Clocks.Where(c => c.Clock is Clock.ReportIn or Clock.Case or Clock.Resolve).ShouldAllBe(c => !paused.Runs(c) && paused.IsHeldByPause(c));
        paused.When(new CheckTimeLimit(TicketId, Clock.ReportIn, Light.Red, UrbanManagement, ReportInDue, WhistleId)).Events.ShouldBeEmpty();
        paused.When(new CheckTimeLimit(TicketId, Clock.Case, Light.Red, County, CaseDue, null)).Events.ShouldBeEmpty();
    }

    [Fact]
    public void a_resumption_gives_the_report_in_and_whole_case_clocks_what_they_had_left()
    {
        var resumedAt = Now.AddHours(3);

        var turn = TakeAt(resumedAt, Paused, new ResumeTicket(TicketId, DongpingDispatcher, "The power company came."));

        var restarted = turn.Events.OfType<TimeLimitStarted>().ToDictionary(c => c.Clock);
        restarted.Keys.ShouldBe([Clock.Resolve, Clock.ReportIn, Clock.Case], ignoreOrder: true);
        (restarted[Clock.ReportIn].Holder, restarted[Clock.ReportIn].WhistleId, restarted[Clock.ReportIn].Deadline)
            .ShouldBe((UrbanManagement, (Guid?)WhistleId, ReportInDue.AddHours(3)));
        restarted[Clock.Case].Deadline.ShouldBe(CaseDue.AddHours(3));
    }

    [Fact]
    public void a_pause_ended_by_an_escalation_gives_the_whole_case_clock_what_it_had_left()
    {
        var escalatedAt = Now.AddHours(2);

        var turn = TakeAt(escalatedAt, Paused, new EscalateTicket(TicketId, DongpingDispatcher, EscalationReason.BeyondPowers, null));

        turn.Events.OfType<TimeLimitStarted>().Single(c => c.Clock == Clock.Case).Deadline.ShouldBe(CaseDue.AddHours(2));
    }

    [Fact]
    public void a_pause_request_starts_its_reviewers_limit_which_runs_until_it_is_decided()
    {
        var turn = Given(HandlingWithWhistle).Turn(new RequestPause(TicketId, DongpingDispatcher, PauseAwaiting.ThirdParty, "Waiting for the power company.", null));

        var review = turn.Events.OfType<TimeLimitStarted>().ShouldHaveSingleItem();
        var expected = TestCounty.Reference.TimeLimits.DeadlineFor(Clock.PauseReview, TimeLimitClass.General, Urgency.Normal, Tier.Township, Now);
        (review.Clock, review.Holder, review.Deadline).ShouldBe((Clock.PauseReview, County, expected.DueAt));
        var asking = Given([.. HandlingWithWhistle, .. turn.Events]);
        asking.When(new CheckTimeLimit(TicketId, Clock.PauseReview, Light.Red, County, review.Deadline, null))
            .ShouldEmit(new WarningLightLit(TicketId, Actor.System, Now, Clock.PauseReview, Light.Red, County, review.Deadline, null));
        var decided = Given([.. HandlingWithWhistle, .. turn.Events, new PauseRefused(TicketId, CountyDispatcher, Now, "Go on.")]);
        decided.Runs(decided.FindLimit(Clock.PauseReview, County, review.Deadline, null)!).ShouldBeFalse();
    }

    [Fact]
    public void a_pause_review_ends_no_later_than_the_holders_limit_to_resolve()
    {
        object[] soon = [.. InHandlingAtDongping, new TimeLimitStarted(TicketId, DongpingDispatcher, Earlier, Clock.Resolve, Dongping, Now.AddMinutes(20), Now.AddMinutes(30), null)];

        var turn = Given(soon).Turn(new RequestPause(TicketId, DongpingDispatcher, PauseAwaiting.Citizen, "Away.", null));

        turn.Events.OfType<TimeLimitStarted>().ShouldHaveSingleItem().Deadline.ShouldBe(Now.AddMinutes(30));
    }
}
