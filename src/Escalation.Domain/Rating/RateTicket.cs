using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;

namespace Escalation.Domain.Rating;

/// <summary>
/// Records the citizen's rating of a resolution. An unsatisfied citizen sends the ticket back into
/// handling, or, where the county chooses so, one tier up (at the top tier it goes back into handling).
/// </summary>
/// <param name="Solved">The callback's first question (解决): whether the citizen says it was solved; null when not asked.</param>
public sealed record RateTicket(Guid TicketId, Actor By, Satisfaction Satisfaction, string? Comment, bool? Solved = null) : ITicketCommand
{
    public const string UnsatisfiedReason = "The citizen was unsatisfied with the resolution.";

    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state) is { } refused)
            return refused;

        var rated = new CitizenRated(TicketId, By, context.Now, Satisfaction, Comment, Solved);
        if (Satisfaction != Satisfaction.Unsatisfied)
            return Decision.Accept(rated);

        // At the county-leader tier there is no tier above: the ticket is reopened there instead. The escalation names the
        // reason, not the citizen's words: those stay in the rating alone, which erasure can reach (CitizenSupplied).
        object next = context.Settings.UnsatisfiedRatingEscalates
            && EscalateTicket.OneTierUp(state, By, EscalationReason.CitizenUnsatisfied, UnsatisfiedReason, context) is { } escalated
                ? escalated
                : new TicketReopened(TicketId, By, context.Now, UnsatisfiedReason);
        return Decision.Accept(rated, next);
    }

    /// <summary>The ticket's state: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state) =>
        state.RefuseUnlessIn("rate", TicketStatus.Resolved)
        ?? (state.Rating is not null ? Decision.Reject(RuleCodes.AlreadyRated, "The citizen has already rated this resolution.")
            : state.Unreachable ? Decision.Reject(RuleCodes.CitizenUnreachable, "The citizen was found unreachable; the ticket closes without a rating.")
            : null);
}
