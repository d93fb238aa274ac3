using Escalation.Domain.Escalation;
using Escalation.Domain.Extension;
using Escalation.Domain.Intake;
using Escalation.Domain.Pause;
using Escalation.Domain.Reference;
using Escalation.Domain.Supervision;

namespace Escalation.Domain.Timers;

/// <summary>Where a clock stands: it runs, it stands still while the ticket is paused, or it stopped for good.</summary>
public enum ClockState { Running, Paused, Stopped }

/// <summary>What happened to a clock, in the order it happened.</summary>
public enum ClockStepKind
{
    /// <summary>A light went on (<see cref="ClockStep.Light"/>).</summary>
    Lit,

    /// <summary>An extension was asked for, up to <see cref="ClockStep.Deadline"/>.</summary>
    ExtensionRequested,

    /// <summary>An extension was approved: the deadline moved to <see cref="ClockStep.Deadline"/>.</summary>
    ExtensionApproved,

    /// <summary>An extension was refused: the deadline stayed.</summary>
    ExtensionRefused,

    /// <summary>The ticket was paused: the clock stands still until <see cref="ClockStep.Deadline"/> at the latest.</summary>
    Paused,

    /// <summary>The ticket resumed after <see cref="ClockStep.Length"/>; the clock runs again, due at <see cref="ClockStep.Deadline"/>.</summary>
    Resumed,

    /// <summary>A new limit for the same clock and holder replaced the running one, due at <see cref="ClockStep.Deadline"/>.</summary>
    Reset,

    /// <summary>The clock stopped: <see cref="ClockStep.Event"/> names the event that stopped it.</summary>
    Stopped,

    /// <summary>The red light raised the ticket to the county leader (督办) instead of escalating it.</summary>
    Urged,

    /// <summary>The summoned department missed its report-in limit: it counts against it.</summary>
    ReportInMissed,
}

/// <summary>
/// One thing that happened to a clock, with what its event carries: a light, a deadline, a length, whom a pause waits
/// for, the unit an escalation went to (and whether the system escalated it for the missed deadline).
/// </summary>
public sealed record ClockStep(
    ClockStepKind Kind,
    DateTimeOffset At,
    Actor By,
    string? Event = null,
    Light? Light = null,
    DateTimeOffset? Deadline = null,
    TimeSpan? Length = null,
    PauseAwaiting? Awaiting = null,
    string? Reason = null,
    string? ToUnitCode = null,
    EscalationReason? Escalation = null);

/// <summary>
/// A clock that ran on the ticket, from its first limit to now: what <see cref="TimeLimitStarted"/> carried (holder,
/// start, first deadline, how it counts time) and what the ticket was when it started (tier, matter, urgency), then
/// every light, extension, pause and the event that stopped it. Extensions and pauses continue the same story; a
/// clock that stopped and starts again (a new tier's limit to accept) is a new one.
/// </summary>
public sealed record ClockStory(
    Clock Clock,
    string Holder,
    Guid? WhistleId,
    DateTimeOffset StartedAt,
    DateTimeOffset FirstDeadline,
    TimeLimitMeasure Measure,
    Tier? Tier,
    string? CategoryCode,
    Urgency Urgency,
    DateTimeOffset YellowAt,
    DateTimeOffset Deadline,
    Light? Lit,
    ClockState State,
    IReadOnlyList<ClockStep> Steps,
    string? ConfiguredLimit = null,
    string? Rule = null,
    string? ReferenceVersion = null)
{
    /// <summary>The clock stopped when the system escalated the ticket for its missed deadline.</summary>
    public bool Escalated => Steps.Any(s => s is { Kind: ClockStepKind.Stopped, Escalation: EscalationReason.DeadlineMissed });

    /// <summary>It stopped before its deadline passed: no light of its own could act.</summary>
    public bool StoppedInTime => State == ClockState.Stopped && Lit != Light.Red;

    internal RunningClock Limit => new(Clock, Holder, WhistleId, YellowAt, Deadline, Lit, Measure);

    internal ClockStory With(ClockStep step) => this with { Steps = [.. Steps, step] };
}

/// <summary>
/// The clocks of a ticket explained: a fold over its events that replays the ticket alongside, so that a clock stops
/// exactly when <see cref="Ticket.Runs"/> says it no longer runs (the rule its timers act on), and the event that made
/// it so is named. Pure: the same events give the same stories.
/// </summary>
public static class ClockStories
{
    public static IReadOnlyList<ClockStory> Of(IEnumerable<object> events)
    {
        var stream = events.ToList();
        if (stream.Count == 0 || stream[0] is not TicketReported reported)
            return [];
        var ticket = Ticket.Start(reported);
        var stories = new List<ClockStory>();
        object? cause = null;
        foreach (var e in stream.Skip(1))
        {
            ticket = ticket.Evolve(e);
            if (e is not ITicketEvent fact)
                continue;
            if (e is TimeLimitStarted started)
                Start(stories, started, ticket, cause);
            else
                cause = e;
            Note(stories, e);
            Follow(stories, ticket, fact);
        }
        return stories;
    }

    private static void Start(List<ClockStory> stories, TimeLimitStarted e, Ticket ticket, object? cause)
    {
        var live = stories.FindLastIndex(s => s.State != ClockState.Stopped && s.Clock == e.Clock && s.Holder == e.Holder && s.WhistleId == e.WhistleId);
        if (live >= 0)
        {
            var story = stories[live] with { YellowAt = e.YellowAt, Deadline = e.Deadline, Lit = null, State = ClockState.Running };
            stories[live] = cause switch
            {
                ExtensionApproved => story,
                TicketResumed when story.Steps[^1] is { Kind: ClockStepKind.Resumed } resumed =>
                    story with { Steps = [.. story.Steps.Take(story.Steps.Count - 1), resumed with { Deadline = e.Deadline }] },
                _ => story.With(new ClockStep(ClockStepKind.Reset, e.At, e.By, Deadline: e.Deadline)),
            };
            return;
        }
        // A limit for the same clock under another holder replaces the old one (Ticket.FindLimit no longer finds it).
        for (var i = 0; i < stories.Count; i++)
            if (stories[i].State != ClockState.Stopped && stories[i].Limit.IsSameAs(e.Clock, e.Holder, e.WhistleId))
                stories[i] = Stop(stories[i], e);
        stories.Add(new ClockStory(
            e.Clock, e.Holder, e.WhistleId, e.At, e.Deadline, e.Measure, ticket.HandlingTier,
            ticket.CategoryCode, ticket.Urgency, e.YellowAt, e.Deadline, null, ClockState.Running, [], e.Limit, e.Rule, e.ReferenceVersion));
    }

    /// <summary>The steps an event adds to the clocks it is about.</summary>
    private static void Note(List<ClockStory> stories, object e)
    {
        for (var i = 0; i < stories.Count; i++)
        {
            var s = stories[i];
            if (s.State == ClockState.Stopped)
                continue;
            stories[i] = e switch
            {
                WarningLightLit x when s.Limit.IsLimit(x.Clock, x.Holder, x.Deadline, x.WhistleId) && !(s.Lit >= x.Light) =>
                    s.With(new ClockStep(ClockStepKind.Lit, x.At, x.By, Light: x.Light)) with { Lit = x.Light },
                ExtensionRequested x when s.Limit.IsLimit(x.Clock, x.Holder, x.Deadline, x.WhistleId) =>
                    s.With(new ClockStep(ClockStepKind.ExtensionRequested, x.At, x.By, Deadline: x.RequestedDeadline, Reason: x.Reason)),
                ExtensionApproved x when s.Limit.IsLimit(x.Clock, x.Holder, x.Deadline, x.WhistleId) =>
                    s.With(new ClockStep(ClockStepKind.ExtensionApproved, x.At, x.By, Deadline: x.NewDeadline, Reason: x.Note)),
                ExtensionRefused x when s.Limit.IsLimit(x.Clock, x.Holder, x.Deadline, x.WhistleId) =>
                    s.With(new ClockStep(ClockStepKind.ExtensionRefused, x.At, x.By, Reason: x.Reason)),
                TicketResumed x when s.State == ClockState.Paused =>
                    s.With(new ClockStep(ClockStepKind.Resumed, x.At, x.By, Length: x.At - x.PausedSince, Reason: x.Note)),
                TicketUrged x when s.Lit == Light.Red && s.Steps[^1] is { Kind: ClockStepKind.Lit, At: var at } && at == x.At =>
                    s.With(new ClockStep(ClockStepKind.Urged, x.At, x.By, Reason: x.Note)),
                ReportInMissed x when s.Clock == Clock.ReportIn && s.WhistleId == x.WhistleId && s.Holder == x.DepartmentCode =>
                    s.With(new ClockStep(ClockStepKind.ReportInMissed, x.At, x.By, ToUnitCode: x.RaisedToUnitCode)),
                _ => s,
            };
        }
    }

    /// <summary>After each event, a clock that no longer runs is paused (the ticket's pause stops the clocks to resolve and report in, and the whole case's) or stopped by that event.</summary>
    private static void Follow(List<ClockStory> stories, Ticket ticket, ITicketEvent e)
    {
        for (var i = 0; i < stories.Count; i++)
        {
            var s = stories[i];
            if (s.State == ClockState.Stopped)
                continue;
            if (ticket.FindLimit(s.Clock, s.Holder, s.Deadline, s.WhistleId) is null && e is not TimeLimitStarted)
                stories[i] = Stop(s, e);
            else if (ticket.Runs(s.Limit))
                stories[i] = s.State == ClockState.Paused ? s with { State = ClockState.Running } : s;
            else if (ticket.IsHeldByPause(s.Limit) && ticket.Paused is { } pause)
                stories[i] = s.State == ClockState.Paused ? s
                    : s.With(new ClockStep(ClockStepKind.Paused, e.At, e.By, Deadline: pause.Until, Awaiting: pause.Awaiting, Reason: pause.Reason))
                        with { State = ClockState.Paused };
            else if (e is not TimeLimitStarted)
                stories[i] = Stop(s, e);
        }
    }

    private static ClockStory Stop(ClockStory s, ITicketEvent e) =>
        s.With(new ClockStep(
            ClockStepKind.Stopped, e.At, e.By, Event: e.GetType().Name,
            ToUnitCode: (e as TicketEscalated)?.ToUnitCode, Escalation: (e as TicketEscalated)?.Reason)) with { State = ClockState.Stopped };
}
