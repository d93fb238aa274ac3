namespace Escalation.Domain.Supervision;

/// <summary>A unit above the holder, or the county at any time, urges an open ticket on (督办).</summary>
public sealed record UrgeTicket(Guid TicketId, Actor By, string Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (Rules.IsBlank(Note))
            return Rules.Missing(RuleCodes.NoteRequired, "note");
        return Decision.Accept(new TicketUrged(TicketId, By, context.Now, Note));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context)
    {
        var reference = context.Reference;
        if (state.RefuseUnlessIn("urge", Ticket.OpenStates) is { } refused)
            return refused;
        // The county supervises even the tickets it holds itself: its leaders urge their own offices.
        if (!by.IsAbove(state, reference) && by.UnitCode != reference.County.Code)
            return Decision.Reject(RuleCodes.NotAboveHolder, $"Only a unit above {state.Holder}, or the county, may urge the ticket; {by.UnitCode} is not.");
        return null;
    }
}
