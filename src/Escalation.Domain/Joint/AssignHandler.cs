namespace Escalation.Domain.Joint;

/// <summary>
/// The unit or department holding the ticket names the person within it who handles it; naming another is a
/// reassignment. The person sees the ticket in their "mine" queue while their unit holds it.
/// </summary>
public sealed record AssignHandler(Guid TicketId, Actor By, string UserId) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        if (context.Reference.FindUser(UserId) is not { } user)
            return Decision.Reject(RuleCodes.UnknownUser, $"There is no user {UserId} in the county.");
        if (user.UnitCode != state.Holder)
            return Decision.Reject(RuleCodes.HandlerNotInUnit, $"{UserId} is not in {state.Holder}, which holds the ticket.");
        if (state.HandlerUserId == UserId)
            return Decision.Reject(RuleCodes.AlreadyAssigned, $"{UserId} already handles the ticket.");
        return Decision.Accept(new HandlerAssigned(TicketId, By, context.Now, state.Holder, UserId, state.HandlerUserId));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by) =>
        state.RefuseUnlessIn("assign a handler to", TicketStatus.Reported, TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Resolved)
        ?? (by.Holds(state) ? null : Rules.NotHeldBy(by, state, "assign a handler to"));
}
