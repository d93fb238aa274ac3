namespace Escalation.Domain.Whistle;

/// <summary>A department summoned by an open whistle reports in (报到), once.</summary>
public sealed record ReportIn(Guid TicketId, Actor By, Guid WhistleId, bool OnSite, string? Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (state.RefuseUnlessIn("report in to", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (Summons.Check(state, By, WhistleId) is { } notSummoned)
            return notSummoned;
        return Decision.Accept(new DepartmentReportedIn(TicketId, By, context.Now, WhistleId, By.UnitCode, By.UserId, OnSite, Note));
    }
}
