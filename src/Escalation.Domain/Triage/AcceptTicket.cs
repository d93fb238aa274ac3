namespace Escalation.Domain.Triage;

/// <summary>The holder signs for a dispatched ticket (签收) and starts handling it.</summary>
public sealed record AcceptTicket(Guid TicketId, Actor By) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (state.RefuseUnlessIn("accept", TicketStatus.Dispatched) is { } refused)
            return refused;
        if (!By.Holds(state))
            return Rules.NotHeldBy(By, state, "accept");
        return Decision.Accept(new TicketAccepted(TicketId, By, context.Now));
    }
}
