using Escalation.Domain.Extension;

namespace Escalation.Domain.Triage;

/// <summary>
/// The holder asked to return a mis-dispatch (退单) where the county requires the level above to review returns
/// (<see cref="CountySettings.ReturnsReviewed"/>): nothing moves until <paramref name="ReviewerUnitCode"/> decides.
/// </summary>
/// <param name="BackToUnitCode">The dispatcher the ticket would go back to, as <see cref="TicketReturned"/> names it.</param>
public sealed record ReturnRequested(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    string Reason,
    ReturnReason? ReasonCode,
    string Holder,
    string BackToUnitCode,
    string ReviewerUnitCode) : ITicketEvent;

/// <summary>The reviewer approved the return: the <see cref="TicketReturned"/> appended with it takes effect.</summary>
public sealed record ReturnApproved(Guid TicketId, Actor By, DateTimeOffset At, string Holder, string? Note) : ITicketEvent;

/// <summary>The reviewer refused the return: the holder keeps the ticket, its clocks as they were.</summary>
public sealed record ReturnRefused(Guid TicketId, Actor By, DateTimeOffset At, string Holder, string Reason) : ITicketEvent;

/// <summary>A return asked for and not yet reviewed; it lapses once its holder no longer has the ticket.</summary>
public sealed record PendingReturn(string Reason, ReturnReason? ReasonCode, string Holder, string BackToUnitCode, string ReviewerUnitCode)
{
    public static PendingReturn Of(ReturnRequested e) => new(e.Reason, e.ReasonCode, e.Holder, e.BackToUnitCode, e.ReviewerUnitCode);
}

/// <summary>
/// The level above the holder (or the county, by the same setting as extensions and pauses) approves a return asked for,
/// which then takes effect as a return does, or refuses it with a reason. A request lapses when the ticket moves on
/// (escalated, transferred, resolved) before its review.
/// </summary>
public sealed record ReviewReturn(Guid TicketId, Actor By, bool Approve, string? Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        var request = state.LiveReturn!;
        if (Approve)
            return Decision.Accept(
                new ReturnApproved(TicketId, By, context.Now, request.Holder, Note),
                new TicketReturned(TicketId, By, context.Now, request.Reason, request.Holder, request.BackToUnitCode, request.BackToUnitCode, null, request.ReasonCode));
        if (Rules.IsBlank(Note))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for refusing the return");
        return Decision.Accept(new ReturnRefused(TicketId, By, context.Now, request.Holder, Note!));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by)
    {
        if (state.RefuseUnlessIn("review a return of", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (state.LiveReturn is not { } request)
            return Decision.Reject(RuleCodes.NoReturnPending, "No return awaits a review on the ticket (none was asked, or its holder no longer has it).");
        if (by.UnitCode != request.ReviewerUnitCode)
            return Decision.Reject(RuleCodes.NotReviewer, $"Only {request.ReviewerUnitCode} reviews this return; {by.UnitCode} does not.");
        return null;
    }

    /// <summary>Who reviews a holder's return: the unit above it, or the county (<see cref="CountySettings.ClocksReviewedBy"/>).</summary>
    internal static string ReviewerOf(string holder, DecisionContext context) => RequestExtension.ReviewerOf(holder, context);
}
