namespace Escalation.Domain.Supervision;

/// <summary>A unit above the holder urged it on (督办).</summary>
public sealed record TicketUrged(Guid TicketId, Actor By, DateTimeOffset At, string Note) : ITicketEvent;
