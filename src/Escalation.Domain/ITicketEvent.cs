namespace Escalation.Domain;

/// <summary>What every event of a ticket's stream carries: the ticket, who acted and when.</summary>
public interface ITicketEvent
{
    Guid TicketId { get; }

    Actor By { get; }

    DateTimeOffset At { get; }
}
