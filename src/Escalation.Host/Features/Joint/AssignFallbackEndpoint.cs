using Escalation.Domain;
using Escalation.Domain.Joint;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Joint;

/// <summary>No unit or department can be found for the matter: the county's fallback owner (兜底) takes it.</summary>
public static class AssignFallbackEndpoint
{
    [WolverinePost("/api/tickets/{id}/fallback")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ReasonRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, ReasonRequest? request)
    {
        var fields = new Fields();
        var reason = fields.Text(request?.Reason, "reason", 1000);
        return new(TicketAction.AssignFallback, fields, by => new AssignFallback(id, by, reason!));
    }
}
