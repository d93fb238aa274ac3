namespace Escalation.Domain.Merging;

/// <summary>On the duplicate's stream: from now on it follows its master.</summary>
public sealed record TicketMergedInto(Guid TicketId, Actor By, DateTimeOffset At, Guid MasterTicketId) : ITicketEvent;

/// <summary>On the master's stream: a duplicate now follows it and closes when it closes.</summary>
public sealed record DuplicateAttached(Guid TicketId, Actor By, DateTimeOffset At, Guid DuplicateTicketId) : ITicketEvent;
