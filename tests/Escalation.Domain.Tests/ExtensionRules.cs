namespace Escalation.Domain.Tests;

/// <summary>Extensions (延期): asked for by the holder of a running limit before it passes, decided by the unit above.</summary>
public class ExtensionRules
{
    private static readonly DateTimeOffset Deadline = Now.AddMinutes(30);

    private static readonly TimeLimitStarted ResolveClock =
        new(TicketId, EastVillageLiaison, Earlier, Clock.Resolve, EastVillage, Now.AddMinutes(10), Deadline, null);

    private static readonly object[] Handling = [.. InHandlingAtEastVillage, ResolveClock];

    private static RequestExtension Ask(Actor by, DateTimeOffset? to = null, TimeLimit? added = null, Clock clock = Clock.Resolve, string reason = "Waiting for the contractor.") =>
        new(TicketId, by, clock, null, to, added, reason);

    private static ExtensionRequested Asked(DateTimeOffset to, string reviewer = Dongping) =>
        new(TicketId, EastVillageLiaison, Now, Clock.Resolve, EastVillage, null, Deadline, to, "Waiting for the contractor.", reviewer);

    private static readonly object[] Asking = [.. Handling, Asked(Deadline.AddDays(1))];

    [Fact]
    public void the_holder_asks_for_more_time_before_its_limit_passes_and_the_unit_above_reviews_it() =>
        Given(Handling).When(Ask(EastVillageLiaison, Deadline.AddDays(1))).ShouldEmit(Asked(Deadline.AddDays(1)));

    [Fact]
    public void time_added_is_added_to_the_current_deadline() =>
        Given(Handling).When(Ask(EastVillageLiaison, added: TimeLimit.Parse("2 hours"))).ShouldEmit(Asked(Deadline.AddHours(2)));

    [Fact]
    public void by_setting_the_county_reviews_every_request() =>
        Given(Handling).When(Ask(EastVillageLiaison, Deadline.AddDays(1)), new CountySettings { ClocksReviewedBy = ClockReviewer.County })
            .ShouldEmit(Asked(Deadline.AddDays(1), reviewer: County));

    [Fact]
    public void a_departments_request_goes_to_the_county()
    {
        var ticket = Given([.. InHandlingAtHousing, ResolveClock with { Holder = Housing }]);

        var asked = ticket.When(Ask(HousingOfficer, Deadline.AddDays(1))).Events.ShouldHaveSingleItem().ShouldBeOfType<ExtensionRequested>();

        (asked.Holder, asked.ReviewerUnitCode).ShouldBe((Housing, County));
    }

    [Fact]
    public void asking_starts_the_reviewers_own_limit_which_ends_no_later_than_the_limit_asked_about()
    {
        var review = Given(Handling).Turn(Ask(EastVillageLiaison, Deadline.AddDays(1))).Events.OfType<TimeLimitStarted>().ShouldHaveSingleItem();

        (review.Clock, review.Holder, review.Deadline).ShouldBe((Clock.ExtensionReview, Dongping, Deadline));
        review.YellowAt.ShouldBeInRange(Now, Deadline);
    }

    [Fact]
    public void only_the_holder_or_an_awaited_department_asks_for_more_time() =>
        Given(Handling).When(Ask(WestVillageLiaison, Deadline.AddDays(1))).ShouldBeRejectedWith(RuleCodes.NotHolderOrSummoned);

    [Fact]
    public void a_limit_that_does_not_run_cannot_be_extended() =>
        Given(Handling).When(Ask(EastVillageLiaison, Deadline.AddDays(1), clock: Clock.Accept)).ShouldBeRejectedWith(RuleCodes.NoRunningLimit);

    [Fact]
    public void a_review_limit_is_not_extensible() =>
        Given(Handling).When(Ask(EastVillageLiaison, Deadline.AddDays(1), clock: Clock.ExtensionReview)).ShouldBeRejectedWith(RuleCodes.ClockNotExtensible);

    [Fact]
    public void an_extension_is_asked_for_before_the_limit_passes()
    {
        var passed = ResolveClock with { YellowAt = Now.AddMinutes(-20), Deadline = Now };

        Given([.. InHandlingAtEastVillage, passed]).When(Ask(EastVillageLiaison, Now.AddDays(1))).ShouldBeRejectedWith(RuleCodes.LimitPassed);
    }

    [Fact]
    public void an_extension_needs_a_reason() =>
        Given(Handling).When(Ask(EastVillageLiaison, Deadline.AddDays(1), reason: " ")).ShouldBeRejectedWith(RuleCodes.ReasonRequired);

    [Fact]
    public void an_extension_needs_a_new_deadline_or_time_to_add() =>
        Given(Handling).When(Ask(EastVillageLiaison)).ShouldBeRejectedWith(RuleCodes.ExtensionDeadlineRequired);

    [Fact]
    public void the_new_deadline_is_later_than_the_current_one() =>
        Given(Handling).When(Ask(EastVillageLiaison, Deadline)).ShouldBeRejectedWith(RuleCodes.ExtensionNotLater);

    [Fact]
    public void an_extension_adds_at_most_the_countys_maximum()
    {
        Given(Handling).When(Ask(EastVillageLiaison, Deadline.AddDays(15))).Rejection.ShouldBeNull();
        Given(Handling).When(Ask(EastVillageLiaison, Deadline.AddDays(15).AddMinutes(1))).ShouldBeRejectedWith(RuleCodes.ExtensionTooLong);
    }

    [Fact]
    public void one_request_at_a_time() =>
        Given(Asking).When(Ask(EastVillageLiaison, Deadline.AddDays(2))).ShouldBeRejectedWith(RuleCodes.ExtensionPending);

    [Fact]
    public void a_ticket_is_extended_at_most_the_countys_number_of_times()
    {
        var approved = new ExtensionApproved(TicketId, DongpingDispatcher, Now, Clock.Resolve, EastVillage, null, Deadline, Deadline.AddDays(1), null);
        var moved = ResolveClock with { YellowAt = ResolveClock.YellowAt.AddDays(1), Deadline = Deadline.AddDays(1) };

        Given([.. Asking, approved, moved]).When(Ask(EastVillageLiaison, Deadline.AddDays(2)), new CountySettings { MaxExtensions = 1 })
            .ShouldBeRejectedWith(RuleCodes.ExtensionsExhausted);
    }

    [Fact]
    public void approval_moves_the_deadline_and_its_yellow_light()
    {
        var turn = Given(Asking).Turn(new ReviewExtension(TicketId, DongpingDispatcher, true, "Agreed."));

        turn.Events.ShouldBe([
            new ExtensionApproved(TicketId, DongpingDispatcher, Now, Clock.Resolve, EastVillage, null, Deadline, Deadline.AddDays(1), "Agreed."),
            new TimeLimitStarted(TicketId, DongpingDispatcher, Now, Clock.Resolve, EastVillage, ResolveClock.YellowAt.AddDays(1), Deadline.AddDays(1), null, ReferenceVersion: "test-1"),
        ]);
    }

    [Fact]
    public void after_approval_the_old_deadlines_timer_decides_nothing_and_the_new_one_escalates()
    {
        var ticket = Given(Asking);
        var turn = ticket.Turn(new ReviewExtension(TicketId, DongpingDispatcher, true, null));
        var extended = turn.Events.Aggregate(ticket, (t, e) => t.Evolve(e));

        extended.When(new CheckTimeLimit(TicketId, Clock.Resolve, Light.Red, EastVillage, Deadline, null)).ShouldEmit();
        var red = turn.Timers.Single(t => t.Check.Light == Light.Red && t.Check.Clock == Clock.Resolve).Check;
        extended.When(red).Events.OfType<TicketEscalated>().ShouldHaveSingleItem().ToUnitCode.ShouldBe(Dongping);
    }

    [Fact]
    public void refusal_leaves_the_limit_as_it_was_and_needs_a_reason()
    {
        var ticket = Given(Asking);

        ticket.When(new ReviewExtension(TicketId, DongpingDispatcher, false, null)).ShouldBeRejectedWith(RuleCodes.ReasonRequired);
        var turn = ticket.Turn(new ReviewExtension(TicketId, DongpingDispatcher, false, "Within the village's means."));
        turn.Events.ShouldBe([new ExtensionRefused(TicketId, DongpingDispatcher, Now, Clock.Resolve, EastVillage, null, Deadline, "Within the village's means.")]);
        turn.Events.Aggregate(ticket, (t, e) => t.Evolve(e)).Clocks.Single(c => c.Clock == Clock.Resolve).Deadline.ShouldBe(Deadline);
    }

    [Fact]
    public void only_the_named_reviewer_decides() =>
        Given(Asking).When(new ReviewExtension(TicketId, CountyDispatcher, true, null)).ShouldBeRejectedWith(RuleCodes.NotReviewer);

    [Fact]
    public void nothing_to_review_without_a_request() =>
        Given(Handling).When(new ReviewExtension(TicketId, DongpingDispatcher, true, null)).ShouldBeRejectedWith(RuleCodes.NoExtensionPending);

    [Fact]
    public void a_pending_request_does_not_stop_the_escalation_and_then_lapses()
    {
        var ticket = Given(Asking);

        var red = ticket.When(new CheckTimeLimit(TicketId, Clock.Resolve, Light.Red, EastVillage, Deadline, null));
        var escalated = red.Events.Aggregate(ticket, (t, e) => t.Evolve(e));

        red.Events.OfType<TicketEscalated>().ShouldHaveSingleItem();
        escalated.LiveExtension.ShouldBeNull();
        escalated.When(new ReviewExtension(TicketId, DongpingDispatcher, true, null)).ShouldBeRejectedWith(RuleCodes.NoExtensionPending);
    }

    [Fact]
    public void the_reviewers_red_light_lights_and_escalates_nothing()
    {
        var review = new TimeLimitStarted(TicketId, EastVillageLiaison, Now, Clock.ExtensionReview, Dongping, Now.AddMinutes(5), Now.AddMinutes(10), null);

        Given([.. Asking, review]).When(new CheckTimeLimit(TicketId, Clock.ExtensionReview, Light.Red, Dongping, review.Deadline, null))
            .ShouldEmit(new WarningLightLit(TicketId, Actor.System, Now, Clock.ExtensionReview, Light.Red, Dongping, review.Deadline, null));
    }

    [Fact]
    public void a_decided_request_stops_the_reviewers_limit()
    {
        var review = new TimeLimitStarted(TicketId, EastVillageLiaison, Now, Clock.ExtensionReview, Dongping, Now.AddMinutes(5), Now.AddMinutes(10), null);
        var refused = new ExtensionRefused(TicketId, DongpingDispatcher, Now, Clock.Resolve, EastVillage, null, Deadline, "No.");

        Given([.. Asking, review, refused]).When(new CheckTimeLimit(TicketId, Clock.ExtensionReview, Light.Red, Dongping, review.Deadline, null)).ShouldEmit();
    }
}
