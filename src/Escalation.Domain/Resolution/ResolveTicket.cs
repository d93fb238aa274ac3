namespace Escalation.Domain.Resolution;

/// <summary>The holder reports the request resolved (办结) and says how; the citizen is then called back to rate it.</summary>
/// <param name="PartsOverride">Why the lead resolves with parts not fed back, where the county allows it (joint handling).</param>
public sealed record ResolveTicket(Guid TicketId, Actor By, string Summary, string? PartsOverride = null) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        if (Rules.IsBlank(Summary))
            return Rules.Missing(RuleCodes.SummaryRequired, "summary of the resolution");
        var resolved = new TicketResolved(TicketId, By, context.Now, Summary, state.Holder);
        if (state.Joint.Outstanding is { Count: > 0 } outstanding)
        {
            if (!context.Settings.LeadMayOverrideParts || Rules.IsBlank(PartsOverride))
                return Decision.Reject(RuleCodes.PartsOutstanding, $"{outstanding.Count} part(s) are not fed back yet ({string.Join(", ", outstanding.Select(p => p.Party))}): the lead resolves once every part is fed back.");
            return Decision.Accept(new Joint.PartsOverridden(TicketId, By, context.Now, [.. outstanding.Select(p => p.Id)], PartsOverride!), resolved);
        }
        return Decision.Accept(resolved);
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by) =>
        state.RefuseUnlessIn("resolve", TicketStatus.InHandling) ?? (by.Holds(state) ? null : Rules.NotHeldBy(by, state, "resolve"));
}
