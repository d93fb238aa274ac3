namespace Escalation.Domain.Triage;

/// <summary>
/// The holder sends a mis-dispatched ticket back (退单) to the unit that dispatched it: awaiting triage
/// there after a triage, in the county's hands after a transfer. It counts against the dispatcher.
/// </summary>
public sealed record ReturnTicket(Guid TicketId, Actor By, string Reason) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for the return");
        return Decision.Accept(new TicketReturned(
            TicketId, By, context.Now, Reason, state.Holder, state.DispatchedByUnitCode!, CountedAgainst: state.DispatchedByUnitCode!, WhistleId: null));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by)
    {
        if (state.RefuseUnlessIn("return", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (!by.Holds(state))
            return Rules.NotHeldBy(by, state, "return");
        if (state.DispatchedByUnitCode is null)
            return Decision.Reject(RuleCodes.NoDispatcherToReturnTo, "The ticket came by escalation, not by triage or transfer: there is no dispatcher to return it to.");
        return null;
    }
}
