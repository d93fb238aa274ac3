namespace Escalation.Domain.Extension;

/// <summary>
/// The reviewer named in the request approves the extension (the limit's deadline and yellow light move) or refuses it
/// with a reason (the limit stays). A request whose limit no longer runs (it passed and escalated, or the ticket moved on)
/// has lapsed and cannot be decided.
/// </summary>
public sealed record ReviewExtension(Guid TicketId, Actor By, bool Approve, string? Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        var request = state.LiveExtension!;
        if (Approve)
            return Decision.Accept(new ExtensionApproved(
                TicketId, By, context.Now, request.Clock, request.Holder, request.WhistleId, request.Deadline, request.RequestedDeadline, Note));
        if (Rules.IsBlank(Note))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for refusing the extension");
        return Decision.Accept(new ExtensionRefused(TicketId, By, context.Now, request.Clock, request.Holder, request.WhistleId, request.Deadline, Note!));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by)
    {
        if (state.RefuseUnlessIn("review an extension of", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (state.LiveExtension is not { } request)
            return Decision.Reject(RuleCodes.NoExtensionPending, "No extension awaits a review on the ticket (none was asked, or its limit no longer runs).");
        if (by.UnitCode != request.ReviewerUnitCode)
            return Decision.Reject(RuleCodes.NotReviewer, $"Only {request.ReviewerUnitCode} reviews this request; {by.UnitCode} does not.");
        return null;
    }
}
