using Escalation.Domain.Reference;

namespace Escalation.Domain.Rating;

/// <summary>
/// The callback seat (回访): callback operators and the hotline's operators call back every resolved ticket within their
/// unit, whoever opened it (a dispatcher for a grid worker, a walk-in), so that the ratings are not only of the tickets
/// an operator opened.
/// </summary>
public static class CallbackDesk
{
    /// <summary>The states in which the callback desk sees a ticket: resolved (to call back) or closed (what it called back).</summary>
    public static readonly TicketStatus[] States = [TicketStatus.Resolved, TicketStatus.Closed];

    public static bool IsSeat(Role role) => role is Role.Callback or Role.Operator;

    /// <summary>Whether a seat of <paramref name="role"/> at <paramref name="unitCode"/> sees the ticket on the callback desk.</summary>
    public static bool Sees(Role role, string unitCode, Ticket ticket, ReferenceData reference) =>
        IsSeat(role) && States.Contains(ticket.Status) && reference.IsSelfOrAncestor(unitCode, ticket.HoldingUnitCode);
}
