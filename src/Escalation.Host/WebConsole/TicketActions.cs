using System.Security.Claims;
using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Escalation.Projections;

namespace Escalation.Host.WebConsole;

/// <summary>One action the console offers on a ticket; <see cref="WhistleId"/> names the whistle a department answers.</summary>
public sealed record OfferedAction(string Name, Guid? WhistleId = null);

/// <summary>
/// The actions worth offering a user on a ticket as it stands: the role's actions that fit the ticket's state and
/// holder. It only decides which forms to show; the domain's rules still decide whether each is allowed.
/// </summary>
public static class TicketActions
{
    public static IReadOnlyList<OfferedAction> For(ClaimsPrincipal user, TicketView ticket)
    {
        var (userId, _, unit) = EscalationClaims.ActorOf(user);
        var status = ticket.Status;
        var actions = new List<OfferedAction>();
        void Offer(string name, bool when)
        {
            if (when)
                actions.Add(new OfferedAction(name));
        }

        switch (EscalationClaims.RoleOf(user))
        {
            case Role.Dispatcher:
                var holds = ticket.HoldingUnitCode == unit && ticket.HoldingDepartmentCode is null;
                var working = status is TicketStatus.Dispatched or TicketStatus.InHandling;
                Offer("triage", holds && status == TicketStatus.Reported);
                Offer("accept", holds && status == TicketStatus.Dispatched);
                Offer("whistle", holds && status == TicketStatus.InHandling && ticket.HandlingTier is Tier.Township or Tier.County);
                Offer("progress", holds && status == TicketStatus.InHandling);
                Offer("resolve", holds && status == TicketStatus.InHandling);
                Offer("escalate", holds && working);
                Offer("return", holds && status == TicketStatus.Dispatched);
                Offer("close", holds && status == TicketStatus.Resolved);
                break;
            case Role.Department:
                var held = ticket.HoldingDepartmentCode == unit;
                foreach (var whistle in ticket.Whistles.Where(w => w.Open && w.Departments.Contains(unit)
                             && w.ReportIns.All(r => r.DepartmentCode != unit) && !w.ReturnedBy.Contains(unit)))
                {
                    actions.Add(new OfferedAction("reportIn", whistle.Id));
                    actions.Add(new OfferedAction("returnSummons", whistle.Id));
                }
                Offer("accept", held && status == TicketStatus.Dispatched);
                Offer("progress", status == TicketStatus.InHandling);
                Offer("resolve", held && status == TicketStatus.InHandling);
                Offer("return", held && status is TicketStatus.Dispatched or TicketStatus.InHandling);
                break;
            case Role.Operator:
                Offer("rate", ticket.ReportedBy == userId && status == TicketStatus.Resolved);
                break;
        }
        return actions;
    }
}
