using Escalation.Domain.Triage;

namespace Escalation.Domain.Whistle;

/// <summary>
/// A summoned department, instead of reporting in, sends its summons back (退单) with a reason.
/// The ticket stays where it is; the return counts against the unit that blew the whistle.
/// </summary>
public sealed record ReturnSummons(Guid TicketId, Actor By, Guid WhistleId, string Reason) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, WhistleId) is { } refused)
            return refused;
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for the return");

        var whistler = state.OpenWhistles.Single(w => w.Id == WhistleId).BlownByUnitCode;
        return Decision.Accept(new TicketReturned(
            TicketId, By, context.Now, Reason, By.UnitCode, whistler, CountedAgainst: whistler, WhistleId));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, Guid whistleId) =>
        state.RefuseUnlessIn("return a summons on", TicketStatus.Dispatched, TicketStatus.InHandling) ?? Summons.Check(state, by, whistleId);
}
