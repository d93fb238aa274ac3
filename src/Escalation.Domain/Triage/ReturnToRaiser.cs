using Escalation.Domain.Reference;

namespace Escalation.Domain.Triage;

/// <summary>
/// The higher tier sent an escalated ticket back down (退回下级) to the unit that raised it, judging the matter within
/// that tier's powers: the unit must sign for it again.
/// </summary>
public sealed record TicketReturnedToRaiser(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    string FromUnitCode,
    string ToUnitCode,
    Tier FromTier,
    Tier ToTier,
    string Reason,
    ReturnReason ReasonCode) : ITicketEvent;

/// <summary>A unit an escalation raised a ticket from: where a return to the raiser sends it.</summary>
public sealed record RaisedFrom(string UnitCode, Tier Tier);

/// <summary>
/// The holder of an escalated ticket returns it to the unit that raised it, when it judges the matter within the lower
/// tier's powers: with a reason code (new in this API, so required) and a text. Only while the unit that escalated it
/// holds it itself (no department after a transfer), and only to the tier it came from.
/// </summary>
public sealed record ReturnToRaiser(Guid TicketId, Actor By, string Reason, ReturnReason? Code) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        if (Code is not { } code)
            return Rules.Missing(RuleCodes.ReturnReasonCodeRequired, "reason code for the return");
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for the return");
        var raiser = state.RaisedFrom[^1];
        return Decision.Accept(new TicketReturnedToRaiser(
            TicketId, By, context.Now, state.HoldingUnitCode, raiser.UnitCode, state.HandlingTier!.Value, raiser.Tier, Reason, code));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by)
    {
        if (state.RefuseUnlessIn("return to the unit that raised", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (!by.Holds(state))
            return Rules.NotHeldBy(by, state, "return");
        if (state.HoldingDepartmentCode is not null || state.RaisedFrom.Count == 0)
            return Decision.Reject(RuleCodes.NotRaisedFromBelow, "The ticket did not come to its holder by an escalation: there is no unit below that raised it.");
        return null;
    }
}
