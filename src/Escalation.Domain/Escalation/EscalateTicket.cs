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
        if (state.RefuseUnlessIn("escalate", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (!By.Holds(state) && By != Actor.System)
            return Rules.NotHeldBy(By, state, "escalate");
        if (Reason == EscalationReason.CitizenUnsatisfied)
            return Decision.Reject(RuleCodes.EscalationReasonReserved, "Only the citizen's unsatisfied rating escalates a ticket for that reason.");
        if (OneTierUp(state, By, Reason, Note, context) is not { } escalated)
            return Decision.Reject(RuleCodes.TopTierReached, "The ticket is at the county-leader tier: there is no tier above it.");
        return Decision.Accept(escalated);
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
