using Escalation.Domain;
using Escalation.Domain.Triage;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Triage;

/// <param name="CoHandlers">Co-handlers beside the lead, the unit it goes to (joint handling).</param>
public sealed record TriageRequest(string? CategoryCode, string? UnitCode, Joint.CoHandlerRequest?[]? CoHandlers = null);

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
        return new(TicketAction.Triage, fields, Joint.CoHandlerFields.Wrap(fields, request?.CoHandlers, by => new TriageTicket(id, by, category!, unit)));
    }
}
