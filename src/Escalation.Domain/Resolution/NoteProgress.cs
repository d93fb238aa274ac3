namespace Escalation.Domain.Resolution;

/// <summary>The holder, or a department taking part through an open whistle, records how the handling goes.</summary>
public sealed record NoteProgress(Guid TicketId, Actor By, string Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        if (Rules.IsBlank(Note))
            return Rules.Missing(RuleCodes.NoteRequired, "note");
        return Decision.Accept(new ProgressNoted(TicketId, By, context.Now, Note));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by)
    {
        if (state.RefuseUnlessIn("note progress on", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (!by.Holds(state) && !state.OpenWhistles.Any(w => w.Engages(by.UnitCode)))
            return Decision.Reject(RuleCodes.NotHolderOrSummoned, $"Only {state.Holder}, which holds the ticket, or a department summoned by its whistle may note progress; {by.UnitCode} is neither.");
        return null;
    }
}
