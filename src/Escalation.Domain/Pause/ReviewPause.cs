namespace Escalation.Domain.Pause;

/// <summary>
/// The reviewer named in the request approves the pause (the clock to resolve stops now, until the date asked for or the
/// county's maximum, whichever comes first) or refuses it with a reason.
/// </summary>
public sealed record ReviewPause(Guid TicketId, Actor By, bool Approve, string? Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        var request = state.LivePause!;
        if (!Approve)
        {
            return Rules.IsBlank(Note)
                ? Rules.Missing(RuleCodes.ReasonRequired, "reason for refusing the pause")
                : Decision.Accept(new PauseRefused(TicketId, By, context.Now, Note!));
        }
        var latest = RequestPause.LatestEnd(state, context.Now, context);
        var until = request.Until < latest ? request.Until : latest;
        if (until <= context.Now)
            return Decision.Reject(RuleCodes.PauseEndNotLater, $"The pause asked for would have ended at {until:O}: nothing is left to approve.");
        return Decision.Accept(new PauseApproved(TicketId, By, context.Now, until, Note));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by)
    {
        if (state.RefuseUnlessIn("review a pause of", TicketStatus.InHandling) is { } refused)
            return refused;
        if (state.LivePause is not { } request)
            return Decision.Reject(RuleCodes.NoPausePending, "No pause awaits a review on the ticket (none was asked, or its holder no longer handles it).");
        if (by.UnitCode != request.ReviewerUnitCode)
            return Decision.Reject(RuleCodes.NotReviewer, $"Only {request.ReviewerUnitCode} reviews this request; {by.UnitCode} does not.");
        return null;
    }
}
