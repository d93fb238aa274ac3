using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Extension;
using Escalation.Domain.Pause;
using Escalation.Domain.Intake;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;

namespace Escalation.Domain.Timers;

/// <summary>
/// Which time limits a decision's events start: a dispatch starts the clock to accept, an acceptance or a
/// reopening the clock to resolve, a whistle a report-in clock per summoned department. The host appends
/// these with the decision's events and schedules their timers.
/// </summary>
public static class Timekeeping
{
    public static IReadOnlyList<TimeLimitStarted> ClocksStartedBy(Ticket before, IReadOnlyList<object> events, DecisionContext context)
    {
        var started = new List<TimeLimitStarted>();
        var ticket = before;
        foreach (var e in events)
        {
            var prior = ticket;
            ticket = ticket.Evolve(e);
            var by = ((ITicketEvent)e).By;
            // Whatever ends a pause (a resumption, or a resolution, escalation or return) restarts the clocks it held.
            if (prior.Paused is { } ended && ticket.Paused is null)
                started.AddRange(prior.Clocks.Where(c => prior.IsHeldByPause(c) && ticket.Runs(c)).Select(c => Resumed(ticket, c, ended.Since, by, context)));
            switch (e)
            {
                case TicketTriaged:
                    started.Add(Start(ticket, Clock.Accept, by, context));
                    if (CaseRerouted(ticket, by, context) is { } rerouted)
                        started.Add(rerouted);
                    break;
                case TicketEscalated or TicketTransferred:
                    started.Add(Start(ticket, Clock.Accept, by, context));
                    break;
                case TicketReturned { WhistleId: null } when ticket.Status == TicketStatus.Reported:
                    started.Add(Triage(ticket, by, context));
                    break;
                case TicketAccepted or TicketReopened:
                    started.Add(Start(ticket, Clock.Resolve, by, context));
                    break;
                case WhistleBlown whistle:
                    started.AddRange(whistle.DepartmentCodes.Select(department => ReportIn(whistle, department, ticket.Urgency, context)));
                    break;
                case PauseApproved pause:
                    started.Add(new TimeLimitStarted(ticket.Id, by, context.Now, Clock.Pause, ticket.Holder, pause.Until, pause.Until, null) with { Rule = "timeLimits.pause" });
                    break;
                case PauseRequested request:
                    started.Add(PauseReview(ticket, request, context));
                    break;
                case ExtensionRequested request:
                    started.Add(Review(request, context));
                    break;
                case ExtensionApproved approved when ticket.FindLimit(approved.Clock, approved.Holder, approved.Deadline, approved.WhistleId) is { } limit:
                    started.Add(new TimeLimitStarted(ticket.Id, by, context.Now, limit.Clock, limit.Holder,
                        limit.YellowAt + (approved.NewDeadline - limit.Deadline), approved.NewDeadline, limit.WhistleId, limit.Measure));
                    break;
                case TicketResolved resolved:
                    started.Add(Callback(ticket, by, context));
                    started.Add(RatingWindow(ticket, by, context, resolved.At + context.Settings.RatingWindow));
                    break;
                case CitizenUnreachable:
                    started.Add(RatingWindow(ticket, by, context, context.Now));
                    break;
                case TicketReturnedToRaiser:
                    started.Add(Start(ticket, Clock.Accept, by, context));
                    break;
                case MatterChanged:
                    started.AddRange(prior.Clocks.Where(c => c.Clock == Clock.Resolve && ticket.Runs(c))
                        .Select(c => Rerouted(ticket, c, by, context)).OfType<TimeLimitStarted>());
                    if (CaseRerouted(ticket, by, context) is { } recased)
                        started.Add(recased);
                    break;
                // Joint handling (#18): each part its own clock; the fallback owner a clock to accept and its own to resolve.
                case Joint.ConferenceHeld held:
                    started.AddRange(held.Parts.Select(part => PartLimit(held, part, context)));
                    break;
                case Joint.CoHandlersNamed named:
                    started.AddRange(named.Parts.Select(part => PartLimit(named, part, context)));
                    break;
                case Joint.FallbackAssigned fallback:
                    started.Add(Start(ticket, Clock.Accept, by, context));
                    started.Add(FallbackLimit(fallback, context));
                    break;
            }
        }
        return started;
    }

    /// <summary>A new ticket runs two clocks: to be triaged by the unit holding it, and the whole case, report to feedback.</summary>
    public static IReadOnlyList<TimeLimitStarted> ClocksStartedAtIntake(TicketReported reported, DecisionContext context)
    {
        var ticket = Ticket.Start(reported);
        return [Triage(ticket, reported.By, context), CaseLimit(ticket, reported.By, context)];
    }

    private static TimeLimitStarted Triage(Ticket ticket, Actor by, DecisionContext context)
    {
        var policy = context.Reference.TimeLimitsFor(ticket.HoldingUnitCode);
        var deadline = policy.DeadlineFor(Clock.Triage, TimeLimitClass.General, ticket.Urgency, Tier.Township, context.Now);
        var measure = policy.MeasureOf(Clock.Triage, TimeLimitClass.General, ticket.Urgency, Tier.Township, context.Now);
        return new TimeLimitStarted(ticket.Id, by, context.Now, Clock.Triage, ticket.HoldingUnitCode, deadline.YellowAt, deadline.DueAt, null, measure)
            .Ruled(policy.RuleOf(Clock.Triage, TimeLimitClass.General, ticket.Urgency, Tier.Township, context.Now));
    }

    /// <summary>The whole case's limit, counted from the report, for the matter as now known; the county holds it.</summary>
    private static TimeLimitStarted CaseLimit(Ticket ticket, Actor by, DecisionContext context)
    {
        var policy = context.Reference.TimeLimits;
        var limitClass = context.Reference.FindMatter(ticket.CategoryCode)?.TimeLimit ?? TimeLimitClass.General;
        var deadline = policy.DeadlineFor(Clock.Case, limitClass, ticket.Urgency, Tier.Township, ticket.ReportedAt);
        var measure = policy.MeasureOf(Clock.Case, limitClass, ticket.Urgency, Tier.Township, ticket.ReportedAt);
        return new TimeLimitStarted(ticket.Id, by, context.Now, Clock.Case, context.Reference.County.Code, deadline.YellowAt, deadline.DueAt, null, measure)
            .Ruled(policy.RuleOf(Clock.Case, limitClass, ticket.Urgency, Tier.Township, ticket.ReportedAt));
    }

    /// <summary>
    /// A triage that names a matter of another class gives the whole case that class's limit, still counted from the
    /// report. A ticket reported before the whole case had a clock gets none.
    /// </summary>
    private static TimeLimitStarted? CaseRerouted(Ticket ticket, Actor by, DecisionContext context)
    {
        var limit = CaseLimit(ticket, by, context);
        return ticket.Clocks.FirstOrDefault(c => c.Clock == Clock.Case) is { } current && current.Deadline != limit.Deadline ? limit : null;
    }

    /// <summary>
    /// After a change of matter, the running limit to resolve (the one that depends on the class) gets the new class's
    /// limit, counted from when it started (from now for a clock folded before starts were kept); none when that changes nothing.
    /// </summary>
    private static TimeLimitStarted? Rerouted(Ticket ticket, RunningClock limit, Actor by, DecisionContext context)
    {
        var policy = context.Reference.TimeLimitsFor(limit.Holder);
        var limitClass = context.Reference.FindMatter(ticket.CategoryCode)?.TimeLimit ?? TimeLimitClass.General;
        var tier = ticket.HandlingTier ?? Tier.Township;
        var from = limit.StartedAt ?? context.Now;
        var deadline = policy.DeadlineFor(limit.Clock, limitClass, ticket.Urgency, tier, from);
        if (deadline.DueAt == limit.Deadline)
            return null;
        return new TimeLimitStarted(ticket.Id, by, context.Now, limit.Clock, limit.Holder, deadline.YellowAt, deadline.DueAt, null,
            policy.MeasureOf(limit.Clock, limitClass, ticket.Urgency, tier, from)).Ruled(policy.RuleOf(limit.Clock, limitClass, ticket.Urgency, tier, from));
    }

    private static TimeLimitStarted Start(Ticket ticket, Clock clock, Actor by, DecisionContext context)
    {
        var limitClass = context.Reference.FindMatter(ticket.CategoryCode)?.TimeLimit ?? TimeLimitClass.General;
        var tier = ticket.HandlingTier ?? Tier.Township;
        var policy = context.Reference.TimeLimitsFor(ticket.Holder);
        var deadline = policy.DeadlineFor(clock, limitClass, ticket.Urgency, tier, context.Now);
        var measure = policy.MeasureOf(clock, limitClass, ticket.Urgency, tier, context.Now);
        return new TimeLimitStarted(ticket.Id, by, context.Now, clock, ticket.Holder, deadline.YellowAt, deadline.DueAt, null, measure)
            .Ruled(policy.RuleOf(clock, limitClass, ticket.Urgency, tier, context.Now));
    }

    /// <summary>
    /// A stopped limit runs again from the resumption with what was left of it when the pause began, counted as the limit
    /// counts time: working time across the nights, weekends and holidays of the pause, or clock time.
    /// </summary>
    private static TimeLimitStarted Resumed(Ticket ticket, RunningClock limit, DateTimeOffset pausedSince, Actor by, DecisionContext context)
    {
        var calendar = context.Reference.TimeLimitsFor(limit.Holder).Calendar;
        DateTimeOffset Shift(DateTimeOffset due)
        {
            if (due <= pausedSince)
                return context.Now;
            return limit.Measure == TimeLimitMeasure.ClockTime
                ? context.Now + (due - pausedSince)
                : calendar.AddWorkingTime(context.Now, calendar.WorkingTimeBetween(pausedSince, due));
        }
        return new TimeLimitStarted(ticket.Id, by, context.Now, limit.Clock, limit.Holder, Shift(limit.YellowAt), Shift(limit.Deadline), limit.WhistleId, limit.Measure);
    }

    /// <summary>The reviewer's limit to decide a request, ending no later than the limit the request is for.</summary>
    private static TimeLimitStarted Review(ExtensionRequested request, DecisionContext context)
    {
        var policy = context.Reference.TimeLimitsFor(request.ReviewerUnitCode);
        var review = policy.DeadlineFor(Clock.ExtensionReview, TimeLimitClass.General, Urgency.Normal, Tier.Township, context.Now);
        var deadline = review.DueAt < request.Deadline ? review : new Deadline(context.Now + (request.Deadline - context.Now) * policy.YellowShare, request.Deadline);
        return new TimeLimitStarted(request.TicketId, request.By, context.Now, Clock.ExtensionReview, request.ReviewerUnitCode, deadline.YellowAt, deadline.DueAt, null)
            .Ruled(policy.RuleOf(Clock.ExtensionReview, TimeLimitClass.General, Urgency.Normal, Tier.Township, context.Now));
    }

    /// <summary>The reviewer's limit to decide a pause, as an extension's, ending no later than the holder's limit to resolve while it runs.</summary>
    private static TimeLimitStarted PauseReview(Ticket ticket, PauseRequested request, DecisionContext context)
    {
        var policy = context.Reference.TimeLimitsFor(request.ReviewerUnitCode);
        var review = policy.DeadlineFor(Clock.PauseReview, TimeLimitClass.General, Urgency.Normal, Tier.Township, context.Now);
        var deadline = ticket.Clocks.FirstOrDefault(c => c.Clock == Clock.Resolve && ticket.Runs(c)) is { } resolve && resolve.Deadline <= review.DueAt
            ? new Deadline(context.Now + (resolve.Deadline - context.Now) * policy.YellowShare, resolve.Deadline)
            : review;
        return new TimeLimitStarted(request.TicketId, request.By, context.Now, Clock.PauseReview, request.ReviewerUnitCode, deadline.YellowAt, deadline.DueAt, null,
            policy.MeasureOf(Clock.PauseReview, TimeLimitClass.General, Urgency.Normal, Tier.Township, context.Now))
            .Ruled(policy.RuleOf(Clock.PauseReview, TimeLimitClass.General, Urgency.Normal, Tier.Township, context.Now));
    }

    /// <summary>The callback desk's limit after a resolution, by the matter's class; the desk is the county's, so the county holds it.</summary>
    private static TimeLimitStarted Callback(Ticket ticket, Actor by, DecisionContext context)
    {
        var limitClass = context.Reference.FindMatter(ticket.CategoryCode)?.TimeLimit ?? TimeLimitClass.General;
        var deadline = context.Reference.TimeLimits.DeadlineFor(Clock.Callback, limitClass, ticket.Urgency, Tier.County, context.Now);
        return new TimeLimitStarted(ticket.Id, by, context.Now, Clock.Callback, context.Reference.County.Code, deadline.YellowAt, deadline.DueAt, null)
            .Ruled(context.Reference.TimeLimits.RuleOf(Clock.Callback, limitClass, ticket.Urgency, Tier.County, context.Now));
    }

    /// <summary>
    /// The rating window: when it ends the ticket closes by itself. It has no yellow light (its yellow is its end); an
    /// unreachable citizen ends it at once.
    /// </summary>
    private static TimeLimitStarted RatingWindow(Ticket ticket, Actor by, DecisionContext context, DateTimeOffset ends) =>
        new(ticket.Id, by, context.Now, Clock.RatingWindow, context.Reference.County.Code, ends, ends, null) { Rule = "Escalation:Process:RatingWindow" };

    /// <summary>The whistle names its own report-in deadline; the yellow light goes on at the policy's share of it.</summary>
    private static TimeLimitStarted ReportIn(WhistleBlown whistle, string department, Urgency urgency, DecisionContext context)
    {
        var share = context.Reference.TimeLimits.YellowShare;
        var yellowAt = whistle.At + (whistle.ReportInDeadline - whistle.At) * share;
        return new TimeLimitStarted(whistle.TicketId, whistle.By, context.Now, Clock.ReportIn, department, yellowAt, whistle.ReportInDeadline, whistle.WhistleId)
            .Ruled(context.Reference.TimeLimits.RuleOf(Clock.ReportIn, TimeLimitClass.General, urgency, Tier.Township, context.Now));
    }

    /// <summary>The limit as configured and the setting it came from, for the clock's explanation.</summary>
    private static TimeLimitStarted Ruled(this TimeLimitStarted started, (TimeLimit Limit, string Rule) rule) =>
        started with { Limit = rule.Limit.ToString(), Rule = rule.Rule };
    /// <summary>A part's limit is its agreed due time; the yellow light at the policy's share of it. The limit's whistle id is the part's id.</summary>
    private static TimeLimitStarted PartLimit(ITicketEvent agreed, Joint.AgreedPart part, DecisionContext context)
    {
        var yellowAt = agreed.At + (part.Due - agreed.At) * context.Reference.TimeLimits.YellowShare;
        return new TimeLimitStarted(agreed.TicketId, agreed.By, context.Now, Clock.Part, part.Party, yellowAt, part.Due, part.PartId);
    }

    /// <summary>The fallback owner's own limit to resolve, from the county's setting, in clock time.</summary>
    private static TimeLimitStarted FallbackLimit(Joint.FallbackAssigned fallback, DecisionContext context)
    {
        var limit = context.Settings.FallbackLimit;
        return new TimeLimitStarted(fallback.TicketId, fallback.By, context.Now, Clock.Fallback, fallback.OwnerCode,
            context.Now + limit * context.Reference.TimeLimits.YellowShare, context.Now + limit, null);
    }
}
