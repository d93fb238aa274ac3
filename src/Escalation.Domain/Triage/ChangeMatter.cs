namespace Escalation.Domain.Triage;

/// <summary>
/// The dispatcher changed the ticket's matter (category) while it was being handled: its limits now follow the new
/// matter's class.
/// </summary>
/// <param name="Level">The new matter's level in the catalogue (1 to 3).</param>
public sealed record MatterChanged(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    string? FromCategoryCode,
    string ToCategoryCode,
    int Level,
    string Reason) : ITicketEvent;

/// <summary>
/// A dispatcher above the holder (or the county, which dispatches to itself) changes the matter of a dispatched or
/// handled ticket, with a reason. Its turn re-routes the limits: the holder's running limit starts again with the new
/// class's limit, counted from when that limit started, and the whole case's limit takes the new class's, counted from
/// the report, as a triage that names a matter of another class does.
/// </summary>
public sealed record ChangeMatter(Guid TicketId, Actor By, string CategoryCode, string Reason) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (context.Reference.FindMatter(CategoryCode) is not { } matter)
            return Decision.Reject(RuleCodes.UnknownCategory, $"There is no matter {CategoryCode} in the catalogue.");
        if (matter.Code == state.CategoryCode)
            return Decision.Reject(RuleCodes.MatterUnchanged, $"The ticket's matter is {matter.Code} already.");
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for the change of matter");
        return Decision.Accept(new MatterChanged(TicketId, By, context.Now, state.CategoryCode, matter.Code, matter.Level, Reason));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context)
    {
        if (state.RefuseUnlessIn("change the matter of", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        // The holder does not reclassify its own ticket (that would choose its own limit); the county dispatches to itself.
        if (!by.IsAbove(state, context.Reference) && by.UnitCode != context.Reference.County.Code)
            return Decision.Reject(RuleCodes.NotAboveHolder, $"Only a unit above {state.Holder}, or the county, may change the ticket's matter; {by.UnitCode} is not.");
        return null;
    }
}
