using Escalation.Domain.Triage;
using Escalation.Host.Api;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Escalation.Host.Features.Triage;

public static class AcceptEndpoint
{
    [WolverinePost("/api/tickets/{id}/accept")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, HttpContext http, IDocumentSession session, IMessageBus bus, TicketCommandRunner runner) =>
        runner.RunAsync(http, session, bus, id, Plan(id));

    public static TicketCommandPlan Plan(Guid id) => new(TicketAction.Accept, new Fields(), by => new AcceptTicket(id, by));
}
