namespace Escalation.Domain.Resolution;

/// <summary>The holder reports the request resolved (办结) and says how; the citizen is then called back to rate it.</summary>
public sealed record ResolveTicket(Guid TicketId, Actor By, string Summary) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (state.RefuseUnlessIn("resolve", TicketStatus.InHandling) is { } refused)
            return refused;
        if (!By.Holds(state))
            return Rules.NotHeldBy(By, state, "resolve");
        if (Rules.IsBlank(Summary))
            return Rules.Missing(RuleCodes.SummaryRequired, "summary of the resolution");
        return Decision.Accept(new TicketResolved(TicketId, By, context.Now, Summary, state.Holder));
    }
}
