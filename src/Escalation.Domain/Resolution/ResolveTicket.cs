namespace Escalation.Domain.Resolution;

/// <summary>The holder reports the request resolved (办结) and says how; the citizen is then called back to rate it.</summary>
public sealed record ResolveTicket(Guid TicketId, Actor By, string Summary) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        if (Rules.IsBlank(Summary))
            return Rules.Missing(RuleCodes.SummaryRequired, "summary of the resolution");
        return Decision.Accept(new TicketResolved(TicketId, By, context.Now, Summary, state.Holder));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by) =>
        state.RefuseUnlessIn("resolve", TicketStatus.InHandling) ?? (by.Holds(state) ? null : Rules.NotHeldBy(by, state, "resolve"));
}
