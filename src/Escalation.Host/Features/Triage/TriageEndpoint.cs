using Escalation.Domain;
using Escalation.Domain.Triage;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Triage;

public sealed record TriageRequest(string? CategoryCode, string? UnitCode);

public static class TriageEndpoint
{
    [WolverinePost("/api/tickets/{id}/triage")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, TriageRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, TriageRequest? request)
    {
        var fields = new Fields();
        var category = fields.Text(request?.CategoryCode, "categoryCode", 64);
        var unit = fields.Text(request?.UnitCode, "unitCode", 64, required: false);
        return new(TicketAction.Triage, fields, by => new TriageTicket(id, by, category!, unit));
    }
}
