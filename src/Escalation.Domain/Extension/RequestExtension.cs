using Escalation.Domain.Timers;

namespace Escalation.Domain.Extension;

/// <summary>
/// The holder of a running limit (to accept, to resolve, or a summoned department's to report in) asks for more time
/// (延期) before it passes: a new deadline, or time added to the current one (<see cref="TimeLimit"/>: "2 days",
/// "1 working day"). The unit above the holder, or the county by setting, decides. A pending request stops nothing: the
/// limit's timers run on, and a limit that passes escalates as ever.
/// </summary>
public sealed record RequestExtension(
    Guid TicketId, Actor By, Clock Clock, Guid? WhistleId, DateTimeOffset? NewDeadline, TimeLimit? AddedTime, string Reason) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (Clock is not (Clock.Accept or Clock.Resolve or Clock.ReportIn))
            return Decision.Reject(RuleCodes.ClockNotExtensible, $"Only a limit to accept, to resolve or to report in can be extended, not {Clock}.");
        if (state.Clocks.FirstOrDefault(c => c.Clock == Clock && c.Holder == By.UnitCode && (WhistleId is null || c.WhistleId == WhistleId) && state.Runs(c))
            is not { } limit)
            return Decision.Reject(RuleCodes.NoRunningLimit, $"{By.UnitCode} holds no running {Clock} limit on the ticket.");
        if (context.Now >= limit.Deadline)
            return Decision.Reject(RuleCodes.LimitPassed, $"The limit passed at {limit.Deadline:O}: an extension must be asked for before it passes.");
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for the extension");
        if ((NewDeadline ?? AddedTime?.Apply(limit.Deadline, context.Reference.TimeLimits.Calendar, 1).DueAt) is not { } requested)
            return Decision.Reject(RuleCodes.ExtensionDeadlineRequired, "Give the new deadline or the time to add.");
        if (requested <= limit.Deadline)
            return Decision.Reject(RuleCodes.ExtensionNotLater, $"The new deadline must be later than the current one, {limit.Deadline:O}.");
        if (requested - limit.Deadline > context.Settings.MaxExtension)
            return Decision.Reject(RuleCodes.ExtensionTooLong, $"An extension adds at most {context.Settings.MaxExtension} to a limit.");
        return Decision.Accept(new ExtensionRequested(
            TicketId, By, context.Now, limit.Clock, limit.Holder, limit.WhistleId, limit.Deadline, requested, Reason, ReviewerOf(limit.Holder, context)));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context)
    {
        if (state.RefuseUnlessIn("extend a limit of", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (!by.Holds(state) && !state.OpenWhistles.Any(w => state.Awaits(by.UnitCode, w.Id)))
            return Decision.Reject(RuleCodes.NotHolderOrSummoned, $"Only {state.Holder}, which holds the ticket, or a department still awaited at a whistle may ask for more time; {by.UnitCode} is neither.");
        if (state.LiveExtension is not null)
            return Decision.Reject(RuleCodes.ExtensionPending, "An extension is already awaiting its review: wait for the decision.");
        if (state.ExtensionsGranted >= context.Settings.MaxExtensions)
            return Decision.Reject(RuleCodes.ExtensionsExhausted, $"The ticket was extended {state.ExtensionsGranted} times already, the county's maximum.");
        return null;
    }

    /// <summary>The unit above the holder (a department's or the county's own requests go to the county), or the county by setting.</summary>
    internal static string ReviewerOf(string holder, DecisionContext context)
    {
        var county = context.Reference.County.Code;
        return context.Settings.ClocksReviewedBy == ClockReviewer.County ? county : context.Reference.FindUnit(holder)?.ParentCode ?? county;
    }
}
