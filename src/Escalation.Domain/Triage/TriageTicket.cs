using Escalation.Domain.Reference;

namespace Escalation.Domain.Triage;

/// <summary>
/// Categorises a reported ticket and dispatches it (派单) to a unit in its location's chain: the village,
/// the township or the county. Without a unit it goes to the matter's first tier.
/// </summary>
public sealed record TriageTicket(Guid TicketId, Actor By, string CategoryCode, string? HandlingUnitCode) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        var reference = context.Reference;
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (reference.FindMatter(CategoryCode) is not { } matter)
            return Decision.Reject(RuleCodes.UnknownCategory, $"There is no matter {CategoryCode} in the catalogue.");

        if (HandlingUnit(matter, state, reference) is not { } handling)
            return Decision.Reject(RuleCodes.HandlingUnitOutsideLocation, $"{HandlingUnitCode} is not the village, township or county of the ticket's location.");

        return Decision.Accept(new TicketTriaged(
            TicketId, By, context.Now, matter.Code, matter.Level, handling.Unit.Code, handling.Tier, By.UnitCode));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context) =>
        state.RefuseUnlessIn("triage", TicketStatus.Reported)
        ?? (by.HoldsOrIsAbove(state, context.Reference) ? null : Rules.NotHolderOrAbove(by, state, "triage"));

    private (Unit Unit, Tier Tier)? HandlingUnit(Matter matter, Ticket state, ReferenceData reference)
    {
        if (HandlingUnitCode is null)
            return (reference.UnitAt(state.VillageCode, matter.FirstTier), matter.FirstTier);
        var chosen = reference.SelfAndAncestors(state.VillageCode).FirstOrDefault(u => u.Code == HandlingUnitCode);
        return chosen?.Tier is { } tier ? (chosen, tier) : null;
    }
}
