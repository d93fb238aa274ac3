namespace Escalation.Domain.Resolution;

/// <summary>The holder, or a department taking part through an open whistle, records how the handling goes.</summary>
public sealed record NoteProgress(Guid TicketId, Actor By, string Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (state.RefuseUnlessIn("note progress on", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (!By.Holds(state) && !state.OpenWhistles.Any(w => w.Engages(By.UnitCode)))
            return Decision.Reject(RuleCodes.NotHolderOrSummoned, $"Only {state.Holder}, which holds the ticket, or a department summoned by its whistle may note progress; {By.UnitCode} is neither.");
        if (Rules.IsBlank(Note))
            return Rules.Missing(RuleCodes.NoteRequired, "note");
        return Decision.Accept(new ProgressNoted(TicketId, By, context.Now, Note));
    }
}
