namespace Escalation.Domain.Merging;

/// <summary>
/// Merges a duplicate request into its master. The merge touches two streams: <see cref="Decide"/> gives
/// the duplicate's events and <see cref="DecideForMaster"/> the master's, under the same rules, so they
/// accept or reject together; append both in one session.
/// </summary>
public sealed record MergeTicket(Guid TicketId, Actor By, Guid MasterTicketId)
{
    public Decision Decide(Ticket duplicate, Ticket master, DecisionContext context) =>
        Refuse(duplicate, master, context) ?? Decision.Accept(new TicketMergedInto(TicketId, By, context.Now, MasterTicketId));

    public Decision DecideForMaster(Ticket duplicate, Ticket master, DecisionContext context) =>
        Refuse(duplicate, master, context) ?? Decision.Accept(new DuplicateAttached(MasterTicketId, By, context.Now, TicketId));

    private Decision? Refuse(Ticket duplicate, Ticket master, DecisionContext context)
    {
        if (duplicate.RefuseUnlessIn("merge", Rules.OpenStates) is { } refused)
            return refused;
        if (MasterTicketId == TicketId)
            return Decision.Reject(RuleCodes.MergeIntoItself, "A ticket cannot be merged into itself.");
        if (!Rules.OpenStates.Contains(master.Status))
            return Decision.Reject(RuleCodes.MasterNotOpen, $"The master ticket {MasterTicketId} is no longer open.");
        if (!By.HoldsOrIsAbove(duplicate, context.Reference))
            return Rules.NotHolderOrAbove(By, duplicate, "merge");
        return null;
    }
}
