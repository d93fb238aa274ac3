using Escalation.Domain.Closure;

namespace Escalation.Domain.Merging;

/// <summary>The host closes a merged duplicate when its master closes.</summary>
public sealed record CloseWithMaster(Guid TicketId, Actor By) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context) =>
        state.Status == TicketStatus.Merged
            ? Decision.Accept(new TicketClosed(TicketId, By, context.Now, ClosedBecause.WithMaster, Note: null))
            : Decision.Reject(RuleCodes.InvalidState, "Only a merged duplicate closes with its master.");
}
