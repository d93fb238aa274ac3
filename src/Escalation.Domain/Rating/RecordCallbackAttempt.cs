namespace Escalation.Domain.Rating;

/// <summary>
/// The callback desk called the citizen and nobody answered. The county's number of attempts
/// (<see cref="CountySettings.CallbackAttempts"/>) makes the citizen unreachable, counted apart from the ratings; the
/// rating window then ends at once and the ticket closes by itself (<see cref="Timers.Clock.RatingWindow"/>).
/// </summary>
public sealed record RecordCallbackAttempt(Guid TicketId, Actor By, string? Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state) is { } refused)
            return refused;
        var attempt = state.CallbackAttempts + 1;
        var unanswered = new CallbackUnanswered(TicketId, By, context.Now, attempt, Note);
        return attempt >= context.Settings.CallbackAttempts
            ? Decision.Accept(unanswered, new CitizenUnreachable(TicketId, By, context.Now, attempt))
            : Decision.Accept(unanswered);
    }

    /// <summary>The ticket's state: a resolution waiting for its callback, neither rated nor found unreachable.</summary>
    public static Decision? Refuses(Ticket state) =>
        state.RefuseUnlessIn("call back", TicketStatus.Resolved)
        ?? (state.Rating is not null ? Decision.Reject(RuleCodes.AlreadyRated, "The citizen has already rated this resolution.")
            : state.Unreachable ? Decision.Reject(RuleCodes.CitizenUnreachable, "The citizen was found unreachable; the ticket closes without a rating.")
            : null);
}
