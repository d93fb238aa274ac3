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
                    started.AddRange(whistle.DepartmentCodes.Select(department => ReportIn(whistle, department, context)));
                    break;
                case PauseApproved pause:
                    started.Add(new TimeLimitStarted(ticket.Id, by, context.Now, Clock.Pause, ticket.Holder, pause.Until, pause.Until, null));
                    break;
                case TicketResumed resumed:
                    started.AddRange(prior.Clocks.Where(c => c.Clock == Clock.Resolve && ticket.Runs(c)).Select(c => Resumed(ticket, c, resumed, context)));
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
        var policy = context.Reference.TimeLimits;
        var deadline = policy.DeadlineFor(Clock.Triage, TimeLimitClass.General, ticket.Urgency, Tier.Township, context.Now);
        var measure = policy.MeasureOf(Clock.Triage, TimeLimitClass.General, ticket.Urgency, Tier.Township, context.Now);
        return new TimeLimitStarted(ticket.Id, by, context.Now, Clock.Triage, ticket.HoldingUnitCode, deadline.YellowAt, deadline.DueAt, null, measure);
    }

    /// <summary>The whole case's limit, counted from the report, for the matter as now known; the county holds it.</summary>
    private static TimeLimitStarted CaseLimit(Ticket ticket, Actor by, DecisionContext context)
    {
        var policy = context.Reference.TimeLimits;
        var limitClass = context.Reference.FindMatter(ticket.CategoryCode)?.TimeLimit ?? TimeLimitClass.General;
        var deadline = policy.DeadlineFor(Clock.Case, limitClass, ticket.Urgency, Tier.Township, ticket.ReportedAt);
        var measure = policy.MeasureOf(Clock.Case, limitClass, ticket.Urgency, Tier.Township, ticket.ReportedAt);
        return new TimeLimitStarted(ticket.Id, by, context.Now, Clock.Case, context.Reference.County.Code, deadline.YellowAt, deadline.DueAt, null, measure);
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

    private static TimeLimitStarted Start(Ticket ticket, Clock clock, Actor by, DecisionContext context)
    {
        var limitClass = context.Reference.FindMatter(ticket.CategoryCode)?.TimeLimit ?? TimeLimitClass.General;
        var tier = ticket.HandlingTier ?? Tier.Township;
        var deadline = context.Reference.TimeLimits.DeadlineFor(clock, limitClass, ticket.Urgency, tier, context.Now);
        var measure = context.Reference.TimeLimits.MeasureOf(clock, limitClass, ticket.Urgency, tier, context.Now);
        return new TimeLimitStarted(ticket.Id, by, context.Now, clock, ticket.Holder, deadline.YellowAt, deadline.DueAt, null, measure);
    }

    /// <summary>
    /// A stopped limit runs again from the resumption with what was left of it when the pause began, counted as the limit
    /// counts time: working time across the nights, weekends and holidays of the pause, or clock time.
    /// </summary>
    private static TimeLimitStarted Resumed(Ticket ticket, RunningClock limit, TicketResumed resumed, DecisionContext context)
    {
        var calendar = context.Reference.TimeLimits.Calendar;
        DateTimeOffset Shift(DateTimeOffset due)
        {
            if (due <= resumed.PausedSince)
                return context.Now;
            return limit.Measure == TimeLimitMeasure.ClockTime
                ? context.Now + (due - resumed.PausedSince)
                : calendar.AddWorkingTime(context.Now, calendar.WorkingTimeBetween(resumed.PausedSince, due));
        }
        return new TimeLimitStarted(ticket.Id, resumed.By, context.Now, limit.Clock, limit.Holder, Shift(limit.YellowAt), Shift(limit.Deadline), limit.WhistleId, limit.Measure);
    }

    /// <summary>The reviewer's limit to decide a request, ending no later than the limit the request is for.</summary>
    private static TimeLimitStarted Review(ExtensionRequested request, DecisionContext context)
    {
        var policy = context.Reference.TimeLimits;
        var review = policy.DeadlineFor(Clock.ExtensionReview, TimeLimitClass.General, Urgency.Normal, Tier.Township, context.Now);
        var deadline = review.DueAt < request.Deadline ? review : new Deadline(context.Now + (request.Deadline - context.Now) * policy.YellowShare, request.Deadline);
        return new TimeLimitStarted(request.TicketId, request.By, context.Now, Clock.ExtensionReview, request.ReviewerUnitCode, deadline.YellowAt, deadline.DueAt, null);
    }

    /// <summary>The callback desk's limit after a resolution, by the matter's class; the desk is the county's, so the county holds it.</summary>
    private static TimeLimitStarted Callback(Ticket ticket, Actor by, DecisionContext context)
    {
        var limitClass = context.Reference.FindMatter(ticket.CategoryCode)?.TimeLimit ?? TimeLimitClass.General;
        var deadline = context.Reference.TimeLimits.DeadlineFor(Clock.Callback, limitClass, ticket.Urgency, Tier.County, context.Now);
        return new TimeLimitStarted(ticket.Id, by, context.Now, Clock.Callback, context.Reference.County.Code, deadline.YellowAt, deadline.DueAt, null);
    }

    /// <summary>
    /// The rating window: when it ends the ticket closes by itself. It has no yellow light (its yellow is its end); an
    /// unreachable citizen ends it at once.
    /// </summary>
    private static TimeLimitStarted RatingWindow(Ticket ticket, Actor by, DecisionContext context, DateTimeOffset ends) =>
        new(ticket.Id, by, context.Now, Clock.RatingWindow, context.Reference.County.Code, ends, ends, null);

    /// <summary>The whistle names its own report-in deadline; the yellow light goes on at the policy's share of it.</summary>
    private static TimeLimitStarted ReportIn(WhistleBlown whistle, string department, DecisionContext context)
    {
        var share = context.Reference.TimeLimits.YellowShare;
        var yellowAt = whistle.At + (whistle.ReportInDeadline - whistle.At) * share;
        return new TimeLimitStarted(whistle.TicketId, whistle.By, context.Now, Clock.ReportIn, department, yellowAt, whistle.ReportInDeadline, whistle.WhistleId);
    }

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
