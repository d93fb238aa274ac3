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
        if (state.RefuseUnlessIn("triage", TicketStatus.Reported) is { } refused)
            return refused;
        if (!By.HoldsOrIsAbove(state, reference))
            return Rules.NotHolderOrAbove(By, state, "triage");
        if (reference.FindMatter(CategoryCode) is not { } matter)
            return Decision.Reject(RuleCodes.UnknownCategory, $"There is no matter {CategoryCode} in the catalogue.");

        if (HandlingUnit(matter, state, reference) is not { } handling)
            return Decision.Reject(RuleCodes.HandlingUnitOutsideLocation, $"{HandlingUnitCode} is not the village, township or county of the ticket's location.");

        return Decision.Accept(new TicketTriaged(
            TicketId, By, context.Now, matter.Code, matter.Level, handling.Unit.Code, handling.Tier, By.UnitCode));
    }

    private (Unit Unit, Tier Tier)? HandlingUnit(Matter matter, Ticket state, ReferenceData reference)
    {
        if (HandlingUnitCode is null)
            return (reference.UnitAt(state.VillageCode, matter.FirstTier), matter.FirstTier);
        var chosen = reference.SelfAndAncestors(state.VillageCode).FirstOrDefault(u => u.Code == HandlingUnitCode);
        return chosen?.Tier is { } tier ? (chosen, tier) : null;
    }
}
