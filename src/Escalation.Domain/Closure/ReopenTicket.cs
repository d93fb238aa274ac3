namespace Escalation.Domain.Closure;

/// <summary>Puts a resolved or closed ticket back into handling at the unit or department that resolved it.</summary>
public sealed record ReopenTicket(Guid TicketId, Actor By, string Reason) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for reopening");
        return Decision.Accept(new TicketReopened(TicketId, By, context.Now, Reason));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context) =>
        state.RefuseUnlessIn("reopen", TicketStatus.Resolved, TicketStatus.Closed)
        ?? (by.HoldsOrIsAbove(state, context.Reference) ? null : Rules.NotHolderOrAbove(by, state, "reopen"));
}
