namespace Escalation.Domain.Privacy;

/// <summary>The citizen's personal data was erased: the host deletes the name and phone and the text they supplied, all kept apart from the events.</summary>
public sealed record CitizenDataErased(Guid TicketId, Actor By, DateTimeOffset At) : ITicketEvent;
