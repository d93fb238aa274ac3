using Escalation.Domain.Reference;

namespace Escalation.Domain.Joint;

/// <summary>
/// No unit or department can be found for the matter: the holder, or a unit above it, sends the ticket to the county's
/// fallback owner (兜底, <see cref="CountySettings.FallbackOwner"/>; the county itself by default), which must accept it
/// and then resolve it within its own limit (<see cref="CountySettings.FallbackLimit"/>).
/// </summary>
public sealed record AssignFallback(Guid TicketId, Actor By, string Reason) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason why no unit or department can be found");
        var code = context.Settings.FallbackOwner ?? context.Reference.County.Code;
        if (context.Reference.FindDepartment(code) is { } department)
            return Decision.Accept(new FallbackAssigned(TicketId, By, context.Now, department.Code, true, Tier.County, Reason));
        if (context.Reference.FindUnit(code) is { Tier: { } tier } unit)
            return Decision.Accept(new FallbackAssigned(TicketId, By, context.Now, unit.Code, false, tier, Reason));
        return Decision.Reject(RuleCodes.UnknownDepartment, $"The county's fallback owner {code} is neither a unit nor a department.");
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context)
    {
        if (state.RefuseUnlessIn("send to the fallback owner", TicketStatus.Reported, TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (!by.HoldsOrIsAbove(state, context.Reference))
            return Rules.NotHolderOrAbove(by, state, "send to the fallback owner");
        if (state.Joint.FallbackOwner is { } owner && owner == state.Holder)
            return Decision.Reject(RuleCodes.FallbackOwnerHolds, $"The fallback owner {owner} already holds the ticket.");
        return null;
    }
}
