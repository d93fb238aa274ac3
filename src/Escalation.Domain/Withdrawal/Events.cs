namespace Escalation.Domain.Withdrawal;

public sealed record TicketWithdrawn(Guid TicketId, Actor By, DateTimeOffset At, string Reason) : ITicketEvent;
