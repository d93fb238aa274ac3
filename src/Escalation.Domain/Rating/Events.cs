namespace Escalation.Domain.Rating;

public enum Satisfaction { Satisfied, BasicallySatisfied, Unsatisfied }

/// <summary>
/// The citizen rated the resolution at the callback (回访). <paramref name="Solved"/> is the first of the callback's two
/// questions (was it solved, 解决), null when it was not asked; <paramref name="Satisfaction"/> the second (满意).
/// </summary>
public sealed record CitizenRated(Guid TicketId, Actor By, DateTimeOffset At, Satisfaction Satisfaction, string? Comment, bool? Solved = null) : ITicketEvent;

/// <summary>The callback desk called the citizen and nobody answered; <paramref name="Attempt"/> counts them since the resolution.</summary>
public sealed record CallbackUnanswered(Guid TicketId, Actor By, DateTimeOffset At, int Attempt, string? Note) : ITicketEvent;

/// <summary>The citizen could not be reached after the county's number of attempts: the ticket closes without a rating.</summary>
public sealed record CitizenUnreachable(Guid TicketId, Actor By, DateTimeOffset At, int Attempts) : ITicketEvent;
