namespace Escalation.Domain.Closure;

public enum ClosedBecause { Rated, RatingWindowExpired, WithMaster }

public sealed record TicketClosed(Guid TicketId, Actor By, DateTimeOffset At, ClosedBecause Because, string? Note) : ITicketEvent;

/// <summary>The ticket went back into handling at the unit or department that resolved it.</summary>
public sealed record TicketReopened(Guid TicketId, Actor By, DateTimeOffset At, string Reason) : ITicketEvent;
