namespace Escalation.Domain.Privacy;

/// <summary>Erases the citizen's personal data (PIPL), in any state, merged tickets included.</summary>
public sealed record EraseCitizenData(Guid TicketId, Actor By) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context) =>
        Refuses(state) ?? Decision.Accept(new CitizenDataErased(TicketId, By, context.Now));

    /// <summary>The ticket's state: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state) => state.CitizenDataErased
        ? Decision.Reject(RuleCodes.CitizenDataAlreadyErased, "The citizen's data on this ticket has already been erased.")
        : null;
}
