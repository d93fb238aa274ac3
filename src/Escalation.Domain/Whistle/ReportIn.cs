namespace Escalation.Domain.Whistle;

/// <summary>A department summoned by an open whistle reports in (报到), once.</summary>
public sealed record ReportIn(Guid TicketId, Actor By, Guid WhistleId, bool OnSite, string? Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        return Refuses(state, By, WhistleId)
            ?? Decision.Accept(new DepartmentReportedIn(TicketId, By, context.Now, WhistleId, By.UnitCode, By.UserId, OnSite, Note));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, Guid whistleId) =>
        state.RefuseUnlessIn("report in to", TicketStatus.Dispatched, TicketStatus.InHandling) ?? Summons.Check(state, by, whistleId);
}
