namespace Escalation.Domain.Privacy;

/// <summary>Erases the citizen's personal data (PIPL), in any state, merged tickets included.</summary>
public sealed record EraseCitizenData(Guid TicketId, Actor By) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (state.CitizenDataErased)
            return Decision.Reject(RuleCodes.CitizenDataAlreadyErased, "The citizen's data on this ticket has already been erased.");
        return Decision.Accept(new CitizenDataErased(TicketId, By, context.Now));
    }
}
