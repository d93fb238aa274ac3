namespace Escalation.Domain.Triage;

/// <summary>
/// The holder sends a mis-dispatched ticket back (退单) to the unit that dispatched it: awaiting triage
/// there after a triage, in the county's hands after a transfer. It counts against the dispatcher. Only within the
/// county's window after the dispatch (3 working days by default), with a reason from the list and a text.
/// </summary>
public sealed record ReturnTicket(Guid TicketId, Actor By, string Reason, ReturnReason? Code = null) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for the return");
        if (Code is null && context.Settings.ReturnReasonCodeRequired)
            return Rules.Missing(RuleCodes.ReturnReasonCodeRequired, "reason code for the return");
        if (context.Settings.ReturnsReviewed)
            return Decision.Accept(new ReturnRequested(
                TicketId, By, context.Now, Reason, Code, state.Holder, state.DispatchedByUnitCode!, ReviewReturn.ReviewerOf(state.Holder, context)));
        return Decision.Accept(new TicketReturned(
            TicketId, By, context.Now, Reason, state.Holder, state.DispatchedByUnitCode!, CountedAgainst: state.DispatchedByUnitCode!, WhistleId: null, Code));
    }

    /// <summary>When the window for returning the latest dispatch closes (the county's <c>returnWindow</c> after it), if the dispatch time is known.</summary>
    public static DateTimeOffset? ReturnWindowEnd(Ticket state, DecisionContext context) =>
        state.DispatchedAt is { } at ? context.Reference.TimeLimitsFor(state.Holder).Apply(context.Reference.TimeLimits.Settings.ReturnWindow, at).DueAt : null;

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context)
    {
        if (state.RefuseUnlessIn("return", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (!by.Holds(state))
            return Rules.NotHeldBy(by, state, "return");
        if (state.DispatchedByUnitCode is null)
            return Decision.Reject(RuleCodes.NoDispatcherToReturnTo, "The ticket came by escalation, not by triage or transfer: there is no dispatcher to return it to.");
        if (state.LiveReturn is not null)
            return Decision.Reject(RuleCodes.ReturnPending, "A return is already awaiting its review: wait for the decision.");
        if (ReturnWindowEnd(state, context) is { } end && context.Now > end)
            return Decision.Reject(RuleCodes.ReturnWindowPassed, $"A mis-dispatch must be returned within the county's window after the dispatch: it closed at {end:O}.");
        return null;
    }
}
