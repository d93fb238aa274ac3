namespace Escalation.Domain.Triage;

/// <summary>
/// The holder sends a mis-dispatched ticket back (退单) to the unit that dispatched it: awaiting triage
/// there after a triage, in the county's hands after a transfer. It counts against the dispatcher.
/// </summary>
public sealed record ReturnTicket(Guid TicketId, Actor By, string Reason) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (state.RefuseUnlessIn("return", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (!By.Holds(state))
            return Rules.NotHeldBy(By, state, "return");
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for the return");
        if (state.DispatchedByUnitCode is not { } dispatcher)
            return Decision.Reject(RuleCodes.NoDispatcherToReturnTo, "The ticket came by escalation, not by triage or transfer: there is no dispatcher to return it to.");

        return Decision.Accept(new TicketReturned(
            TicketId, By, context.Now, Reason, state.Holder, dispatcher, CountedAgainst: dispatcher, WhistleId: null));
    }
}
