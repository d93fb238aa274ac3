using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
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
            ticket = ticket.Evolve(e);
            var by = ((ITicketEvent)e).By;
            switch (e)
            {
                case TicketTriaged or TicketEscalated or TicketTransferred:
                    started.Add(Start(ticket, Clock.Accept, by, context));
                    break;
                case TicketAccepted or TicketReopened:
                    started.Add(Start(ticket, Clock.Resolve, by, context));
                    break;
                case WhistleBlown whistle:
                    started.AddRange(whistle.DepartmentCodes.Select(department => ReportIn(whistle, department, context)));
                    break;
                case TicketResolved resolved:
                    started.Add(Callback(ticket, by, context));
                    started.Add(RatingWindow(ticket, by, context, resolved.At + context.Settings.RatingWindow));
                    break;
                case CitizenUnreachable:
                    started.Add(RatingWindow(ticket, by, context, context.Now));
                    break;
            }
        }
        return started;
    }

    private static TimeLimitStarted Start(Ticket ticket, Clock clock, Actor by, DecisionContext context)
    {
        var limitClass = context.Reference.FindMatter(ticket.CategoryCode)?.TimeLimit ?? TimeLimitClass.General;
        var tier = ticket.HandlingTier ?? Tier.Township;
        var deadline = context.Reference.TimeLimits.DeadlineFor(clock, limitClass, ticket.Urgency, tier, context.Now);
        return new TimeLimitStarted(ticket.Id, by, context.Now, clock, ticket.Holder, deadline.YellowAt, deadline.DueAt, null);
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
}
