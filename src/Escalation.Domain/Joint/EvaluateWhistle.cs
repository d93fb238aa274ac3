namespace Escalation.Domain.Joint;

/// <summary>
/// A summoned party evaluates the whistle, once: was it justified, and was the matter within the whistling unit's own
/// powers. Unjustified, or within the whistler's own powers: a frivolous whistle, counted against the whistler.
/// </summary>
public sealed record EvaluateWhistle(Guid TicketId, Actor By, Guid WhistleId, bool Justified, bool WithinWhistlerPowers, string? Comment) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, WhistleId) is { } refused)
            return refused;
        var whistle = state.Joint.FindWhistle(WhistleId)!;
        return Decision.Accept(new WhistleEvaluated(
            TicketId, By, context.Now, WhistleId, whistle.BlownBy, By.UnitCode, Justified, WithinWhistlerPowers, !Justified || WithinWhistlerPowers, Comment));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, Guid whistleId)
    {
        if (state.RefuseUnlessIn("evaluate the whistle on", EvaluateDepartment.States) is { } refused)
            return refused;
        if (state.Joint.FindWhistle(whistleId) is not { } whistle)
            return Decision.Reject(RuleCodes.UnknownWhistle, $"The ticket has no whistle {whistleId}.");
        if (!whistle.Engages(by.UnitCode))
            return Decision.Reject(RuleCodes.DepartmentNotSummoned, $"The whistle does not summon {by.UnitCode}, or {by.UnitCode} returned its summons.");
        if (whistle.JudgedBy.Contains(by.UnitCode))
            return Decision.Reject(RuleCodes.AlreadyEvaluated, $"{by.UnitCode} already evaluated this whistle.");
        return null;
    }
}
