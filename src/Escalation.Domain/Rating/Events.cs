namespace Escalation.Domain.Rating;

public enum Satisfaction { Satisfied, BasicallySatisfied, Unsatisfied }

/// <summary>The citizen rated the resolution at the callback (回访).</summary>
public sealed record CitizenRated(Guid TicketId, Actor By, DateTimeOffset At, Satisfaction Satisfaction, string? Comment) : ITicketEvent;
