namespace Escalation.Domain.Tests.Timers;

/// <summary>The clocks explained (GET /api/tickets/{id}/clocks): a fold over the ticket's events, given events → stories.</summary>
public class ClockStoryRules
{
    private static readonly DateTimeOffset Due = Now.AddHours(8);

    private static TimeLimitStarted Limit(Clock clock, string holder, DateTimeOffset deadline, DateTimeOffset? at = null) =>
        new(TicketId, DongpingDispatcher, at ?? Earlier, clock, holder, deadline.AddHours(-1), deadline, null, TimeLimitMeasure.WorkingTime);

    private static readonly object[] Dispatched =
        [Reported(category: IllegalConstruction), Triaged(DongpingDispatcher, Dongping, Tier.Township, IllegalConstruction), Limit(Clock.Accept, Dongping, Due)];

    private static readonly object[] Handling =
        [.. Dispatched, Accepted(DongpingDispatcher) with { At = Now }, Limit(Clock.Resolve, Dongping, Due, Now)];

    private static WarningLightLit Lit(Light light, DateTimeOffset at) =>
        new(TicketId, Actor.System, at, Clock.Resolve, light, Dongping, Due, null);

    private static ClockStory Only(Clock clock, object[] events) => ClockStories.Of(events).Single(s => s.Clock == clock);

    [Fact]
    public void a_clock_says_what_its_limit_carried_and_what_the_ticket_was_when_it_started()
    {
        var accept = Only(Clock.Accept, Dispatched);

        accept.ShouldBe(new ClockStory(
            Clock.Accept, Dongping, null, Earlier, Due, TimeLimitMeasure.WorkingTime, Tier.Township, IllegalConstruction, Urgency.Normal,
            Due.AddHours(-1), Due, null, ClockState.Running, []), new ClockStoryComparer());
    }

    [Fact]
    public void a_clock_stops_with_the_event_that_stopped_it_and_before_its_deadline_nothing_escalates()
    {
        var accept = Only(Clock.Accept, Handling);

        accept.State.ShouldBe(ClockState.Stopped);
        accept.Steps.ShouldBe([new ClockStep(ClockStepKind.Stopped, Now, DongpingDispatcher, Event: nameof(TicketAccepted))]);
        accept.StoppedInTime.ShouldBeTrue();
        accept.Escalated.ShouldBeFalse();
    }

    [Fact]
    public void a_red_light_that_escalates_stops_the_clock_naming_the_unit_above()
    {
        var escalated = new TicketEscalated(TicketId, Actor.System, Due, Dongping, County, Tier.Township, Tier.County, EscalationReason.DeadlineMissed, null);

        var resolve = Only(Clock.Resolve, [.. Handling, Lit(Light.Yellow, Due.AddHours(-1)), Lit(Light.Red, Due), escalated]);

        resolve.Steps.ShouldBe([
            new ClockStep(ClockStepKind.Lit, Due.AddHours(-1), Actor.System, Light: Light.Yellow),
            new ClockStep(ClockStepKind.Lit, Due, Actor.System, Light: Light.Red),
            new ClockStep(ClockStepKind.Stopped, Due, Actor.System, Event: nameof(TicketEscalated), ToUnitCode: County, Escalation: EscalationReason.DeadlineMissed),
        ]);
        resolve.Escalated.ShouldBeTrue();
        resolve.StoppedInTime.ShouldBeFalse();
    }

    [Fact]
    public void an_approved_extension_moves_the_same_clocks_deadline()
    {
        var later = Due.AddDays(2);
        object[] events =
        [
            .. Handling,
            new ExtensionRequested(TicketId, DongpingDispatcher, Now, Clock.Resolve, Dongping, null, Due, later, "Survey needed.", County),
            new ExtensionApproved(TicketId, CountyDispatcher, Now.AddHours(1), Clock.Resolve, Dongping, null, Due, later, "Fine."),
            Limit(Clock.Resolve, Dongping, later, Now.AddHours(1)),
        ];

        var resolve = Only(Clock.Resolve, events);

        resolve.Deadline.ShouldBe(later);
        resolve.FirstDeadline.ShouldBe(Due);
        resolve.State.ShouldBe(ClockState.Running);
        resolve.Steps.Select(s => (s.Kind, s.Deadline)).ShouldBe([(ClockStepKind.ExtensionRequested, later), (ClockStepKind.ExtensionApproved, later)]);
    }

    [Fact]
    public void a_refused_extension_leaves_the_deadline()
    {
        object[] events =
        [
            .. Handling,
            new ExtensionRequested(TicketId, DongpingDispatcher, Now, Clock.Resolve, Dongping, null, Due, Due.AddDays(2), "Survey needed.", County),
            new ExtensionRefused(TicketId, CountyDispatcher, Now.AddHours(1), Clock.Resolve, Dongping, null, Due, "Not needed."),
        ];

        var resolve = Only(Clock.Resolve, events);

        resolve.Deadline.ShouldBe(Due);
        resolve.Steps[^1].ShouldBe(new ClockStep(ClockStepKind.ExtensionRefused, Now.AddHours(1), CountyDispatcher, Reason: "Not needed."));
    }

    [Fact]
    public void a_pause_stands_the_clock_to_resolve_still_and_the_resumption_says_how_long_and_the_new_deadline()
    {
        var since = Now.AddHours(1);
        var until = Now.AddDays(15);
        object[] paused =
        [
            .. Handling,
            new PauseRequested(TicketId, DongpingDispatcher, since, PauseAwaiting.Citizen, "Away until Friday.", until, Dongping, County),
            new PauseApproved(TicketId, CountyDispatcher, since, until, null),
        ];
        var resumedAt = since.AddHours(2).AddMinutes(10);
        object[] resumed =
        [
            .. paused,
            new TicketResumed(TicketId, DongpingDispatcher, resumedAt, since, "The citizen is back."),
            Limit(Clock.Resolve, Dongping, Due.AddHours(3), resumedAt),
        ];

        var whilePaused = Only(Clock.Resolve, paused);
        var after = Only(Clock.Resolve, resumed);

        whilePaused.State.ShouldBe(ClockState.Paused);
        whilePaused.Steps.ShouldBe([
            new ClockStep(ClockStepKind.Paused, since, CountyDispatcher, Deadline: until, Awaiting: PauseAwaiting.Citizen, Reason: "Away until Friday."),
        ]);
        after.State.ShouldBe(ClockState.Running);
        after.Deadline.ShouldBe(Due.AddHours(3));
        after.Steps[^1].ShouldBe(new ClockStep(
            ClockStepKind.Resumed, resumedAt, DongpingDispatcher, Deadline: Due.AddHours(3), Length: TimeSpan.FromMinutes(130), Reason: "The citizen is back."));
    }

    [Fact]
    public void escalating_a_paused_ticket_stops_its_clock()
    {
        object[] events =
        [
            .. Handling,
            new PauseRequested(TicketId, DongpingDispatcher, Now, PauseAwaiting.ThirdParty, "Waiting for the surveyor.", Now.AddDays(3), Dongping, County),
            new PauseApproved(TicketId, CountyDispatcher, Now, Now.AddDays(3), null),
            Escalated(DongpingDispatcher, Dongping, County, Tier.Township, Tier.County) with { At = Now.AddHours(2) },
        ];

        var resolve = Only(Clock.Resolve, events);

        resolve.State.ShouldBe(ClockState.Stopped);
        resolve.Steps[^1].ShouldBe(new ClockStep(
            ClockStepKind.Stopped, Now.AddHours(2), DongpingDispatcher, Event: nameof(TicketEscalated), ToUnitCode: County, Escalation: EscalationReason.BeyondPowers));
        resolve.Escalated.ShouldBeFalse();
    }

    [Fact]
    public void a_new_tiers_limit_is_a_new_clock()
    {
        var escalated = new TicketEscalated(TicketId, Actor.System, Due, Dongping, County, Tier.Township, Tier.County, EscalationReason.DeadlineMissed, null);
        object[] events = [.. Handling, Lit(Light.Red, Due), escalated, Limit(Clock.Accept, County, Due.AddHours(4), Due)];

        var accepts = ClockStories.Of(events).Where(s => s.Clock == Clock.Accept).ToList();

        accepts.Select(s => (s.Holder, s.Tier, s.State)).ShouldBe([(Dongping, Tier.Township, ClockState.Stopped), (County, Tier.County, ClockState.Running)]);
    }

    [Fact]
    public void a_red_light_on_a_clock_that_only_lights_leaves_it_running()
    {
        var due = Earlier.AddHours(24);
        object[] events =
        [
            Reported(),
            new TimeLimitStarted(TicketId, Operator, Earlier, Clock.Triage, Dongping, due.AddHours(-4), due, null),
            new WarningLightLit(TicketId, Actor.System, due, Clock.Triage, Light.Red, Dongping, due, null),
        ];

        var triage = Only(Clock.Triage, events);

        triage.State.ShouldBe(ClockState.Running);
        triage.Lit.ShouldBe(Light.Red);
        triage.Measure.ShouldBe(TimeLimitMeasure.ClockTime);
        triage.Tier.ShouldBeNull();
        triage.Escalated.ShouldBeFalse();
    }

    /// <summary>Records with lists compare by reference: compare the lists by their items.</summary>
    private sealed class ClockStoryComparer : IEqualityComparer<ClockStory>
    {
        public bool Equals(ClockStory? x, ClockStory? y) =>
            x is not null && y is not null && x with { Steps = [] } == y with { Steps = [] } && x.Steps.SequenceEqual(y.Steps);

        public int GetHashCode(ClockStory obj) => obj.Clock.GetHashCode();
    }
}
