namespace Escalation.Domain.Joint;

/// <summary>
/// The whistling unit evaluates (评价) a department its whistle summoned: on time, attitude and result (1–5 each) and a
/// score (0–100), once per department; a department that returned its summons is not evaluated.
/// </summary>
public sealed record EvaluateDepartment(
    Guid TicketId, Actor By, Guid WhistleId, string DepartmentCode, bool OnTime, int Attitude, int Result, int Score, string? Comment) : ITicketCommand
{
    /// <summary>After the whistle, whether or not the ticket has been resolved or closed since.</summary>
    public static readonly TicketStatus[] States = [TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Resolved, TicketStatus.Closed];

    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, WhistleId) is { } refused)
            return refused;
        var whistle = state.Joint.FindWhistle(WhistleId)!;
        if (!whistle.Engages(DepartmentCode))
            return Decision.Reject(RuleCodes.DepartmentNotSummoned, $"The whistle does not summon {DepartmentCode}, or {DepartmentCode} returned its summons.");
        if (whistle.Evaluated.Contains(DepartmentCode))
            return Decision.Reject(RuleCodes.AlreadyEvaluated, $"{DepartmentCode} was already evaluated for this whistle.");
        if (Attitude is < 1 or > 5 || Result is < 1 or > 5 || Score is < 0 or > 100)
            return Decision.Reject(RuleCodes.ScoreOutOfRange, "Attitude and result are 1 to 5, the score 0 to 100.");
        return Decision.Accept(new DepartmentEvaluated(
            TicketId, By, context.Now, WhistleId, whistle.BlownBy, DepartmentCode, OnTime, Attitude, Result, Score, Comment));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, Guid whistleId)
    {
        if (state.RefuseUnlessIn("evaluate a department on", States) is { } refused)
            return refused;
        if (state.Joint.FindWhistle(whistleId) is not { } whistle)
            return Decision.Reject(RuleCodes.UnknownWhistle, $"The ticket has no whistle {whistleId}.");
        if (whistle.BlownBy != by.UnitCode)
            return Decision.Reject(RuleCodes.NotWhistler, $"Only {whistle.BlownBy}, which blew the whistle, may do this; {by.UnitCode} did not.");
        return null;
    }
}
