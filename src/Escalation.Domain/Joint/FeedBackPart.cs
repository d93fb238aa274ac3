namespace Escalation.Domain.Joint;

/// <summary>A party carries out its part (落实) and feeds back (反馈) how; once only, late or not (lateness is counted, never refused).</summary>
public sealed record FeedBackPart(Guid TicketId, Actor By, Guid PartId, string Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, PartId) is { } refused)
            return refused;
        if (Rules.IsBlank(Note))
            return Rules.Missing(RuleCodes.NoteRequired, "note of what was done");
        var part = state.Joint.FindPart(PartId)!;
        return Decision.Accept(new PartFedBack(TicketId, By, context.Now, PartId, part.WhistleId, part.Party, part.AssignedBy, part.Due, Note));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, Guid partId)
    {
        if (state.RefuseUnlessIn("feed back a part of", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (state.Joint.FindPart(partId) is not { } part)
            return Decision.Reject(RuleCodes.UnknownPart, $"The ticket has no part {partId}.");
        if (part.Party != by.UnitCode)
            return Decision.Reject(RuleCodes.NotPartHolder, $"The part is {part.Party}'s to feed back, not {by.UnitCode}'s.");
        if (part.FedBack)
            return Decision.Reject(RuleCodes.PartAlreadyFedBack, "The part was already fed back.");
        return null;
    }
}
