namespace Escalation.Domain;

/// <summary>A command on an existing ticket: decided on the ticket's state alone.</summary>
public interface ITicketCommand
{
    Guid TicketId { get; }

    Actor By { get; }

    Decision Decide(Ticket state, DecisionContext context);
}
