using Escalation.Domain;
using Escalation.Domain.Joint;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Joint;

public sealed record AssignHandlerRequest(string? UserId);

/// <summary>The holding unit names (or renames) the person within it who handles the ticket: their "mine" queue.</summary>
public static class AssignHandlerEndpoint
{
    [WolverinePost("/api/tickets/{id}/handler")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, AssignHandlerRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, AssignHandlerRequest? request)
    {
        var fields = new Fields();
        var user = fields.Text(request?.UserId, "userId", 64);
        return new(TicketAction.AssignHandler, fields, by => new AssignHandler(id, by, user!));
    }
}
