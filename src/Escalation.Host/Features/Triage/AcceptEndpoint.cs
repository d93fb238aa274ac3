using Escalation.Domain;
using Escalation.Domain.Triage;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Triage;

public static class AcceptEndpoint
{
    [WolverinePost("/api/tickets/{id}/accept")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ApiCommands api) =>
        api.RunAsync(id, Plan(id), null);

    public static TicketCommandPlan Plan(Guid id) => new(TicketAction.Accept, new Fields(), by => new AcceptTicket(id, by));
}
