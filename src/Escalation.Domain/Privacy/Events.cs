namespace Escalation.Domain.Privacy;

/// <summary>The citizen's personal data was erased; the host deletes its separate personal record.</summary>
public sealed record CitizenDataErased(Guid TicketId, Actor By, DateTimeOffset At) : ITicketEvent;
