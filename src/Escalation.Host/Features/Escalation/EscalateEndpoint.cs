using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Escalation;

public sealed record EscalateRequest(string? Reason, string? Note);

public static class EscalateEndpoint
{
    [WolverinePost("/api/tickets/{id}/escalate")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, EscalateRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, EscalateRequest? request)
    {
        var fields = new Fields();
        var reason = fields.Choice<EscalationReason>(request?.Reason, "reason");
        var note = fields.Text(request?.Note, "note", 1000, required: false);
        return new(TicketAction.Escalate, fields, by => new EscalateTicket(id, by, reason!.Value, note));
    }
}
