namespace Escalation.Domain.Resolution;

public sealed record ProgressNoted(Guid TicketId, Actor By, DateTimeOffset At, string Note) : ITicketEvent;

/// <param name="ResolvedBy">The unit or department that resolved it.</param>
public sealed record TicketResolved(Guid TicketId, Actor By, DateTimeOffset At, string Summary, string ResolvedBy) : ITicketEvent;
