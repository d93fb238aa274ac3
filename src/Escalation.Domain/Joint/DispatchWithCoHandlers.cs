using Escalation.Domain.Reference;
using Escalation.Domain.Timers;

namespace Escalation.Domain.Joint;

/// <summary>A co-handler a dispatch names: a department, its part, and when it is due (none: the county's limit to resolve the matter).</summary>
public sealed record CoHandler(Guid PartId, string DepartmentCode, string Task, DateTimeOffset? Due);

/// <summary>
/// A dispatch (a triage or a transfer) that names co-handlers (协办) beside its lead (牵头): the unit or department the
/// dispatch sends the ticket to leads, and each co-handler gets its part and its own clock.
/// </summary>
public sealed record DispatchWithCoHandlers(ITicketCommand Dispatch, IReadOnlyList<CoHandler> CoHandlers) : ITicketCommand
{
    public Guid TicketId => Dispatch.TicketId;

    public Actor By => Dispatch.By;

    public Decision Decide(Ticket state, DecisionContext context)
    {
        var dispatched = Dispatch.Decide(state, context);
        if (dispatched.IsRejected)
            return dispatched;
        var after = dispatched.Events.Aggregate(state, (ticket, e) => ticket.Evolve(e));
        var lead = after.Holder;
        if (CoHandlers is not { Count: > 0 })
            return Decision.Reject(RuleCodes.DepartmentsRequired, "Name at least one co-handler, or dispatch without them.");
        if (CoHandlers.Select(c => c.DepartmentCode).Distinct().Count() != CoHandlers.Count)
            return Decision.Reject(RuleCodes.DuplicateDepartment, "A dispatch names each co-handler once.");
        var limitClass = context.Reference.FindMatter(after.CategoryCode)?.TimeLimit ?? TimeLimitClass.General;
        var byDefault = context.Reference.TimeLimits.DeadlineFor(Clock.Resolve, limitClass, after.Urgency, after.HandlingTier ?? Tier.Township, context.Now).DueAt;
        var parts = new List<AgreedPart>();
        foreach (var co in CoHandlers)
        {
            if (context.Reference.FindDepartment(co.DepartmentCode) is null)
                return Decision.Reject(RuleCodes.UnknownDepartment, $"There is no department {co.DepartmentCode} in the county.");
            if (co.DepartmentCode == lead)
                return Decision.Reject(RuleCodes.CoHandlerIsLead, $"{lead} leads the ticket; it cannot also be its co-handler.");
            if (Rules.IsBlank(co.Task))
                return Decision.Reject(RuleCodes.TaskRequired, $"The part of {co.DepartmentCode} must say what it is to do.");
            if (co.Due is { } due && due <= context.Now)
                return Decision.Reject(RuleCodes.PartDueNotLater, $"The part of {co.DepartmentCode} must be due after now.");
            parts.Add(new AgreedPart(co.PartId, co.DepartmentCode, co.Task, co.Due ?? byDefault));
        }
        return Decision.Accept([.. dispatched.Events, new CoHandlersNamed(TicketId, By, context.Now, lead, parts)]);
    }
}
