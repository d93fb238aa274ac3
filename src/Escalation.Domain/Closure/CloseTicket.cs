namespace Escalation.Domain.Closure;

/// <summary>
/// Closes a resolved ticket (结案) once the citizen has rated it, or once the rating window has passed
/// without a rating. The holder, a unit above it, or <see cref="Actor.System"/> when the window expires.
/// </summary>
public sealed record CloseTicket(Guid TicketId, Actor By, string? Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context) =>
        Refuses(state, By, context) ?? Decision.Accept(new TicketClosed(TicketId, By, context.Now, Because(state), Note));

    /// <summary>Why a resolved ticket closes: rated, its citizen unreachable, or its rating window over.</summary>
    public static ClosedBecause Because(Ticket state) =>
        state.Rating is not null ? ClosedBecause.Rated : state.Unreachable ? ClosedBecause.Unreachable : ClosedBecause.RatingWindowExpired;

    /// <summary>The ticket's state, who acts and the rating window: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context)
    {
        if (state.RefuseUnlessIn("close", TicketStatus.Resolved) is { } refused)
            return refused;
        if (!by.HoldsOrIsAbove(state, context.Reference) && by != Actor.System)
            return Rules.NotHolderOrAbove(by, state, "close");
        var windowEnds = state.ResolvedAt + context.Settings.RatingWindow;
        if (state.Rating is null && !state.Unreachable && context.Now < windowEnds)
            return Decision.Reject(RuleCodes.RatingWindowOpen, $"The citizen has not rated the resolution and may still do so until {windowEnds:u}.");
        return null;
    }
}
