using Escalation.Domain;
using Escalation.Domain.Triage;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Triage;

/// <param name="ReasonCode">Why, from the list: wrong-place, not-our-powers, duplicate, insufficient-information.</param>
public sealed record ReturnRequest(string? Reason, string? ReasonCode);

public static class ReturnEndpoint
{
    [WolverinePost("/api/tickets/{id}/return")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ReturnRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, ReturnRequest? request)
    {
        var fields = new Fields();
        var reason = fields.Text(request?.Reason, "reason", 1000);
        var code = fields.Choice<ReturnReason>(request?.ReasonCode, "reasonCode", required: false);
        return new(TicketAction.Return, fields, by => new ReturnTicket(id, by, reason!, code));
    }
}
