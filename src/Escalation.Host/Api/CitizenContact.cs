namespace Escalation.Host.Api;

/// <summary>
/// The citizen's name and phone for one ticket, kept out of the events (PIPL): erasure deletes this record
/// and leaves every event, and so the case history, intact.
/// </summary>
public sealed record CitizenContact(Guid Id, string? Name, string? Phone);
