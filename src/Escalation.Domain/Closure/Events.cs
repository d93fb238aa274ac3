namespace Escalation.Domain.Closure;

public enum ClosedBecause
{
    Rated, RatingWindowExpired, WithMaster,

    /// <summary>The callback desk could not reach the citizen after the county's number of attempts.</summary>
    Unreachable,
}

public sealed record TicketClosed(Guid TicketId, Actor By, DateTimeOffset At, ClosedBecause Because, string? Note) : ITicketEvent;

/// <summary>The ticket went back into handling at the unit or department that resolved it.</summary>
public sealed record TicketReopened(Guid TicketId, Actor By, DateTimeOffset At, string Reason) : ITicketEvent;
