namespace Escalation.Domain.Whistle;

/// <summary>A department answers a whistle, by reporting in or returning its summons, only when it is summoned and has not answered yet.</summary>
internal static class Summons
{
    public static Decision? Check(Ticket state, Actor by, Guid whistleId)
    {
        if (state.FindWhistle(whistleId) is not { } whistle)
            return Decision.Reject(RuleCodes.UnknownWhistle, $"The ticket has no open whistle {whistleId}.");
        if (!whistle.Summons(by.UnitCode))
            return Decision.Reject(RuleCodes.DepartmentNotSummoned, $"The whistle does not summon {by.UnitCode}.");
        if (whistle.IsAnsweredBy(by.UnitCode))
            return Decision.Reject(RuleCodes.SummonsAlreadyAnswered, $"{by.UnitCode} has already answered this whistle.");
        return null;
    }
}
