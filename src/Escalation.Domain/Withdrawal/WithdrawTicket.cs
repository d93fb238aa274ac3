namespace Escalation.Domain.Withdrawal;

/// <summary>The citizen withdraws the request before it is resolved; its timers find it withdrawn and stop.</summary>
public sealed record WithdrawTicket(Guid TicketId, Actor By, string Reason) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state) is { } refused)
            return refused;
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for the withdrawal");
        return Decision.Accept(new TicketWithdrawn(TicketId, By, context.Now, Reason));
    }

    /// <summary>The ticket's state: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state) =>
        state.RefuseUnlessIn("withdraw", TicketStatus.Reported, TicketStatus.Dispatched, TicketStatus.InHandling);
}
