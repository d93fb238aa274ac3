namespace Escalation.Domain.Merging;

/// <summary>
/// Merges a duplicate request into its master. The merge touches two streams: this command decides the duplicate's
/// events, and its turn (<see cref="TicketTurn"/>) asks <see cref="AttachDuplicate"/> on the master in the same
/// transaction; when the master refuses, nothing of the merge is kept.
/// </summary>
public sealed record MergeTicket(Guid TicketId, Actor By, Guid MasterTicketId) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (MasterTicketId == TicketId)
            return Decision.Reject(RuleCodes.MergeIntoItself, "A ticket cannot be merged into itself.");
        return Decision.Accept(new TicketMergedInto(TicketId, By, context.Now, MasterTicketId));
    }

    /// <summary>The duplicate's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context) =>
        state.RefuseUnlessIn("merge", Ticket.OpenStates)
        ?? (by.HoldsOrIsAbove(state, context.Reference) ? null : Rules.NotHolderOrAbove(by, state, "merge"));
}

/// <summary>The master of a merge takes a duplicate in (the other half of <see cref="MergeTicket"/>), while it is open.</summary>
public sealed record AttachDuplicate(Guid TicketId, Actor By, Guid DuplicateTicketId) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context) => Ticket.OpenStates.Contains(state.Status)
        ? Decision.Accept(new DuplicateAttached(TicketId, By, context.Now, DuplicateTicketId))
        : Decision.Reject(RuleCodes.MasterNotOpen, $"The master ticket {TicketId} is no longer open.");
}
