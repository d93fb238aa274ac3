namespace Escalation.Domain.Triage;

/// <summary>The holder signs for a dispatched ticket (签收) and starts handling it.</summary>
public sealed record AcceptTicket(Guid TicketId, Actor By) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context) =>
        Refuses(state, By) ?? Decision.Accept(new TicketAccepted(TicketId, By, context.Now));

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by) =>
        state.RefuseUnlessIn("accept", TicketStatus.Dispatched)
        ?? (by.Holds(state) ? null : Rules.NotHeldBy(by, state, "accept"));
}
