namespace Escalation.Domain.Closure;

/// <summary>Puts a resolved or closed ticket back into handling at the unit or department that resolved it.</summary>
public sealed record ReopenTicket(Guid TicketId, Actor By, string Reason) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (state.RefuseUnlessIn("reopen", TicketStatus.Resolved, TicketStatus.Closed) is { } refused)
            return refused;
        if (!By.HoldsOrIsAbove(state, context.Reference))
            return Rules.NotHolderOrAbove(By, state, "reopen");
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for reopening");
        return Decision.Accept(new TicketReopened(TicketId, By, context.Now, Reason));
    }
}
