namespace Escalation.Domain.Pause;

/// <summary>Whom a paused ticket waits for.</summary>
public enum PauseAwaiting { Citizen, ThirdParty }

/// <summary>The holder asked to pause the ticket (挂起) while it waits, until <paramref name="Until"/> at the latest; <paramref name="ReviewerUnitCode"/> decides.</summary>
public sealed record PauseRequested(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    PauseAwaiting Awaiting,
    string Reason,
    DateTimeOffset Until,
    string Holder,
    string ReviewerUnitCode) : ITicketEvent;

/// <summary>The reviewer approved the pause: the holder's clock to resolve stops until the ticket resumes, by <paramref name="Until"/> at the latest.</summary>
public sealed record PauseApproved(Guid TicketId, Actor By, DateTimeOffset At, DateTimeOffset Until, string? Note) : ITicketEvent;

/// <summary>The reviewer refused the pause: the clocks run on.</summary>
public sealed record PauseRefused(Guid TicketId, Actor By, DateTimeOffset At, string Reason) : ITicketEvent;

/// <summary>
/// The pause ended: by the holder when what it waited for came (<paramref name="Note"/> says what), or by the system at
/// the pause's end. The clock to resolve runs again with what was left of it when the pause began.
/// </summary>
public sealed record TicketResumed(Guid TicketId, Actor By, DateTimeOffset At, DateTimeOffset PausedSince, string? Note) : ITicketEvent;

/// <summary>A pause asked for and not yet decided; it lapses once its holder no longer handles the ticket.</summary>
public sealed record PauseRequest(PauseAwaiting Awaiting, string Reason, DateTimeOffset Until, string Holder, string ReviewerUnitCode);

/// <summary>A pause in force: since when, until when at the latest, whom it waits for, and whose clock it stopped.</summary>
public sealed record PauseState(DateTimeOffset Since, DateTimeOffset Until, PauseAwaiting Awaiting, string Reason, string Holder);
