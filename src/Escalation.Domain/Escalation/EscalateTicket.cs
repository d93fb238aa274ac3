using Escalation.Domain.Reference;

namespace Escalation.Domain.Escalation;

/// <summary>
/// Sends the ticket exactly one tier up (提级): village → township → county → county leader (包保).
/// The holder escalates by hand; <see cref="Actor.System"/> escalates when a deadline is missed.
/// </summary>
public sealed record EscalateTicket(Guid TicketId, Actor By, EscalationReason Reason, string? Note) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        if (Reason == EscalationReason.CitizenUnsatisfied)
            return Decision.Reject(RuleCodes.EscalationReasonReserved, "Only the citizen's unsatisfied rating escalates a ticket for that reason.");
        return Decision.Accept(OneTierUp(state, By, Reason, Note, context)!);
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by)
    {
        if (state.RefuseUnlessIn("escalate", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (!by.Holds(state) && by != Actor.System)
            return Rules.NotHeldBy(by, state, "escalate");
        if (state.HandlingTier is not { } tier || tier == Tier.CountyLeader)
            return Decision.Reject(RuleCodes.TopTierReached, "The ticket is at the county-leader tier: there is no tier above it.");
        return null;
    }

    /// <summary>The escalation from the ticket's tier to the next, or none at the county-leader tier.</summary>
    internal static TicketEscalated? OneTierUp(Ticket state, Actor by, EscalationReason reason, string? note, DecisionContext context)
    {
        if (state.HandlingTier is not { } from || from == Tier.CountyLeader)
            return null;
        var to = from + 1;
        var toUnit = context.Reference.UnitAt(state.HoldingUnitCode, to);
        return new TicketEscalated(state.Id, by, context.Now, state.Holder, toUnit.Code, from, to, reason, note);
    }
}
