namespace Escalation.Domain.Closure;

/// <summary>
/// Closes a resolved ticket (结案) once the citizen has rated it, or once the rating window has passed
/// without a rating. The holder, a unit above it, or <see cref="Actor.System"/> when the window expires.
/// </summary>
public sealed record CloseTicket(Guid TicketId, Actor By, string? Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (state.RefuseUnlessIn("close", TicketStatus.Resolved) is { } refused)
            return refused;
        if (!By.HoldsOrIsAbove(state, context.Reference) && By != Actor.System)
            return Rules.NotHolderOrAbove(By, state, "close");

        if (state.Rating is not null)
            return Decision.Accept(new TicketClosed(TicketId, By, context.Now, ClosedBecause.Rated, Note));
        var windowEnds = state.ResolvedAt + context.Settings.RatingWindow;
        if (context.Now < windowEnds)
            return Decision.Reject(RuleCodes.RatingWindowOpen, $"The citizen has not rated the resolution and may still do so until {windowEnds:u}.");
        return Decision.Accept(new TicketClosed(TicketId, By, context.Now, ClosedBecause.RatingWindowExpired, Note));
    }
}
