using Escalation.Domain.Triage;
using Escalation.Host.Api;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Escalation.Host.Features.Triage;

public sealed record ReasonRequest(string? Reason);

public static class ReturnEndpoint
{
    [WolverinePost("/api/tickets/{id}/return")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ReasonRequest? request, HttpContext http, IDocumentSession session, IMessageBus bus, TicketCommandRunner runner) =>
        runner.RunAsync(http, session, bus, id, Plan(id, request));

    public static TicketCommandPlan Plan(Guid id, ReasonRequest? request)
    {
        var fields = new Fields();
        var reason = fields.Text(request?.Reason, "reason", 1000);
        return new(TicketAction.Return, fields, by => new ReturnTicket(id, by, reason!));
    }
}
